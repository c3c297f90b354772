/** Issue 8, nested archives, item 6: a container is a folder you can open, its row counting what differs inside. */
import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberStatus } from '../../src/core/types-public'
import { buildMemberTree, flattenTree, type FolderNode, type TreeNode } from '../../src/store/selectors'

function member(path: string, status: MemberStatus, container?: string): MemberComparison {
  const side = { index: 0, offset: 0, size: 1, sha256: null, type: 'file' as const }
  const entry: MemberComparison = { path, leftPath: path, rightPath: path, type: 'file', status, changed: [], left: side, right: side }
  if (container !== undefined) Object.assign(entry, { container, depth: container.split('!/').length })
  return entry
}

const folder = (node: TreeNode | undefined): FolderNode => {
  if (node?.kind !== 'folder') throw new Error(`not a folder: ${node?.name}`)
  return node
}

const WHEEL = 'package/pypi/x-0.8.5-py3-none-any.whl'
const members = [
  member('package/package.json', 'metadata'),
  member(WHEEL, 'modified'),
  member(`${WHEEL}!/x/__init__.py`, 'modified', WHEEL),
  member(`${WHEEL}!/x/util.py`, 'identical', WHEEL),
  member(`${WHEEL}!/x/data.zip`, 'metadata', WHEEL),
  member(`${WHEEL}!/x/data.zip!/table.csv`, 'metadata', `${WHEEL}!/x/data.zip`),
]

describe('nested archives in the member tree', () => {
  it('shows a container as a folder holding its members, with counts per status that include them', () => {
    const pypi = folder(folder(buildMemberTree(members).children[0]).children[0])
    const container = folder(pypi.children[0])
    expect(container).toMatchObject({ name: 'x-0.8.5-py3-none-any.whl', container: true, key: `${WHEEL}!/` })
    expect(container.member?.path).toBe(WHEEL)
    expect(container.counts).toEqual({ identical: 1, metadata: 2, modified: 2, 'left-only': 0, 'right-only': 0 })
    const x = folder(container.children[0])
    expect(x.name).toBe('x')
    const inner = folder(x.children.find((child) => child.name === 'data.zip'))
    expect(inner.container).toBe(true)
    expect(inner.children.map((child) => child.name)).toEqual(['table.csv'])
  })

  it('hides a container\'s members when its folder is collapsed', () => {
    const rows = flattenTree(buildMemberTree(members), new Set([`package/pypi/${'x-0.8.5-py3-none-any.whl'}!/`]))
    expect(rows.some((row) => row.node.name === '__init__.py')).toBe(false)
    expect(rows.some((row) => row.node.name === 'x-0.8.5-py3-none-any.whl')).toBe(true)
  })

  it('does not open a stored `!/` (shown `!\\/`) as a container', () => {
    const tree = buildMemberTree([member('a.whl!\\/x', 'identical')])
    expect(folder(tree.children[0]).container).toBeUndefined()
  })
})
