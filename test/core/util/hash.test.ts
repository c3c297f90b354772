import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256OfBlob } from '../../../src/core/util/hash'
import { Sha256 } from '../../../src/core/util/sha256-stream'

const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('incremental SHA-256', () => {
  it('matches the FIPS 180-4 example "abc"', () => {
    expect(new Sha256().update(new TextEncoder().encode('abc')).digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
  it('matches node:crypto for every length around the padding boundaries, fed in uneven pieces', () => {
    const bytes = new Uint8Array(randomBytes(300))
    for (let length = 0; length <= 300; length += 1) {
      const hash = new Sha256()
      for (let at = 0; at < length; at += 7) hash.update(bytes.subarray(at, Math.min(at + 7, length)))
      expect(hash.digestHex()).toBe(nodeSha256(bytes.subarray(0, length)))
    }
  })
  it('hashes a 70 MB blob (past the one-shot limit) through slices, as node:crypto does', async () => {
    const bytes = new Uint8Array(70 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i & 0xff
    expect(await sha256OfBlob(new Blob([bytes]))).toBe(nodeSha256(bytes))
  })
})
