/** Moved members are those outside a longest common subsequence of the two orders. */
import { describe, expect, it } from 'vitest'
import { movedMembers } from '../../../src/core/compare/member-order'
import { pairMembers } from '../../../src/core/compare/pair-members'
import type { Member } from '../../../src/core/index'

const members = (paths: string[]): Member[] => paths.map((path, index) => ({ index, path, type: 'file', size: 0, sha256: null, offset: 0, meta: {} }))
const moved = (left: string[], right: string[]) => [...movedMembers(pairMembers(members(left), members(right)))].sort()

describe('movedMembers', () => {
  it('finds nothing when the order is the same', () => {
    expect(moved(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([])
  })
  it('names the one member that jumped ahead, not every member after it', () => {
    expect(moved(['a', 'b', 'c', 'd', 'e'], ['a', 'e', 'b', 'c', 'd'])).toEqual(['e'])
  })
  it('names the member that moved to the end', () => {
    expect(moved(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'])).toEqual(['a'])
  })
  it('ignores one-sided members', () => {
    expect(moved(['a', 'x', 'b'], ['a', 'b', 'y'])).toEqual([])
  })
  it('breaks ties by keeping the member listed first', () => {
    expect(moved(['a', 'b'], ['b', 'a'])).toEqual(['b'])
  })
})
