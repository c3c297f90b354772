import { describe, expect, it } from 'vitest'
import type { Finding, MemberComparison, MemberStatus, Report } from '../../src/core/types-public'
import type { Filter } from '../../src/store/diff-store'
import { isDiffPending, memberOrder, memberPlace, stepChange, stepMember, targetIndex, type ChangeCursor } from '../../src/store/navigation'

function member(path: string, status: MemberStatus, size = 1): MemberComparison {
  const side = { index: 0, offset: 0, size, sha256: null, type: 'file' as const }
  return { path, leftPath: path, rightPath: path, type: 'file', status, changed: [], left: side, right: { ...side, size: status === 'modified' ? size * 3 : size } }
}

// Listed out of tree order on purpose: the tree sorts folders first, then names.
const members = [
  member('z.txt', 'modified'), member('pkg/b.py', 'identical'), member('pkg/a.py', 'modified', 10), member('pkg/sub/c.py', 'metadata'),
  member('pkg/d.py', 'right-only', 50), member('a.txt', 'left-only'),
]
const report = (findings: Finding[] = []) => ({ members, findings }) as unknown as Report
const filter = (over: Partial<Filter> = {}): Filter => ({ text: '', hideIdentical: false, hideMetadataOnly: false, statuses: [], sort: 'path', ...over })
const changedPaths = (over: Partial<Filter> = {}, causeFilter: string | null = null, findings: Finding[] = []) => {
  const order = memberOrder(report(findings), filter(over), causeFilter)
  return order.changed.map((index) => order.paths[index])
}

describe('memberOrder: the changed members in the order the tree shows them', () => {
  it('follows the folder tree (folders first, then names), skipping identical members', () => {
    expect(changedPaths()).toEqual(['pkg/sub/c.py', 'pkg/a.py', 'pkg/d.py', 'a.txt', 'z.txt'])
  })

  it('follows the tree\u2019s filter and its flat orders', () => {
    expect(changedPaths({ hideMetadataOnly: true })).toEqual(['pkg/a.py', 'pkg/d.py', 'a.txt', 'z.txt'])
    expect(changedPaths({ text: 'pkg/' })).toEqual(['pkg/sub/c.py', 'pkg/a.py', 'pkg/d.py'])
    expect(changedPaths({ sort: 'status' })).toEqual(['pkg/a.py', 'z.txt', 'a.txt', 'pkg/d.py', 'pkg/sub/c.py'])
    expect(changedPaths({ sort: 'change' })[0]).toBe('pkg/d.py')
  })

  it('follows a cause filter', () => {
    const finding = { cause: 'timestamps', severity: 'cause', title: 't', members: ['z.txt', 'pkg/a.py'] } as unknown as Finding
    const order = memberOrder(report([finding]), filter(), 'timestamps')
    expect(order.changed.map((index) => order.paths[index])).toEqual(['pkg/a.py', 'z.txt'])
  })
})

describe('stepMember and memberPlace', () => {
  const order = memberOrder(report(), filter(), null)

  it('steps through changed members and stops at either end', () => {
    expect(stepMember(order, 'pkg/a.py', 1)).toBe('pkg/d.py')
    expect(stepMember(order, 'pkg/a.py', -1)).toBe('pkg/sub/c.py')
    expect(stepMember(order, 'z.txt', 1)).toBeNull()
    expect(stepMember(order, 'pkg/sub/c.py', -1)).toBeNull()
  })

  it('from nothing selected (or an identical member) goes to the nearest changed member that way', () => {
    expect(stepMember(order, null, 1)).toBe('pkg/sub/c.py')
    expect(stepMember(order, null, -1)).toBe('z.txt')
    // pkg/b.py (identical) lies between a.py and d.py in the tree.
    expect(stepMember(order, 'pkg/b.py', 1)).toBe('pkg/d.py')
    expect(stepMember(order, 'pkg/b.py', -1)).toBe('pkg/a.py')
  })

  it('says "member 2 of 5"', () => {
    expect(memberPlace(order, 'pkg/a.py')).toEqual({ place: 2, total: 5 })
    expect(memberPlace(order, 'pkg/b.py')).toEqual({ place: 0, total: 5 })
    expect(memberPlace(order, null)).toEqual({ place: 0, total: 5 })
  })

  it('steps through 500,000 members without a scan per step blowing the stack', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => member(`d${i % 100}/m${i}.py`, i % 1000 === 7 ? 'modified' : 'identical'))
    const big = memberOrder({ members: many, findings: [] } as unknown as Report, filter(), null)
    expect(big.changed).toHaveLength(500)
    expect(stepMember(big, big.paths[big.changed[10]], 1)).toBe(big.paths[big.changed[11]])
  })
})

