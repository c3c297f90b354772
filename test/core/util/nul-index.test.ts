import { describe, expect, it } from 'vitest'
import { nulAtOrAfter, nulPositions } from '../../../src/core/util/nul-index'

describe('the NUL index of a string table', () => {
  const table = new Uint8Array([0, 0x61, 0x62, 0, 0x63, 0, 0x64])

  it('lists every NUL offset in ascending order', () => {
    expect(Array.from(nulPositions(table))).toEqual([0, 3, 5])
    expect(nulPositions(new Uint8Array(0))).toHaveLength(0)
  })

  it('finds the NUL that ends the string at any offset: on a NUL, inside a string, or none after the last', () => {
    const positions = nulPositions(table)
    expect([0, 1, 2, 3, 4, 5].map((offset) => nulAtOrAfter(positions, offset))).toEqual([0, 3, 3, 3, 5, 5])
    // "d" at 6 runs to the end of the table unterminated.
    expect(nulAtOrAfter(positions, 6)).toBe(-1)
    expect(nulAtOrAfter(new Uint32Array(0), 0)).toBe(-1)
  })
})
