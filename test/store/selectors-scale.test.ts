/**
 * No input blanks the page: a 20,000-level deep path and 500,000 members go through every tree selector
 * without overflowing the stack (no recursion whose depth follows the input) and in a few seconds.
 * MemberComparison objects are built directly, as the worker would send them.
 */
import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberStatus } from '../../src/core/types-public'
import type { Filter } from '../../src/store/diff-store'
import { causeMemberPaths, causesByMember } from '../../src/store/findings'
import { buildMemberTree, countVisibleMembers, filterMemberTree, flattenTree, type FolderNode } from '../../src/store/selectors'

function member(path: string, status: MemberStatus, index: number): MemberComparison {
  const side = { index, offset: index * 100, size: 1, sha256: null, type: 'file' as const }
  return { path, leftPath: path, rightPath: path, type: 'file', status, changed: [], left: side, right: side }
}

const filter = (over: Partial<Filter> = {}): Filter => ({ text: '', hideIdentical: false, hideMetadataOnly: false, statuses: [], sort: 'path', ...over })

const DEPTH = 20_000
const deepPath = `${Array.from({ length: DEPTH }, (_, level) => `d${level % 10}`).join('/')}/deep.py`

describe('a 20,000-level deep path', () => {
  it('builds, filters, flattens and counts without overflowing the stack', () => {
    const tree = buildMemberTree([member(deepPath, 'modified', 0), member('top.py', 'identical', 1)])
    expect(tree.counts.modified).toBe(1)
    const visible = filterMemberTree(tree, filter({ hideIdentical: true }))
    expect(countVisibleMembers(visible)).toBe(1)
    expect(countVisibleMembers(tree)).toBe(2)
    const rows = flattenTree(visible, new Set())
    expect(rows).toHaveLength(DEPTH + 1)
    expect(rows[0].depth).toBe(0)
    const last = rows[rows.length - 1]
    expect(last.depth).toBe(DEPTH)
    expect(last.node.kind === 'member' && last.node.member.path).toBe(deepPath)
  })

  it('keeps folder keys unique and collapsing one hides everything below it', () => {
    const tree = buildMemberTree([member(deepPath, 'modified', 0)])
    const rows = flattenTree(tree, new Set())
    const middle = rows[DEPTH / 2].node as FolderNode
    expect(middle.kind).toBe('folder')
    expect(flattenTree(tree, new Set([middle.key]))).toHaveLength(DEPTH / 2 + 1)
    expect(new Set(rows.map((row) => (row.node.kind === 'folder' ? row.node.key : 'member'))).size).toBe(rows.length)
  })

  it('filters by text and by a cause down the whole depth', () => {
    const tree = buildMemberTree([member(deepPath, 'modified', 0), member('a/other.py', 'modified', 1)])
    expect(countVisibleMembers(filterMemberTree(tree, filter({ text: 'deep.py' })))).toBe(1)
    expect(countVisibleMembers(filterMemberTree(tree, filter(), new Set(['a/other.py'])))).toBe(1)
    expect(flattenTree(filterMemberTree(tree, filter({ text: 'nothing-matches' })), new Set())).toEqual([])
  })
})

describe('500,000 members', () => {
  const COUNT = 500_000
  // Each member in its own folder under one parent: the shape that makes a folder look-up by scanning quadratic.
  const members = Array.from({ length: COUNT }, (_, i) => member(`pkg/m${i}/mod.py`, i % 5 === 0 ? 'modified' : 'identical', i))

  it('builds, filters, flattens and counts in a few seconds', () => {
    const started = performance.now()
    const tree = buildMemberTree(members)
    expect(tree.counts.modified).toBe(COUNT / 5)
    const visible = filterMemberTree(tree, filter({ hideIdentical: true }))
    expect(countVisibleMembers(visible)).toBe(COUNT / 5)
    const rows = flattenTree(visible, new Set())
    expect(rows).toHaveLength(1 + 2 * (COUNT / 5))
    // Code-point order of the folder names, so the tree looks the same on every machine.
    expect(rows[1].node.name).toBe('m0')
    expect(rows[3].node.name).toBe('m10')
    expect(flattenTree(visible, new Set(['pkg/']))).toHaveLength(1)
    const only = causeMemberPaths([{ cause: 'content', title: '', derived: false, members: members.map((m) => m.path), evidence: {}, remedy: '', severity: 'cause' }], 'content')
    expect(only?.size).toBe(COUNT)
    expect(causesByMember([{ cause: 'content', title: '', derived: false, members: members.map((m) => m.path), evidence: {}, remedy: '', severity: 'cause' }]).size).toBe(COUNT)
    expect(performance.now() - started).toBeLessThan(15_000)
  }, 30_000)
})
