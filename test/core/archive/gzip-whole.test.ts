/**
 * The one-go gzip path takes only a lone, clean member and answers null for everything else, so the streamed
 * reading (which names what is wrong) still sees every odd file; and what it takes reads exactly as streamed.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { NODE_KERNELS } from '../../../src/cli/node-kernels'
import { firstMemberError } from '../../../src/core/archive/gunzip'
import { gunzipWhole } from '../../../src/core/archive/gzip-whole'
import { DEFAULT_KERNELS, resolveKernels, type Kernels } from '../../../src/core/kernels'
import { readArtifact } from '../../../src/core/reading'
import { BytesBlob } from '../../../src/core/util/bytes-blob'
import { tarEntry, tarOf } from './build-tar'

const text = (words: string) => new TextEncoder().encode(words)
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) (out.set(part, at), (at += part.length))
  return out
}
const PAYLOAD = text('the changelog of a package, '.repeat(40))
const CLEAN = new Uint8Array(gzipSync(PAYLOAD))
const trailerOf = (gzip: Uint8Array) => gzip.subarray(gzip.length - 8)

/** Kernels whose one-call inflate always fails: gunzipWhole then answers null, and the stream is read. */
const streamedOnly = (kernels: Kernels): Partial<Kernels> => ({ ...kernels, inflateRaw: (compressed, size, threshold) => {
  if (threshold === Infinity) throw new Error('one-call path disabled for this test')
  return kernels.inflateRaw(compressed, size, threshold)
} })

describe.each([['default kernels', DEFAULT_KERNELS], ['Node kernels', resolveKernels(NODE_KERNELS)]] as const)('gunzipWhole with the %s', (_name, kernels) => {
  it('inflates a lone clean member to what zlib gives', async () => {
    const payload = await gunzipWhole(new BytesBlob(CLEAN), kernels)
    expect(payload && Buffer.from(payload).equals(gunzipSync(CLEAN))).toBe(true)
  })

  const refused: [string, Uint8Array][] = [
    ['bytes after the trailer', join(CLEAN, text('junk'))],
    ['one zero byte of padding', join(CLEAN, new Uint8Array(1))],
    ['a second member', join(CLEAN, new Uint8Array(gzipSync(text('second'))))],
    // The trailer repeated at the end: the last 8 bytes match, but the deflate data ended 12 bytes before them.
    ['bytes hidden between the member and a copy of its trailer', join(CLEAN, text('hide'), trailerOf(CLEAN))],
    ['a wrong CRC-32', (() => { const bad = CLEAN.slice(); bad[bad.length - 8] ^= 1; return bad })()],
    ['a wrong ISIZE', (() => { const bad = CLEAN.slice(); bad[bad.length - 4] ^= 1; return bad })()],
    ['corrupt deflate data', (() => { const bad = CLEAN.slice(); bad[12] ^= 0xff; return bad })()],
    ['a cut stream', CLEAN.subarray(0, CLEAN.length - 3)],
  ]
  it('leaves a payload above 1 MiB to the stream, where the limits judge it as it comes', async () => {
    expect(await gunzipWhole(new BytesBlob(new Uint8Array(gzipSync(new Uint8Array(1024 * 1024 + 1)))), kernels)).toBeNull()
  })
  it.each(refused)('refuses %s (read again with fflate, which names it)', async (_label, bytes) => {
    expect(await gunzipWhole(new BytesBlob(bytes), kernels)).toBe('refused')
  })
})

describe('a gzip taken in one call reads as the streamed reading does', () => {
  const tarGz = new Uint8Array(gzipSync(tarOf([tarEntry({ name: 'pkg/a.txt' }, 'alpha\n'), tarEntry({ name: 'pkg/b.txt' }, 'beta\n')])))
  const cases: [string, Uint8Array][] = [['a single file', CLEAN], ['a tar.gz', tarGz], ['a gzip with a copy of its trailer after hidden bytes', join(CLEAN, text('hide'), trailerOf(CLEAN))]]
  it.each(cases)('%s', async (name, bytes) => {
    const source = () => ({ name: `${name.replaceAll(' ', '-')}.gz`, blob: new BytesBlob(bytes) })
    const fast = await readArtifact(source())
    const streamed = await readArtifact(source(), { kernels: streamedOnly(DEFAULT_KERNELS) })
    expect(fast).toEqual(streamed)
    expect(fast.error).toBeUndefined()
  })

  it('the hidden bytes are still named, with their offset', async () => {
    const reading = await readArtifact({ name: 'hidden.gz', blob: new BytesBlob(join(CLEAN, text('hide'), trailerOf(CLEAN))) })
    expect(reading.anomalies.map((anomaly) => [anomaly.code, anomaly.offset])).toContainEqual(['ARCHIVE_TRAILING_BYTES', CLEAN.length])
  })
})

describe('a first member that fails is named without the streaming decoder', () => {
  const cutTar = new Uint8Array(gzipSync(tarOf([tarEntry({ name: 'pkg/a.txt' }, 'alpha\n'.repeat(300))])))
  // BFINAL 1 and BTYPE 11 in the first deflate byte (after the 10-byte header): a block type RFC 1951 3.2.3 reserves.
  const reservedBlockType = (() => { const bad = CLEAN.slice(); bad[10] = 0x07; return bad })()
  const cases: [string, Uint8Array][] = [
    ['a single file cut in its deflate data', CLEAN.subarray(0, 30)],
    ['a tar.gz cut short', cutTar.subarray(0, cutTar.length >> 1)],
    ['a reserved block type', reservedBlockType],
  ]
  it.each(cases)('%s: the same reading as through the stream', async (name, bytes) => {
    // A Blob of the same bytes takes the streamed fflate path (firstMemberError answers only for a BytesBlob).
    const label = `${name.replaceAll(' ', '-')}.gz`
    const probed = await readArtifact({ name: label, blob: new BytesBlob(bytes) })
    const streamed = await readArtifact({ name: label, blob: new Blob([bytes.slice()]) })
    expect(probed).toEqual(streamed)
    expect(probed.error?.code).toBeDefined()
  })
  it('answers null when the first member decodes, and for a Blob that is not in memory', async () => {
    expect(await firstMemberError(new BytesBlob(join(CLEAN, text('junk'))), 10)).toBeNull()
    expect(await firstMemberError(new Blob([CLEAN.subarray(0, 30)]), 10)).toBeNull()
    expect(await firstMemberError(new BytesBlob(CLEAN.subarray(0, 30)), 10)).toBeInstanceOf(Error)
  })
})
