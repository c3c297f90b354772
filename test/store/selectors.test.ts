import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberStatus, MemberType } from '../../src/core/types-public'
import type { Filter } from '../../src/store/diff-store'
import {
  buildMemberTree, countVisibleMembers, filterMemberTree, flattenTree, isMemberVisible, type FolderNode, type TreeNode,
} from '../../src/store/selectors'

function member(path: string, status: MemberStatus, type: MemberType = 'file', rightPath: string | null = path): MemberComparison {
  const side = { index: 0, offset: 0, size: 1, sha256: null, type }
  return {
    path, leftPath: status === 'right-only' ? null : path, rightPath: status === 'left-only' ? null : rightPath,
    type, status, changed: [], left: status === 'right-only' ? null : side, right: status === 'left-only' ? null : side,
  }
}

const filter = (over: Partial<Filter> = {}): Filter => ({ text: '', hideIdentical: false, hideMetadataOnly: false, statuses: [], sort: 'path', ...over })
const names = (nodes: TreeNode[]) => nodes.map((node) => node.name)
const folder = (node: TreeNode | undefined): FolderNode => {
  if (node?.kind !== 'folder') throw new Error(`not a folder: ${node?.name}`)
  return node
}

const wheel = [
  member('pkg/core.py', 'modified'),
  member('pkg/__init__.py', 'identical'),
  member('pkg/data/logo.bin', 'metadata'),
  member('pkg-1.0.dist-info/RECORD', 'modified'),
  member('pkg-1.0.dist-info/WHEEL', 'identical'),
  member('README', 'right-only'),
  member('pkg/legacy.py', 'left-only'),
]

describe('buildMemberTree', () => {
  it('nests members in folders, folders first, then names in code-point order', () => {
    const root = buildMemberTree(wheel)
    expect(names(root.children)).toEqual(['pkg', 'pkg-1.0.dist-info', 'README'])
    const pkg = folder(root.children[0])
    expect(names(pkg.children)).toEqual(['data', '__init__.py', 'core.py', 'legacy.py'])
    expect(pkg.key).toBe('pkg/')
    expect(folder(pkg.children[0]).key).toBe('pkg/data/')
  })

  it('counts every member under a folder by status, the root holding the totals', () => {
    const root = buildMemberTree(wheel)
    expect(root.counts).toEqual({ identical: 2, metadata: 1, modified: 2, 'left-only': 1, 'right-only': 1 })
    expect(folder(root.children[0]).counts).toEqual({ identical: 1, metadata: 1, modified: 1, 'left-only': 1, 'right-only': 0 })
    expect(folder(folder(root.children[0]).children[0]).counts.metadata).toBe(1)
  })

  it('makes a tar directory member the row of its own folder and counts it there', () => {
    const root = buildMemberTree([member('pkg-1.0/', 'metadata', 'dir'), member('pkg-1.0/PKG-INFO', 'modified')])
    const top = folder(root.children[0])
    expect(root.children).toHaveLength(1)
    expect(top.member?.path).toBe('pkg-1.0/')
    expect(names(top.children)).toEqual(['PKG-INFO'])
    expect(top.counts).toEqual({ identical: 0, metadata: 1, modified: 1, 'left-only': 0, 'right-only': 0 })
  })

  it('keeps absolute and doubled-slash paths visible instead of merging them away', () => {
    const root = buildMemberTree([member('/etc/passwd', 'right-only'), member('a//b', 'left-only'), member('a/b', 'identical')])
    expect(names(root.children)).toEqual(['/', 'a'])
    const a = folder(root.children[1])
    expect(names(a.children)).toEqual(['(empty name)', 'b'])
    expect(flattenTree(root, new Set()).map((row) => row.node.name)).toEqual(['/', 'etc', 'passwd', 'a', '(empty name)', 'b', 'b'])
  })

  it('lists a second member claiming the same folder as a row inside it', () => {
    const root = buildMemberTree([member('pkg/', 'identical', 'dir'), member('pkg', 'metadata', 'dir')])
    const pkg = folder(root.children[0])
    expect(pkg.member?.path).toBe('pkg/')
    expect(pkg.children.map((child) => child.kind === 'member' && child.member.path)).toEqual(['pkg'])
  })
})

