import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberStatus, MemberType } from '../../src/core/types-public'
import type { Filter } from '../../src/store/diff-store'
import { buildMemberTree, countVisibleMembers, filterMemberTree, flattenTree, type TreeRow } from '../../src/store/selectors'
import { visibleTreeRows } from '../../src/store/tree-rows'

function member(path: string, status: MemberStatus, type: MemberType = 'file'): MemberComparison {
  const side = { index: 0, offset: 0, size: 1, sha256: null, type }
  return { path, leftPath: path, rightPath: path, type, status, changed: [], left: side, right: side }
}

const members = [
  member('pkg-1.0/', 'identical', 'dir'), member('pkg-1.0/setup.py', 'modified'), member('pkg-1.0/pkg/', 'metadata', 'dir'),
  member('pkg-1.0/pkg/core.py', 'metadata'), member('pkg-1.0/pkg/data/logo.bin', 'identical'), member('pkg-1.0/pkg/x.whl', 'modified'),
  member('pkg-1.0/pkg/x.whl!/x/__init__.py', 'modified'), member('README', 'right-only'), member('gone/old.py', 'left-only'),
].map((m) => (m.path.includes('!/') ? { ...m, container: 'pkg-1.0/pkg/x.whl' } : m))
const tree = buildMemberTree(members)
const filter = (over: Partial<Filter>): Filter => ({ text: '', hideIdentical: false, hideMetadataOnly: false, statuses: [], sort: 'path', ...over })
const shape = (rows: TreeRow[]) => rows.map((row) => [row.node.name, row.node.member?.path ?? null, row.depth, row.parent, row.position, row.setSize])

describe('visibleTreeRows (filter and flatten in one pass)', () => {
  const filters: Partial<Filter>[] = [{}, { hideIdentical: true }, { hideIdentical: true, hideMetadataOnly: true }, { text: 'core' }, { text: 'nothing' }, { statuses: ['identical'] }, { text: 'x/' }]
  const collapsedSets = [new Set<string>(), new Set(['pkg-1.0/pkg/']), new Set(['pkg-1.0/', 'gone/'])]
  for (const over of filters) {
    for (const collapsed of collapsedSets) {
      it(`gives the rows and count of the two-pass path for ${JSON.stringify(over)}, collapsed ${[...collapsed].join(' ') || 'none'}`, () => {
        const visible = filterMemberTree(tree, filter(over))
        const { rows, shown } = visibleTreeRows(tree, filter(over), null, collapsed)
        expect(shape(rows)).toEqual(shape(flattenTree(visible, collapsed)))
        expect(shown).toBe(countVisibleMembers(visible))
      })
    }
  }

  it('drops a folder whose own member is hidden but keeps it for a visible child, without the member', () => {
    const { rows } = visibleTreeRows(tree, filter({ hideIdentical: true }), null, new Set())
    expect(rows[0].node.name).toBe('gone')
    const top = rows.find((row) => row.node.name === 'pkg-1.0')!
    expect(top.node.member).toBeNull()
  })

  it('narrows to a cause\'s members', () => {
    const { rows, shown } = visibleTreeRows(tree, filter({ hideIdentical: true }), new Set(['pkg-1.0/pkg/data/logo.bin']), new Set())
    expect(shown).toBe(1)
    expect(rows.map((row) => row.node.name)).toEqual(['pkg-1.0', 'pkg', 'data', 'logo.bin'])
  })
})
