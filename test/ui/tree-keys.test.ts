import { describe, expect, it } from 'vitest'
import type { MemberComparison } from '../../src/core/types-public'
import { buildMemberTree, flattenTree } from '../../src/store/selectors'
import { TYPE_AHEAD_MS, treeKeyAction, typeAheadMatch } from '../../src/ui/tree-keys'

function member(path: string): MemberComparison {
  const side = { index: 0, offset: 0, size: 1, sha256: null, type: 'file' as const }
  return { path, leftPath: path, rightPath: path, type: 'file', status: 'modified', changed: [], left: side, right: side }
}

// Rows: 0 pkg/, 1 data/, 2 logo.bin, 3 cli.py, 4 core.py, 5 README (folders first, then code-point order)
const tree = buildMemberTree(['pkg/data/logo.bin', 'pkg/core.py', 'pkg/cli.py', 'README'].map(member))
const rows = flattenTree(tree, new Set())
const names = rows.map((row) => row.node.name)
const press = (active: number, key: string, collapsed: ReadonlySet<string> = new Set(), typed = { prefix: '', at: -1e9 }, now = 0) =>
  treeKeyAction(rows, active, collapsed, { key, modified: false, now }, typed)

describe('treeKeyAction (WAI-ARIA tree view keys)', () => {
  it('lays out the rows this test drives', () => {
    expect(names).toEqual(['pkg', 'data', 'logo.bin', 'cli.py', 'core.py', 'README'])
  })

  it('Up/Down move one row and stop at the ends; Home/End go to the first and last row', () => {
    expect(press(0, 'ArrowDown').action).toEqual({ kind: 'move', index: 1 })
    expect(press(0, 'ArrowUp').action).toEqual({ kind: 'move', index: 0 })
    expect(press(5, 'ArrowDown').action).toEqual({ kind: 'move', index: 5 })
    expect(press(3, 'Home').action).toEqual({ kind: 'move', index: 0 })
    expect(press(1, 'End').action).toEqual({ kind: 'move', index: 5 })
  })

  it('Right opens a closed folder, then enters it; nothing on a member', () => {
    expect(press(0, 'ArrowRight', new Set(['pkg/'])).action).toEqual({ kind: 'open', index: 0, open: true })
    expect(press(0, 'ArrowRight').action).toEqual({ kind: 'move', index: 1 })
    expect(press(3, 'ArrowRight').action).toEqual({ kind: 'none' })
  })

  it('Left closes an open folder, else goes to the parent folder; nothing at the top', () => {
    expect(press(1, 'ArrowLeft').action).toEqual({ kind: 'open', index: 1, open: false })
    expect(press(2, 'ArrowLeft').action).toEqual({ kind: 'move', index: 1 })
    expect(press(4, 'ArrowLeft').action).toEqual({ kind: 'move', index: 0 })
    expect(press(5, 'ArrowLeft').action).toEqual({ kind: 'none' })
    const closed = flattenTree(tree, new Set(['pkg/']))
    expect(treeKeyAction(closed, 0, new Set(['pkg/']), { key: 'ArrowLeft', modified: false, now: 0 }, { prefix: '', at: 0 }).action).toEqual({ kind: 'none' })
  })

  it('Enter and Space activate the active row', () => {
    expect(press(3, 'Enter').action).toEqual({ kind: 'activate', index: 3 })
    expect(press(3, ' ').action).toEqual({ kind: 'activate', index: 3 })
  })

  it('type-ahead: a letter goes to the next row starting with it, a quick second letter narrows, a pause starts again', () => {
    const first = press(0, 'c', new Set(), undefined, 1000)
    expect(first.action).toEqual({ kind: 'move', index: 3 })
    const second = treeKeyAction(rows, 3, new Set(), { key: 'o', modified: false, now: 1100 }, first.typed)
    expect(second.action).toEqual({ kind: 'move', index: 4 })
    expect(second.typed.prefix).toBe('co')
    const later = treeKeyAction(rows, 4, new Set(), { key: 'r', modified: false, now: 1100 + TYPE_AHEAD_MS + 1 }, second.typed)
    expect(later.action).toEqual({ kind: 'move', index: 5 })
    expect(later.typed.prefix).toBe('r')
  })

  it('type-ahead wraps round, cycles on a repeated letter, and ignores keys with Ctrl/Alt/Meta', () => {
    expect(typeAheadMatch(rows, 5, 'p')).toBe(0)
    expect(typeAheadMatch(rows, 3, 'cc')).toBe(4)
    expect(typeAheadMatch(rows, 0, 'zz')).toBe(-1)
    expect(treeKeyAction(rows, 0, new Set(), { key: 'c', modified: true, now: 0 }, { prefix: '', at: 0 }).action).toEqual({ kind: 'none' })
  })
})
