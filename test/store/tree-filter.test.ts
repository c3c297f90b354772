import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberStatus } from '../../src/core/types-public'
import type { Filter } from '../../src/store/diff-store'
import { buildMemberTree, countVisibleMembers, filterMemberTree, flatMemberRows, flattenTree } from '../../src/store/selectors'
import { changeSize, defaultHideMetadataOnly, memberFilter, searchText, sortMembers } from '../../src/store/tree-filter'

function member(path: string, status: MemberStatus, sizes: [number, number] = [1, 1]): MemberComparison {
  const side = (size: number) => ({ index: 0, offset: 0, size, sha256: null, type: 'file' as const })
  return {
    path, leftPath: status === 'right-only' ? null : path, rightPath: status === 'left-only' ? null : path, type: 'file', status, changed: [],
    left: status === 'right-only' ? null : side(sizes[0]), right: status === 'left-only' ? null : side(sizes[1]),
  }
}

const filter = (over: Partial<Filter> = {}): Filter => ({ text: '', hideIdentical: true, hideMetadataOnly: true, statuses: [], sort: 'path', ...over })
const countsOf = (members: MemberComparison[]) => {
  const counts: Record<MemberStatus, number> = { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }
  for (const m of members) counts[m.status]++
  return counts
}
const passing = (members: MemberComparison[], f: Filter, only: ReadonlySet<string> | null = null) => {
  const isVisible = memberFilter(f, only)
  return members.filter((m) => isVisible(m, searchText(m)))
}
const shownStatuses = (members: MemberComparison[], f: Filter, only: ReadonlySet<string> | null = null) =>
  [...new Set(passing(members, f, only).map((m) => m.status))].sort()

const all: MemberComparison[] = [
  member('a/mod.py', 'modified', [10, 30]),
  member('a/gone.py', 'left-only', [5, 0]),
  member('a/new.py', 'right-only', [0, 100]),
  member('a/stamp.py', 'metadata'),
  member('a/same.py', 'identical'),
]

describe('defaultHideMetadataOnly (real changes first)', () => {
  it('is on when any content change exists, off when metadata is the whole difference', () => {
    expect(defaultHideMetadataOnly(countsOf(all))).toBe(true)
    expect(defaultHideMetadataOnly(countsOf([member('x', 'right-only'), member('y', 'metadata')]))).toBe(true)
    expect(defaultHideMetadataOnly(countsOf([member('x', 'metadata'), member('y', 'identical')]))).toBe(false)
  })

  it('opens a pip-like pair (13 content changes under 493 metadata-only rows) on the 13 changes', () => {
    const pip = [
      ...Array.from({ length: 7 }, (_, i) => member(`pip/m${i}.py`, 'modified')),
      ...Array.from({ length: 6 }, (_, i) => member(`pip/_vendor/l${i}.py`, 'left-only')),
      ...Array.from({ length: 493 }, (_, i) => member(`pip/t${i}.py`, 'metadata')),
    ]
    const opening = filter({ hideMetadataOnly: defaultHideMetadataOnly(countsOf(pip)) })
    const rows = flattenTree(filterMemberTree(buildMemberTree(pip), opening), new Set())
    expect(rows.filter((row) => row.node.kind === 'member')).toHaveLength(13)
  })
})

describe('memberFilter precedence', () => {
  it('3: each hide box hides its own status only', () => {
    expect(shownStatuses(all, filter())).toEqual(['left-only', 'modified', 'right-only'])
    expect(shownStatuses(all, filter({ hideMetadataOnly: false }))).toEqual(['left-only', 'metadata', 'modified', 'right-only'])
    expect(shownStatuses(all, filter({ hideIdentical: false }))).toEqual(['identical', 'left-only', 'modified', 'right-only'])
  })

  it('2: a pressed status toggle wins over both hide boxes', () => {
    expect(shownStatuses(all, filter({ statuses: ['metadata'] }))).toEqual(['metadata'])
    expect(shownStatuses(all, filter({ statuses: ['identical', 'metadata'] }))).toEqual(['identical', 'metadata'])
  })

  it('1: a cause filter shows its members whatever the hide boxes say, still narrowed by a pressed status', () => {
    const only = new Set(['a/stamp.py', 'a/same.py', 'a/mod.py'])
    expect(shownStatuses(all, filter(), only)).toEqual(['identical', 'metadata', 'modified'])
    expect(shownStatuses(all, filter({ statuses: ['metadata'] }), only)).toEqual(['metadata'])
  })

  it('matches a renamed member by either side\'s real path', () => {
    const renamed = { ...member('pkg-1.0/PKG-INFO', 'modified'), rightPath: 'pkg-1.1/PKG-INFO' }
    expect(passing([renamed], filter({ text: '1.1/' }))).toHaveLength(1)
    expect(passing([renamed], filter({ text: 'pkg-info\u0000pkg' }))).toHaveLength(0)
  })

  it('4: the text narrows what the rest lets through, on either side\'s path, ignoring case and outer spaces', () => {
    expect(passing(all, filter({ text: ' NEW ' })).map((m) => m.path)).toEqual(['a/new.py'])
    expect(passing(all, filter({ text: 'stamp' }))).toEqual([])
    expect(passing(all, filter({ text: 'stamp', hideMetadataOnly: false })).map((m) => m.path)).toEqual(['a/stamp.py'])
  })
})

describe('sortMembers and flat rows', () => {
  it('by status: modified, left-only, right-only, metadata, identical, by path within each', () => {
    const extra = [...all, member('a/b-mod.py', 'modified')]
    expect(sortMembers(extra, 'status').map((m) => m.member.path)).toEqual(['a/b-mod.py', 'a/mod.py', 'a/gone.py', 'a/new.py', 'a/stamp.py', 'a/same.py'])
  })

  it('by size of change: the largest first, members without a content change last', () => {
    expect(changeSize(all[0])).toBe(20)
    expect(changeSize(all[3])).toBe(-1)
    const same = member('a/same-size.py', 'modified', [50, 50])
    expect(sortMembers([...all, same], 'change').map((m) => m.member.path)).toEqual(['a/new.py', 'a/mod.py', 'a/gone.py', 'a/same-size.py', 'a/same.py', 'a/stamp.py'])
  })

  it('lists the filtered members flat with full paths and their place in the set', () => {
    const rows = flatMemberRows(sortMembers(all, 'status'), filter())
    expect(rows.map((row) => row.node.name)).toEqual(['a/mod.py', 'a/gone.py', 'a/new.py'])
    expect(rows.map((row) => [row.depth, row.parent, row.position, row.setSize])).toEqual([[0, -1, 1, 3], [0, -1, 2, 3], [0, -1, 3, 3]])
  })

  it('does not reorder the report\'s own member list', () => {
    const members = all.slice()
    sortMembers(members, 'change')
    expect(members).toEqual(all)
  })
})

describe('flattenTree places (aria-posinset, aria-setsize, parent for Left)', () => {
  it('numbers each row among its shown siblings and points at its folder row', () => {
    const tree = filterMemberTree(buildMemberTree([...all, member('b.txt', 'modified')]), filter())
    const rows = flattenTree(tree, new Set())
    expect(rows.map((row) => `${row.node.name}:${row.parent}:${row.position}/${row.setSize}`)).toEqual([
      'a:-1:1/2', 'gone.py:0:1/3', 'mod.py:0:2/3', 'new.py:0:3/3', 'b.txt:-1:2/2',
    ])
    expect(countVisibleMembers(tree)).toBe(4)
  })
})
