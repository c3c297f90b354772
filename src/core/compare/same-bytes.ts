/**
 * Which container members need not be opened: those that pair with a member of the same bytes on the other side.
 * The same bytes hold the same members, so listing them proves nothing and costs most of a large comparison (the
 * 305 MB-class bench pair holds 7,512 nested `.gz` files per side, 176 MB of payload; docs/performance.md). Planned
 * from the two outer readings with the pairing the comparison itself uses (`pairReadings`), so both sides leave
 * closed exactly the two members of each such pair; read-artifact.ts `OuterReading.openContainers` takes the lists.
 */
import type { ArtifactReading, Member } from '../types'
import { pairReadings, type MemberPair } from './pair-members'

/** Member indexes, per side, of the pairs whose two sides were read to the same SHA-256. */
interface SameBytesPlan {
  left: number[]
  right: number[]
}

/**
 * What each side leaves closed (null: nothing, every container is opened), and the top-level pairs it was planned
 * from, for `compareReadings` to use rather than pair the same members again (null when nothing was paired).
 */
export interface OpeningPlan {
  left: number[] | null
  right: number[] | null
  pairs: MemberPair[] | null
}

/** The plan of a comparison: `openAll` for a source trace (an sdist and its wheel pair otherwise) or when asked. */
export function planOpening(left: ArtifactReading, right: ArtifactReading, openAll: boolean): OpeningPlan {
  if (openAll) return { left: null, right: null, pairs: null }
  const pairs = pairReadings(left, right)
  return { ...sameBytesOf(pairs), pairs }
}

/**
 * A side's nested readings, opened in the worker that holds it, joined to this thread's copy of its reading (the
 * page's left worker, the CLI's main thread).
 */
export function adoptNested(reading: ArtifactReading, nested: ArtifactReading['nested'] | null): void {
  if (nested) reading.nested = nested
  else delete reading.nested
}

function sameBytesOf(pairs: MemberPair[]): SameBytesPlan {
  const plan: SameBytesPlan = { left: [], right: [] }
  for (const pair of pairs) {
    if (!pair.left || !pair.right || !readAlike(pair.left, pair.right)) continue
    plan.left.push(pair.left.index)
    plan.right.push(pair.right.index)
  }
  return plan
}

/** Two files whose bytes were both read in full, to the same SHA-256. */
function readAlike(left: Member, right: Member): boolean {
  if (left.type !== 'file' || right.type !== 'file' || left.error || right.error) return false
  return left.sha256 !== null && left.sha256 === right.sha256 && left.size === right.size
}
