import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MAX_ONE_BUFFER_DIGEST_BYTES, parseDigest } from '../../../src/core/source/index'
import { checkDigests, digestOfBlob, type DigestUsing } from '../../../src/core/source/digest'

const using: DigestUsing = { wholeDigest: (algorithm, bytes) => createHash(algorithm).update(bytes).digest('hex') }

const BYTES = new TextEncoder().encode('the published wheel')
const SHA256 = createHash('sha256').update(BYTES).digest('hex')
const SHA512_SRI = `sha512-${createHash('sha512').update(BYTES).digest('base64')}`

describe('parseDigest', () => {
  it('reads SHA-256 hex (bare or sha256:) and SRI strings into hex', () => {
    expect(parseDigest(SHA256.toUpperCase())).toEqual([{ algorithm: 'sha256', hex: SHA256, text: SHA256.toUpperCase() }])
    expect(parseDigest(`sha256:${SHA256}`)?.[0].hex).toBe(SHA256)
    expect(parseDigest(SHA512_SRI)?.[0]).toMatchObject({ algorithm: 'sha512', hex: createHash('sha512').update(BYTES).digest('hex') })
  })

  it('keeps only the strongest entries of an SRI list', () => {
    const sha256Sri = `sha256-${createHash('sha256').update(BYTES).digest('base64')}`
    expect(parseDigest(`${sha256Sri} ${SHA512_SRI}`)?.map((d) => d.algorithm)).toEqual(['sha512'])
  })

  it('refuses what is no digest: short hex, bad base64, wrong length, unknown algorithm', () => {
    for (const text of ['', 'abc', SHA256.slice(1), 'sha512-@@@', 'sha512-AAAA', `md5-${'A'.repeat(22)}==`, `${SHA256} nonsense`]) expect(parseDigest(text), text).toBeNull()
  })
})

describe('checking a file', () => {
  it('matches the right SHA-256 and sha512 integrity, and not a wrong one', async () => {
    const blob = new Blob([BYTES])
    expect((await checkDigests(blob, parseDigest(SHA256)!)).ok).toBe(true)
    expect((await checkDigests(blob, parseDigest(SHA512_SRI)!, {}, using)).ok).toBe(true)
    expect((await checkDigests(blob, parseDigest('0'.repeat(64))!)).ok).toBe(false)
    const otherSri = `sha512-${createHash('sha512').update('other').digest('base64')}`
    expect((await checkDigests(blob, parseDigest(otherSri)!, {}, using)).ok).toBe(false)
  })

  it('says when no sha512 function was given instead of skipping the check', async () => {
    await expect(checkDigests(new Blob([BYTES]), parseDigest(SHA512_SRI)!)).rejects.toThrow(/No sha512 digest function/)
  })

  it('names the one-buffer limit of a sha512 digest instead of reading a huge file whole', async () => {
    const huge = { size: MAX_ONE_BUFFER_DIGEST_BYTES + 1, arrayBuffer: () => { throw new Error('read whole') } } as unknown as Blob
    await expect(digestOfBlob(huge, 'sha512', using)).rejects.toThrow(/MAX_ONE_BUFFER_DIGEST_BYTES/)
  })
})
