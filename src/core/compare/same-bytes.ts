/**
 * Which container members need not be opened: those that pair with a member of the same bytes on the other side.
 * The same bytes hold the same members, so listing them proves nothing and costs most of a large comparison (the
 * 305 MB-class bench pair holds 7,512 nested `.gz` files per side, 176 MB of payload; docs/performance.md). Planned
 * from the two outer readings with the pairing the comparison itself uses (`pairReadings`), so both sides leave
 * closed exactly the two members of each such pair; read-artifact.ts `OuterReading.openContainers` takes the lists.
 */
import type { ArtifactReading, Member } from '../types'
import { pairReadings } from './pair-members'

/** Member indexes, per side, of the pairs whose two sides were read to the same SHA-256. */
export interface SameBytesPlan {
  left: number[]
  right: number[]
}

export function sameBytesMembers(left: ArtifactReading, right: ArtifactReading): SameBytesPlan {
  const plan: SameBytesPlan = { left: [], right: [] }
  for (const pair of pairReadings(left, right)) {
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
