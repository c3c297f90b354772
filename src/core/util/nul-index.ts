/**
 * Where the NULs of a string table are, for finding the end of the NUL-terminated string at any offset by a
 * binary search instead of a scan: a hostile table can point a million names into one long unterminated run,
 * and scanning it again for each would take quadratic time.
 */

/** The offsets of every NUL in `table`, ascending (counted first, so the array is allocated once). */
export function nulPositions(table: Uint8Array): Uint32Array {
  let count = 0
  for (let i = 0; i < table.length; i++) if (table[i] === 0) count++
  const positions = new Uint32Array(count)
  for (let i = 0, at = 0; i < table.length; i++) if (table[i] === 0) positions[at++] = i
  return positions
}

/** The first of `positions` (from nulPositions) at or after `offset`, or -1 when there is none. */
export function nulAtOrAfter(positions: Uint32Array, offset: number): number {
  let low = 0
  let high = positions.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (positions[middle] < offset) low = middle + 1
    else high = middle
  }
  return low < positions.length ? positions[low] : -1
}