describe('isMemberVisible', () => {
  it('hides identical members when asked', () => {
    expect(isMemberVisible(wheel[1], filter({ hideIdentical: true }))).toBe(false)
    expect(isMemberVisible(wheel[0], filter({ hideIdentical: true }))).toBe(true)
  })

  it('lets an explicit status choice win over hide-identical', () => {
    expect(isMemberVisible(wheel[1], filter({ hideIdentical: true, statuses: ['identical'] }))).toBe(true)
    expect(isMemberVisible(wheel[0], filter({ statuses: ['identical', 'left-only'] }))).toBe(false)
  })

  it('matches path text case-insensitively on either side\'s real path', () => {
    const renamed = member('pkg-1.0/PKG-INFO', 'modified', 'file', 'pkg-1.1/PKG-INFO')
    expect(isMemberVisible(renamed, filter({ text: 'pkg-info' }))).toBe(true)
    expect(isMemberVisible(renamed, filter({ text: '1.1/' }))).toBe(true)
    expect(isMemberVisible(renamed, filter({ text: 'setup' }))).toBe(false)
    expect(isMemberVisible(renamed, filter({ text: '   ' }))).toBe(true)
  })

  it('with a cause filter, shows exactly that finding\'s members, identical ones too, still narrowed by text and status', () => {
    const only = new Set(['pkg/core.py', 'pkg/__init__.py'])
    expect(isMemberVisible(wheel[0], filter({ hideIdentical: true }), only)).toBe(true)
    expect(isMemberVisible(wheel[1], filter({ hideIdentical: true }), only)).toBe(true)
    expect(isMemberVisible(wheel[2], filter(), only)).toBe(false)
    expect(isMemberVisible(wheel[0], filter({ text: 'init' }), only)).toBe(false)
    expect(isMemberVisible(wheel[1], filter({ statuses: ['modified'] }), only)).toBe(false)
  })
})

describe('filterMemberTree', () => {
  it('drops hidden members and empty folders but keeps unfiltered counts', () => {
    const root = filterMemberTree(buildMemberTree(wheel), filter({ text: 'core' }))
    expect(names(root.children)).toEqual(['pkg'])
    expect(names(folder(root.children[0]).children)).toEqual(['core.py'])
    expect(folder(root.children[0]).counts.identical).toBe(1)
    expect(countVisibleMembers(root)).toBe(1)
  })

  it('keeps a folder whose own member is hidden while a child is visible, without the member', () => {
    const tree = buildMemberTree([member('pkg-1.0/', 'identical', 'dir'), member('pkg-1.0/setup.py', 'modified')])
    const root = filterMemberTree(tree, filter({ hideIdentical: true }))
    expect(folder(root.children[0]).member).toBeNull()
    expect(countVisibleMembers(root)).toBe(1)
  })

  it('keeps only a cause\'s members and the folders that lead to them', () => {
    const root = filterMemberTree(buildMemberTree(wheel), filter({ hideIdentical: true }), new Set(['pkg/data/logo.bin', 'README']))
    expect(names(root.children)).toEqual(['pkg', 'README'])
    expect(names(folder(root.children[0]).children)).toEqual(['data'])
    expect(countVisibleMembers(root)).toBe(2)
  })

  it('does not change the tree it was given', () => {
    const tree = buildMemberTree(wheel)
    filterMemberTree(tree, filter({ statuses: ['modified'] }))
    expect(countVisibleMembers(tree)).toBe(wheel.length)
  })
})

describe('flattenTree', () => {
  it('lists rows depth-first with depths and skips collapsed folders\' children', () => {
    const root = buildMemberTree(wheel)
    const all = flattenTree(root, new Set())
    expect(all.map((row) => `${row.depth}:${row.node.name}`)).toEqual([
      '0:pkg', '1:data', '2:logo.bin', '1:__init__.py', '1:core.py', '1:legacy.py',
      '0:pkg-1.0.dist-info', '1:RECORD', '1:WHEEL', '0:README',
    ])
    const collapsed = flattenTree(root, new Set(['pkg/']))
    expect(collapsed.map((row) => row.node.name)).toEqual(['pkg', 'pkg-1.0.dist-info', 'RECORD', 'WHEEL', 'README'])
  })
})
