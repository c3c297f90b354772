/**
 * Zip members too large to hold (at or above `streamHashThreshold`) inflate through the platform's decoder stream
 * (`inflateRawStream`, DecompressionStream) where there is one, and through fflate's streaming inflater where not
 * (issue 9): the same hashes, CRC-32 and chunk digests either way, and every hostile stream still named.
 */
import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import type { Kernels } from '../../../src/core/kernels'
import { blobSource, buildZip, type ZipEntry } from './build-archives'

const text = new TextEncoder()
// Over 2 MiB, so the member has chunk digests, and of varied bytes so the deflate stream has many blocks.
const big = Uint8Array.from({ length: 2_500_000 }, (_, i) => (i % 251) ^ ((i >> 11) & 0x7f))
const deflated = deflateSync(big)

/** Counts the platform streams made, so a test knows which decoder ran. */
function kernelsWith(platform: boolean): { kernels: Partial<Kernels>; streams: () => number } {
  let made = 0
  return {
    kernels: { inflateRawStream: () => (platform ? (made++, new DecompressionStream('deflate-raw') as ReadableWritablePair<Uint8Array, Uint8Array>) : null) },
    streams: () => made,
  }
}

async function readStreamed(entry: ZipEntry, platform: boolean) {
  const { kernels, streams } = kernelsWith(platform)
  const reading = await readArtifact(blobSource('x.zip', buildZip([entry, { name: 'after.txt', data: 'still read' }])), { streamHashThreshold: 1, kernels })
  const [member, after] = reading.members
  return { member, after, streams: streams() }
}

describe('streamed deflate members', () => {
  it('read alike through the platform decoder and through fflate: SHA-256, CRC-32 and chunk digests', async () => {
    const [platform, fflate] = await Promise.all([readStreamed({ name: 'big.bin', data: big, deflate: true }, true), readStreamed({ name: 'big.bin', data: big, deflate: true }, false)])
    expect(platform.streams).toBeGreaterThan(0)
    expect(fflate.streams).toBe(0)
    expect(platform.member.error).toBeUndefined()
    expect(platform.member.sha256).toBe(fflate.member.sha256)
    expect(platform.member.chunkSha256).toEqual(fflate.member.chunkSha256)
    expect(platform.member.chunkSha256?.length).toBe(3)
  })

  const hostile: [string, ZipEntry, RegExp][] = [
    ['corrupt data', { name: 'bad.bin', method: 8, stored: new Uint8Array([0xff, 0xff, 0xff, 0xff]), declaredSize: 100 }, /^DECOMPRESSION_FAILED .*bad\.bin: Deflate data is corrupt/],
    ['data cut short', { name: 'cut.bin', method: 8, stored: deflated.subarray(0, deflated.length - 100), declaredSize: big.length }, /^DECOMPRESSION_FAILED .*cut\.bin: Deflate data is corrupt: .*(end|EOF)/i],
    ['a stream past its declared size', { name: 'long.bin', data: big, deflate: true, declaredSize: 1000 }, /^CORRUPT_STRUCTURE .*declares 1,000 bytes, but the deflate stream inflates past them/],
    ['a stream short of its declared size', { name: 'short.bin', data: text.encode('short'), deflate: true, declaredSize: 6000 }, /^CORRUPT_STRUCTURE .*declares 6,000 bytes, but the deflate stream inflates to 5/],
  ]
  for (const [what, entry, expected] of hostile) {
    it(`name ${what} through the platform decoder, and the next member is still read`, async () => {
      const { member, after, streams } = await readStreamed(entry, true)
      expect(streams).toBe(1)
      expect(member.sha256).toBeNull()
      expect(`${member.error?.code} ${member.error?.message}`).toMatch(expected)
      expect(after.sha256).not.toBeNull()
    })
  }
})
