import { describe, expect, it } from 'vitest'
import { lastIndexOfSignature, readU32, toHex } from '../../../src/core/util/bytes'

/** The definition, one position at a time. */
function naive(bytes: Uint8Array, signature: number, from: number): number {
  for (let i = Math.min(from, bytes.length - 4); i >= 0; i--) if (readU32(bytes, i) === signature) return i
  return -1
}

describe('lastIndexOfSignature', () => {
  const END_RECORD = 0x06054b50
  it('agrees with a position-by-position search on random bytes dense in the first byte, from every start', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff
    // Bytes from {0x50, 0x4b, 0x05, 0x06, other}: many near-misses of the signature.
    const alphabet = [0x50, 0x4b, 0x05, 0x06, 0x00]
    const bytes = Uint8Array.from({ length: 2000 }, () => alphabet[random() % alphabet.length])
    for (let from = -3; from < bytes.length + 3; from++) expect(lastIndexOfSignature(bytes, END_RECORD, from)).toBe(naive(bytes, END_RECORD, from))
  })
  it('finds a signature at offset 0 and none in buffers shorter than 4 bytes', () => {
    expect(lastIndexOfSignature(Uint8Array.of(0x50, 0x4b, 0x05, 0x06, 0x50), END_RECORD, 10)).toBe(0)
    expect(lastIndexOfSignature(Uint8Array.of(0x50, 0x4b, 0x05), END_RECORD, 10)).toBe(-1)
    expect(lastIndexOfSignature(new Uint8Array(0), END_RECORD, 0)).toBe(-1)
  })
})

describe('toHex', () => {
  it('writes every byte value as two lower-case digits, in order, as Node does', () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(toHex(every)).toBe(Buffer.from(every).toString('hex'))
    expect(toHex(every.reverse().subarray(3, 200))).toBe(Buffer.from(every.subarray(3, 200)).toString('hex'))
  })

  it('is empty for no bytes and keeps leading zeros', () => {
    expect(toHex(new Uint8Array(0))).toBe('')
    expect(toHex(Uint8Array.of(0, 0x0f, 0xf0))).toBe('000ff0')
  })
})
