/** Zstandard frame header fields (RFC 8878 3.1.1.1) and damaged frames. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { FIXTURES, bytesSource } from '../../fixture-files'
import { Xxh64 } from '../../../src/core/util/xxh64'
import { concat } from './build-tar'

const DIR = join(FIXTURES, 'compressors')
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))

describe('Zstandard', () => {
  it('reads the frame header: content size, single segment, checksum flag, window size, dictionary ID', async () => {
    const tar = await readArtifact(bytesSource('members.tar.zst', bytes('members.tar.zst')))
    // zstd writes small inputs of known size as one segment: the window is then the content size.
    expect(tar.fields).toMatchObject({ 'zstd.frameContentSize': 163840, 'zstd.singleSegment': true, 'zstd.checksumFlag': true, 'zstd.windowSize': 163840, 'zstd.dictionaryId': 0 })
    // zstd --no-check: no checksum.
    const single = await readArtifact(bytesSource('single.json.zst', bytes('single.json.zst')))
    expect(single.fields).toMatchObject({ 'zstd.frameContentSize': 680, 'zstd.singleSegment': true, 'zstd.checksumFlag': false, 'zstd.windowSize': 680 })
    // From a pipe the size is not known: no content size; a 2 MiB window (exponent 11).
    const zeros = await readArtifact(bytesSource('zeros.zst', bytes('zeros.zst')))
    expect(zeros.fields).toMatchObject({ 'zstd.frameContentSize': null, 'zstd.windowSize': 2 * 1024 * 1024 })
  })
  it('reads frames one after the other as one payload', async () => {
    const single = bytes('single.json.zst')
    const reading = await readArtifact(bytesSource('two.json.zst', concat([single, single])))
    expect(reading.error).toBeUndefined()
    expect(reading.members.map((m) => [m.path, m.size])).toEqual([['two.json', 2 * bytes('single.json').length]])
  })
  it('a block of the reserved type is DECOMPRESSION_FAILED, never a crash', async () => {
    const damaged = bytes('single.json.zst')
    // The first block header follows the 4-byte magic, the descriptor and a 2-byte content size (offset 7).
    damaged[7] |= 0x06
    const reading = await readArtifact(bytesSource('x.json.zst', damaged))
    expect(reading.error).toMatchObject({ code: 'DECOMPRESSION_FAILED' })
    expect(reading.error?.message).toMatch(/Zstandard stream is corrupt \(invalid block type\)/)
  })
  it('checks each frame\'s content checksum, which fzstd skips: damaged content is DECOMPRESSION_FAILED', async () => {
    const damaged = bytes('members.tar.zst')
    // Inside the first block's literals: fzstd decodes them whatever they are, only the checksum tells.
    damaged[3000] ^= 0x01
    const reading = await readArtifact(bytesSource('x.tar.zst', damaged))
    expect(reading.error).toMatchObject({ code: 'DECOMPRESSION_FAILED' })
    expect(reading.error?.message).toMatch(/content checksum does not match \(stored 0x67b768a2/)
  })
  it('skips skippable frames (RFC 8878 3.1.2)', async () => {
    const skippable = new Uint8Array([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3])
    const reading = await readArtifact(bytesSource('x.json.zst', concat([bytes('single.json.zst'), skippable, bytes('single.json.zst')])))
    expect(reading.error).toBeUndefined()
    expect(reading.members[0].size).toBe(2 * bytes('single.json').length)
  })
  it('a cut inside a frame header or block is TRUNCATED', async () => {
    for (const length of [5, 8, 30]) {
      const reading = await readArtifact(bytesSource('x.json.zst', bytes('single.json.zst').slice(0, length)))
      expect(reading.error?.code, `cut at ${length}`).toBe('TRUNCATED')
    }
  })
  it('bytes after the last frame that are not a frame are DECOMPRESSION_FAILED, as zstd(1) refuses them', async () => {
    const reading = await readArtifact(bytesSource('x.json.zst', concat([bytes('single.json.zst'), new TextEncoder().encode('junk after the frame!')])))
    expect(reading.error?.code).toBe('DECOMPRESSION_FAILED')
  })
})

describe('XXH64 (the Zstandard content checksum)', () => {
  // The low 32 bits zstd 1.5.4 stored for the first N bytes of members.tar (`head -c N | zstd`): every tail path.
  const VECTORS: [number, number][] = [
    [0, 0x51d8e999], [1, 0xa06552ef], [3, 0x5b9caaf6], [4, 0x38f3c2dc], [7, 0x11cb1d81], [8, 0x536f5417], [13, 0x77a895e1],
    [31, 0x8943ef53], [32, 0xa1be537b], [33, 0xf4ba38c0], [45, 0x9cb595e1], [100, 0x33606980], [680, 0xf91ea81f], [1000, 0xa323639d],
  ]
  it.each(VECTORS)('the first %i bytes, fed whole and byte by byte', (length, expected) => {
    const data = bytes('members.tar').subarray(0, length)
    const whole = new Xxh64()
    whole.update(data)
    expect(whole.digestLow32()).toBe(expected)
    const split = new Xxh64()
    for (let i = 0; i < data.length; i++) split.update(data.subarray(i, i + 1))
    expect(split.digestLow32()).toBe(expected)
  })
})