describe('stepChange: change by change, rolling over into the next or previous changed member', () => {
  const order = memberOrder(report(), filter(), null)
  const cursor = (path: string, count: number, current: number): ChangeCursor => ({ path, count, current })

  it('moves within the open member while it has a change that way', () => {
    expect(stepChange(order, 'pkg/a.py', cursor('pkg/a.py', 3, 0), 1, false)).toEqual({ kind: 'reveal', index: 1 })
    expect(stepChange(order, 'pkg/a.py', cursor('pkg/a.py', 3, 2), -1, false)).toEqual({ kind: 'reveal', index: 1 })
  })

  it('past the last change opens the next changed member at its first; before the first, the previous at its last', () => {
    expect(stepChange(order, 'pkg/a.py', cursor('pkg/a.py', 3, 2), 1, false)).toEqual({ kind: 'open', path: 'pkg/d.py', at: 'first' })
    expect(stepChange(order, 'pkg/a.py', cursor('pkg/a.py', 3, 0), -1, false)).toEqual({ kind: 'open', path: 'pkg/sub/c.py', at: 'last' })
  })

  it('rolls over from a member without line changes, and from nothing open', () => {
    expect(stepChange(order, 'pkg/sub/c.py', cursor('pkg/sub/c.py', 0, -1), 1, false)).toEqual({ kind: 'open', path: 'pkg/a.py', at: 'first' })
    expect(stepChange(order, 'pkg/d.py', null, 1, false)).toEqual({ kind: 'open', path: 'a.txt', at: 'first' })
    expect(stepChange(order, null, null, 1, false)).toEqual({ kind: 'open', path: 'pkg/sub/c.py', at: 'first' })
  })

  it('waits while the open member\u2019s diff is computed, never skipping its changes; a stale cursor is not used', () => {
    expect(stepChange(order, 'pkg/a.py', null, 1, true)).toEqual({ kind: 'wait' })
    expect(stepChange(order, 'pkg/a.py', cursor('z.txt', 4, 1), 1, true)).toEqual({ kind: 'wait' })
  })

  it('stops at the very end', () => {
    expect(stepChange(order, 'z.txt', cursor('z.txt', 2, 1), 1, false)).toEqual({ kind: 'none' })
    expect(stepChange(order, 'pkg/sub/c.py', cursor('pkg/sub/c.py', 1, 0), -1, false)).toEqual({ kind: 'none' })
  })

  it('names the first, the last or a given change', () => {
    expect([targetIndex('first', 4), targetIndex('last', 4), targetIndex(9, 4), targetIndex('first', 0)]).toEqual([0, 3, 3, -1])
  })
})

describe('isDiffPending: a step waits only for a diff that is coming', () => {
  it('waits while text loads or is compared, never for a directory or a link', () => {
    const file = member('pkg/a.py', 'modified')
    expect(isDiffPending(file, { status: 'loading' })).toBe(true)
    expect(isDiffPending(file, { status: 'ready', isText: true })).toBe(true)
    expect(isDiffPending(file, { status: 'ready', isText: false })).toBe(false)
    expect(isDiffPending(file, { status: 'failed' })).toBe(false)
    expect(isDiffPending({ ...file, type: 'dir' }, { status: 'ready', isText: true })).toBe(false)
    const link = { ...file, left: { ...file.left!, type: 'symlink' as const } }
    expect(isDiffPending(link, { status: 'loading' })).toBe(false)
  })
})
