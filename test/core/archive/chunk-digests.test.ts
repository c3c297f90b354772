/**
 * Issue 8, hex view, item 1: every member of 1 MiB or more that cannot be sliced from the file (a deflated zip
 * member, a member of a tar or compressed tar, a single compressed file) gets the SHA-256 of each 1 MiB chunk of
 * its uncompressed bytes, taken in the pass that hashes it (in memory, and through the chunked
 * ≥ streamHashThreshold paths); members that can be sliced (stored zip, ar, plain file) get theirs on demand,
 * from slices, with the same values. The lists never reach the report.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CHUNK_DIGEST_SIZE, ChunkDigester } from '../../../src/core/archive/chunk-digests'
import { compareReadings, memberChunkDigests, readArtifact, type ArtifactReading } from '../../../src/core/index'
import { blobSource, buildTar, buildZip, gzip } from './build-archives'
import { buildAr } from './build-ar'
import { patternBytes } from './pattern-bytes'

const MiB = 1024 * 1024
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** What the digests must be: the SHA-256 of each 1 MiB slice. */
function expectedChunks(bytes: Uint8Array): string[] {
  const list: string[] = []
  for (let at = 0; at < bytes.length; at += CHUNK_DIGEST_SIZE) list.push(sha256(bytes.subarray(at, at + CHUNK_DIGEST_SIZE)))
  return list
}

const DATA = patternBytes(2 * MiB + 12345)
const SMALL = patternBytes(MiB - 1, 2)
const member = (reading: ArtifactReading, path: string) => reading.members.find((entry) => entry.path === path)!

describe.each([
  ['in memory', {}],
  ['streamed (streamHashThreshold 64 KiB)', { streamHashThreshold: 64 * 1024 }],
])('chunk digests, %s', (_label, options) => {
  it('a deflated zip member: each chunk hashed, the whole hash unchanged; none under 1 MiB; a stored one on demand', async () => {
    const zip = buildZip([{ name: 'big.bin', data: DATA, deflate: true }, { name: 'raw.bin', data: DATA }, { name: 'small.bin', data: SMALL, deflate: true }])
    const source = blobSource('a.zip', zip)
    const reading = await readArtifact(source, options)
    expect(member(reading, 'big.bin').sha256).toBe(sha256(DATA))
    expect(member(reading, 'big.bin').chunkSha256).toEqual(expectedChunks(DATA))
    expect(member(reading, 'big.bin').chunkSha256).toHaveLength(3)
    expect(member(reading, 'small.bin').chunkSha256).toBeUndefined()
    const raw = member(reading, 'raw.bin')
    expect(raw.sha256).toBe(sha256(DATA))
    expect(raw.chunkSha256).toBeUndefined()
    expect(await memberChunkDigests(source, reading, raw.index)).toEqual(expectedChunks(DATA))
    expect(await memberChunkDigests(source, reading, member(reading, 'small.bin').index)).toBeNull()
  })

  it('a member of a tar and of a compressed tar', async () => {
    const tar = buildTar([{ name: 'pkg/big.bin', data: DATA }, { name: 'pkg/small.bin', data: SMALL }])
    for (const [name, bytes] of [['a.tar', tar], ['a.tar.gz', gzip(tar)]] as const) {
      const reading = await readArtifact(blobSource(name, bytes), options)
      expect(member(reading, 'pkg/big.bin').chunkSha256).toEqual(expectedChunks(DATA))
      expect(member(reading, 'pkg/small.bin').chunkSha256).toBeUndefined()
    }
  })

  it('a single gzip-compressed file while listing; an ar member and a plain file on demand', async () => {
    const single = await readArtifact(blobSource('big.bin.gz', gzip(DATA)), options)
    expect(single.members[0].chunkSha256).toEqual(expectedChunks(DATA))
    for (const [name, bytes, path] of [['a.a', buildAr([{ name: 'big.o', data: DATA }]), 'big.o'], ['big.so', DATA, 'big.so']] as const) {
      const source = blobSource(name, bytes)
      const reading = await readArtifact(source, options)
      expect(member(reading, path).chunkSha256).toBeUndefined()
      expect(await memberChunkDigests(source, reading, member(reading, path).index)).toEqual(expectedChunks(DATA))
    }
  })
})

describe('ChunkDigester', () => {
  it('gives the same digests whatever the pieces it is fed', async () => {
    const digester = new ChunkDigester()
    for (let at = 0; at < DATA.length; at += 333_333) digester.update(DATA.subarray(at, at + 333_333))
    expect(await digester.finish()).toEqual(expectedChunks(DATA))
  })

  it('gives no list below one chunk', async () => {
    const digester = new ChunkDigester()
    digester.update(SMALL)
    expect(await digester.finish()).toBeNull()
  })
})

describe('the report', () => {
  it('carries no chunk digests: the member sides do not grow', async () => {
    const zip = buildZip([{ name: 'big.bin', data: DATA, deflate: true }])
    const changed = DATA.slice()
    changed[MiB + 5] ^= 1
    const left = await readArtifact(blobSource('a.zip', zip))
    const right = await readArtifact(blobSource('b.zip', buildZip([{ name: 'big.bin', data: changed, deflate: true }])))
    expect(left.members[0].chunkSha256).toHaveLength(3)
    const json = JSON.stringify(compareReadings(left, right))
    expect(json).not.toContain('chunkSha256')
    expect(json).not.toContain(left.members[0].chunkSha256![1])
  })
})
