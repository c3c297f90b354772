/**
 * Node's kernels (src/cli/node-kernels.ts: node:crypto, node:zlib) give the reports the default kernels give
 * (Web Crypto, fflate, DecompressionStream, the JavaScript CRC-32), on every fixture pair and on hostile input:
 * corrupt and cut deflate data, a member that inflates past its declared size, ratio bombs, CRC mismatches, in the
 * whole-member and the streamed paths (issue 9, brief K items 1–3). Each test also counts the calls into the Node
 * kernels, so it fails when the readers ignore `ReadOptions.kernels`.
 */
import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { NODE_KERNELS } from '../../src/cli/node-kernels'
import { compareArtifacts, readArtifact, type ReadOptions } from '../../src/core/index'
import type { Kernels } from '../../src/core/kernels'
import { blobSource, buildTar, buildZip, gzip, type ZipEntry } from '../core/archive/build-archives'
import { fixturePairs, source } from '../fixture-files'

type Calls = Partial<Record<keyof Kernels, number>>

/** Node's kernels, each call counted. */
function countedNodeKernels(): { kernels: Partial<Kernels>; calls: Calls } {
  const calls: Calls = {}
  const kernels: Record<string, unknown> = {}
  for (const [name, kernel] of Object.entries(NODE_KERNELS) as [keyof Kernels, (...args: unknown[]) => unknown][]) {
    kernels[name] = (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1
      return kernel(...args)
    }
  }
  return { kernels: kernels as Partial<Kernels>, calls }
}

/** As JSON carries it (undefined fields dropped), so two reports compare field by field. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value))

describe('every fixture pair: the same report with the default kernels and with Node\'s', () => {
  const { kernels, calls } = countedNodeKernels()
  it.each(fixturePairs().map(({ kind, left, right }) => [kind, left, right]))('%s', async (_kind, left, right) => {
    const withDefaults = await compareArtifacts(await source(left), await source(right))
    const withNode = await compareArtifacts(await source(left), await source(right), { kernels })
    expect(plain(withNode)).toEqual(plain(withDefaults))
  }, 30_000)

  it('and the Node kernels were the ones used', () => {
    expect(calls.sha256).toBeGreaterThan(100)
    expect(calls.inflateRaw).toBeGreaterThan(10)
    expect(calls.crc32).toBeGreaterThan(10)
  })
})

const text = new TextEncoder()
const repetitive = text.encode('abcdefgh'.repeat(625))
const deflated = deflateSync(repetitive)
/** An invalid block type (BTYPE 11, RFC 1951 3.2.3) in the first block header. */
const badBlockType = new Uint8Array([0xff, 0xff, 0xff, 0xff])
const zeros = new Uint8Array(4 * 1024 * 1024)

const HOSTILE_ZIPS: [string, ZipEntry, ReadOptions['limits']?][] = [
  ['corrupt deflate data', { name: 'bad.bin', method: 8, stored: badBlockType, declaredSize: 100 }],
  ['deflate data cut short', { name: 'cut.bin', method: 8, stored: deflated.subarray(0, deflated.length - 8), declaredSize: repetitive.length }],
  ['a stream that inflates past its declared size', { name: 'long.bin', data: repetitive, deflate: true, declaredSize: 1000 }],
  ['a stream that ends before its declared size', { name: 'short.bin', data: repetitive, deflate: true, declaredSize: 6000 }],
  ['a CRC-32 that does not match', { name: 'crc.bin', data: repetitive, deflate: true, crc: 0x12345678 }],
  ['a ratio bomb', { name: 'bomb.bin', data: zeros, deflate: true }, { maxRatio: 100 }],
]

/** The member's error and hash, and the reading's error: what a report shows of a hostile member. */
async function readBoth(name: string, bytes: Uint8Array<ArrayBuffer>, options: ReadOptions) {
  const { kernels, calls } = countedNodeKernels()
  const [withDefaults, withNode] = await Promise.all([readArtifact(blobSource(name, bytes), options), readArtifact(blobSource(name, bytes), { ...options, kernels })])
  const seen = (reading: typeof withNode) => plain({ error: reading.error, members: reading.members.map(({ path, sha256, error }) => ({ path, sha256, error })) })
  return { withDefaults: seen(withDefaults), withNode: seen(withNode), calls }
}

