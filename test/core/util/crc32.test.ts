import { crc32 as zlibCrc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../../src/core/util/crc32'

describe('crc32', () => {
  it('matches the check value of the CRC-32/ISO-HDLC catalogue entry', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
  it('matches zlib on every length from 0 to 300 (all tail lengths of the 16-byte loop)', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff)
    for (let length = 0; length <= 300; length++) expect(crc32(bytes.subarray(0, length))).toBe(zlibCrc32(bytes.subarray(0, length)))
  })
  it('continues from a previous value as zlib does, at every split of a buffer', () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => (i * 97 + 3) & 0xff)
    for (let split = 0; split <= 100; split++) {
      expect(crc32(bytes.subarray(split), crc32(bytes.subarray(0, split)))).toBe(zlibCrc32(bytes))
    }
  })
  it('matches zlib on a megabyte of every byte value', () => {
    const bytes = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24)
    expect(crc32(bytes)).toBe(zlibCrc32(bytes))
  })
})
