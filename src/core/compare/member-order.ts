/**
 * Which members moved: among members present on both sides, those outside a longest common
 * subsequence of the two listing orders. A pure reorder then names the few members that moved,
 * not every member after them.
 */
import type { MemberPair } from './pair-members'

/** Keys of the paired members that are not part of the longest increasing run of right-side positions. */
export function movedMembers(pairs: MemberPair[]): Set<string> {
  const shared = pairs.filter((pair) => pair.left && pair.right).sort((a, b) => a.left!.index - b.left!.index)
  // Walked from the end, ties keep the members listed first, so an inserted member is the one that "moved".
  const positions = shared.map((pair) => -pair.right!.index).reverse()
  const keptFromEnd = longestIncreasingSubsequence(positions)
  const last = shared.length - 1
  return new Set(shared.filter((_, i) => !keptFromEnd.has(last - i)).map((pair) => pair.key))
}

/** Indices (into `values`) of one longest strictly increasing subsequence, in O(n log n). */
function longestIncreasingSubsequence(values: number[]): Set<number> {
  const tails: number[] = [] // tails[k] = index of the smallest tail of an increasing run of length k+1
  const previous = new Array<number>(values.length).fill(-1)
  values.forEach((value, i) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (values[tails[middle]] < value) low = middle + 1
      else high = middle
    }
    if (low > 0) previous[i] = tails[low - 1]
    tails[low] = i
  })
  const kept = new Set<number>()
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i)
  return kept
}