describe('hostile zips: the same errors, codes and offsets with both kernels', () => {
  for (const [path, streamed] of [['whole', {}], ['streamed while hashed', { streamHashThreshold: 1 }]] as const) {
    it.each(HOSTILE_ZIPS)(`%s (${path})`, async (_what, entry, limits) => {
      const zip = buildZip([entry, { name: 'ok.txt', data: 'ok', deflate: true }])
      const { withDefaults, withNode, calls } = await readBoth('x.whl', zip, { limits, ...streamed })
      expect(withNode).toEqual(withDefaults)
      // The member's problem is named (the ratio bomb before anything is inflated), the next member still read.
      expect(withNode.members[0].error?.code).toMatch(/^(DECOMPRESSION_FAILED|CORRUPT_STRUCTURE|CRC_MISMATCH|LIMIT_EXCEEDED)$/)
      expect(withNode.members[1].sha256).toBe('2689367b205c16ce32ed4200942b8b8b1e262dfc70d9bc9fbc77c49699a4f1df')
      expect(calls.crc32).toBeGreaterThan(0)
      // Streamed, a deflated member goes through zlib's stream (node-kernels.ts inflateRawStream), the default through DecompressionStream.
      if (path !== 'whole') expect(calls.inflateRawStream).toBeGreaterThan(0)
    })
  }

  it('names corrupt and cut deflate data as DECOMPRESSION_FAILED, in the same words for a cut stream', async () => {
    const zip = buildZip([HOSTILE_ZIPS[0][1], HOSTILE_ZIPS[1][1]])
    const { withDefaults, withNode, calls } = await readBoth('x.whl', zip, {})
    expect(withNode.members.map((member) => member.error?.code)).toEqual(['DECOMPRESSION_FAILED', 'DECOMPRESSION_FAILED'])
    expect(withNode.members[0].error?.message).toMatch(/^bad\.bin: Deflate data is corrupt: /)
    expect(withNode.members[1].error).toEqual(withDefaults.members[1].error)
    expect(withNode.members[1].error?.message).toBe('cut.bin: Deflate data is corrupt: unexpected EOF')
    expect(calls.inflateRaw).toBe(2)
  })

  it('reads a deflated member with no deflate data as no bytes, as CPython\'s zipfile does, with both kernels', async () => {
    const zip = buildZip([{ name: 'empty.txt', method: 8, stored: new Uint8Array(0), declaredSize: 0, crc: 0 }, { name: 'claims.txt', method: 8, stored: new Uint8Array(0), declaredSize: 5, crc: 0 }])
    const { withDefaults, withNode } = await readBoth('x.whl', zip, {})
    expect(withNode).toEqual(withDefaults)
    expect(withNode.members[0]).toEqual({ path: 'empty.txt', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
    expect(withNode.members[1].error?.message).toBe('claims.txt: the central directory declares 5 bytes, but the deflate stream inflates to 0')
  })
})

describe('gzip and tar through the kernels', () => {
  it('a gzip ratio bomb stops with the same error, and a tar.gz member is hashed by Node\'s SHA-256', async () => {
    const bomb = gzip(buildTar([{ name: 'zeros', data: zeros }]))
    const stopped = await readBoth('bomb.tar.gz', bomb, { limits: { maxRatio: 50 } })
    expect(stopped.withNode).toEqual(stopped.withDefaults)
    expect(stopped.withNode.error?.code).toBe('LIMIT_EXCEEDED')
    const read = await readBoth('ok.tar.gz', gzip(buildTar([{ name: 'a.txt', data: 'ok' }, { name: 'big.bin', data: repetitive }])), { streamHashThreshold: 4096 })
    expect(read.withNode).toEqual(read.withDefaults)
    expect(read.calls.sha256).toBeGreaterThan(0)
    expect(read.calls.createSha256).toBeGreaterThan(0)
  })

  const tar = buildTar([{ name: 'a.txt', data: 'ok' }, { name: 'b.bin', data: repetitive }])
  const tarGz = gzip(tar)
  const withTrailerCrc = (bytes: Uint8Array<ArrayBuffer>) => {
    const copy = bytes.slice()
    copy[copy.length - 8] ^= 1
    return copy
  }
  const noise = new Uint8Array(1536 * 1024).map((_, i) => (i * 2654435761) >>> 24)
  it.each([
    ['one gzip member', tarGz],
    ['two gzip members', new Uint8Array([...gzip(tar.subarray(0, 1024)), ...gzip(tar.subarray(1024))])],
    ['bytes after the gzip stream', new Uint8Array([...tarGz, ...new TextEncoder().encode('junk after it')])],
    ['zero padding after it', new Uint8Array([...tarGz, ...new Uint8Array(512)])],
    ['a trailer CRC-32 that does not match', withTrailerCrc(tarGz)],
    ['a stream cut short', tarGz.slice(0, tarGz.length - 20)],
    ['more than 1 MiB of compressed bytes (decoded as a stream)', gzip(buildTar([{ name: 'noise.bin', data: noise }]))],
    // The same checks on the streamed path (node-kernels.ts zlibStream), past the one-call limit.
    ['more than 1 MiB, then bytes after the gzip stream', new Uint8Array([...gzip(buildTar([{ name: 'noise.bin', data: noise }])), ...new TextEncoder().encode('junk after it')])],
    ['more than 1 MiB, with a trailer CRC-32 that does not match', withTrailerCrc(gzip(buildTar([{ name: 'noise.bin', data: noise }])))],
    ['more than 1 MiB, cut short', gzip(buildTar([{ name: 'noise.bin', data: noise }])).slice(0, 1_200_000)],
  ])('a tar.gz with %s reads the same through Node\'s gunzip', async (_what, bytes) => {
    const { withDefaults, withNode, calls } = await readBoth('x.tar.gz', bytes as Uint8Array<ArrayBuffer>, {})
    expect(withNode).toEqual(withDefaults)
    expect(calls.gunzip).toBeGreaterThan(0)
  })
})
