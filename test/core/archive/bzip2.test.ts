/** bzip2 header fields, several streams (pbzip2), trailing bytes and damaged headers (bzip2 1.0.8 sources). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { FIXTURES, bytesSource } from '../../fixture-files'
import { concat } from './build-tar'

const DIR = join(FIXTURES, 'compressors')
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))

describe('bzip2', () => {
  it('reads the block size digit as bzip2.blockSize', async () => {
    expect((await readArtifact(bytesSource('members.tar.bz2', bytes('members.tar.bz2')))).fields['bzip2.blockSize']).toBe(1)
    expect((await readArtifact(bytesSource('single.json.bz2', bytes('single.json.bz2')))).fields['bzip2.blockSize']).toBe(9)
  })
  it('reads streams one after the other (as pbzip2 writes them) as one payload, and counts them', async () => {
    const single = bytes('single.json.bz2')
    const reading = await readArtifact(bytesSource('two.json.bz2', concat([single, single])))
    expect(reading.error).toBeUndefined()
    expect(reading.fields['bzip2.streams']).toBe(2)
    expect(reading.members.map((m) => [m.path, m.size])).toEqual([['two.json', 2 * bytes('single.json').length]])
  })
  it('bytes after the last stream are trailing bytes with their offset, hashed into the archive fields', async () => {
    const single = bytes('single.json.bz2')
    const reading = await readArtifact(bytesSource('single.json.bz2', concat([single, new TextEncoder().encode('junk after the end')])))
    expect(reading.error).toBeUndefined()
    expect(reading.members[0].size).toBe(bytes('single.json').length)
    expect(reading.anomalies).toContainEqual(expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES', offset: single.length }))
    expect(reading.fields['outsideBytes.length']).toBe(18)
  })
  it('a block size byte that is not 1–9 is DECOMPRESSION_FAILED with its offset', async () => {
    const damaged = bytes('single.json.bz2')
    damaged[3] = 0x30
    const reading = await readArtifact(bytesSource('x.bz2', damaged))
    expect(reading.error).toMatchObject({ code: 'DECOMPRESSION_FAILED', offset: 3 })
  })
  it('a block whose CRC does not match is DECOMPRESSION_FAILED saying so', async () => {
    const damaged = bytes('single.json.bz2')
    // The block CRC follows the 4-byte stream header and the 6-byte block magic.
    damaged[10] ^= 0xff
    const reading = await readArtifact(bytesSource('x.json.bz2', damaged))
    expect(reading.error).toMatchObject({ code: 'DECOMPRESSION_FAILED' })
    expect(reading.error?.message).toMatch(/CRC does not match/)
  })
})
