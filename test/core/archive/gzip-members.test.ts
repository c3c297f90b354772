/**
 * Multi-member gzip is one stream (RFC 1952 2.2), bytes after it are an anomaly at their exact file
 * offset, and member trailers are checked (issue 7 items 2 and 10).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readArtifact, readMemberContent } from '../../../src/core/index'
import { concat, END_OF_ARCHIVE, gzipOf, tarEntry, tarOf } from './build-tar'

const source = (name: string, bytes: Uint8Array<ArrayBuffer>) => ({ name, blob: new Blob([bytes]) })
const ENTRIES = ['a', 'b', 'c', 'd'].map((name) => tarEntry({ name: `pkg/${name}.py` }, `${name} = 1\n`.repeat(300)))
const TAR = tarOf(ENTRIES)
const names = (members: { path: string; sha256: string | null }[]) => members.map((m) => [m.path, m.sha256 !== null])
const ALL = ['a', 'b', 'c', 'd'].map((name) => [`pkg/${name}.py`, true])

describe('multi-member gzip', () => {
  it('lists every tar member when the tar is split across two gzip members, mid-member', async () => {
    const cut = 512 + 700
    const bytes = concat([gzipOf(TAR.subarray(0, cut)), gzipOf(TAR.subarray(cut))])
    const reading = await readArtifact(source('split.tar.gz', bytes))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('tar+gzip')
    expect(names(reading.members)).toEqual(ALL)
    expect(reading.anomalies).toEqual([])
  })

  it('lists the tar members a second gzip member holds', async () => {
    const first = concat(ENTRIES.slice(0, 2))
    const second = concat([...ENTRIES.slice(2), END_OF_ARCHIVE])
    const reading = await readArtifact(source('two.tar.gz', concat([gzipOf(first), gzipOf(second)])))
    expect(reading.error).toBeUndefined()
    expect(names(reading.members)).toEqual(ALL)
  })

  it('reads a single-file gzip of three members as one payload', async () => {
    const reading = await readArtifact(source('x.gz', concat([gzipOf(Buffer.from('one ')), gzipOf(Buffer.from('two ')), gzipOf(Buffer.from('three'))])))
    expect(reading.members.map((m) => m.size)).toEqual([13])
    expect(reading.anomalies).toEqual([])
  })

  it('flags a member whose trailer does not match what it inflates to', async () => {
    const first = gzipOf(TAR.subarray(0, 1024))
    first[first.length - 8] ^= 0xff
    const reading = await readArtifact(source('bad.tar.gz', concat([first, gzipOf(TAR.subarray(1024))])))
    expect(reading.anomalies).toEqual([expect.objectContaining({ code: 'GZIP_TRAILER_MISMATCH', offset: first.length - 8 })])
  })
})

describe('bytes after the gzip stream', () => {
  const stream = gzipOf(TAR)
  for (const [what, junk] of [
    ['a zip end record', Buffer.from('PK\u0005\u0006 and then some more bytes')],
    ['two stray bytes', new Uint8Array([1, 2])],
    ['one stray byte', new Uint8Array([0x1f])],
  ] as const) {
    it(`are ARCHIVE_TRAILING_BYTES at the offset where they start: ${what}`, async () => {
      const reading = await readArtifact(source('x.tar.gz', concat([stream, junk])))
      expect(names(reading.members)).toEqual(ALL)
      expect(reading.anomalies.filter((a) => a.code === 'ARCHIVE_TRAILING_BYTES')).toEqual([expect.objectContaining({ offset: stream.length })])
    })
  }

  it('after a multi-member stream, at the end of the last member', async () => {
    const members = concat([gzipOf(TAR.subarray(0, 2048)), gzipOf(TAR.subarray(2048))])
    const reading = await readArtifact(source('x.tar.gz', concat([members, Buffer.from('trailing junk')])))
    expect(names(reading.members)).toEqual(ALL)
    expect(reading.anomalies).toEqual([expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES', offset: members.length })])
  })

  it('zero padding is a packaging field, not an anomaly (gzip(1) and Python skip it)', async () => {
    const reading = await readArtifact(source('x.tar.gz', concat([stream, new Uint8Array(100)])))
    expect(names(reading.members)).toEqual(ALL)
    expect(reading.anomalies).toEqual([])
    expect(reading.fields['gzip.trailingZeroBytes']).toBe(100)
  })

  it('none for a plain stream', async () => {
    expect((await readArtifact(source('x.tar.gz', stream))).anomalies).toEqual([])
  })
})

describe('a platform decoder that refuses a second member (as Chromium does: "Junk found after end of compressed data")', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('still lists and shows every member, reading with fflate', async () => {
    class RefusingDecompressionStream {
      readonly readable: ReadableStream<Uint8Array>
      readonly writable: WritableStream<Uint8Array>
      constructor() {
        const refuse = new TransformStream<Uint8Array, Uint8Array>({ transform: (_chunk, controller) => controller.error(new TypeError('Junk found after end of compressed data.')) })
        this.readable = refuse.readable
        this.writable = refuse.writable
      }
    }
    vi.stubGlobal('DecompressionStream', RefusingDecompressionStream)
    const artefact = source('split.tar.gz', concat([gzipOf(TAR.subarray(0, 1500)), gzipOf(TAR.subarray(1500)), Buffer.from('junk')]))
    const reading = await readArtifact(artefact)
    expect(names(reading.members)).toEqual(ALL)
    expect(reading.anomalies).toEqual([expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES' })])
    expect(Buffer.from(await readMemberContent(artefact, reading, 3)).toString()).toBe('d = 1\n'.repeat(300))
  })
})

describe('a tar cut short by bytes that are not gzip', () => {
  it('is TRUNCATED, and the bytes are still named with their offset', async () => {
    const first = gzipOf(TAR.subarray(0, 1500))
    const reading = await readArtifact(source('cut.tar.gz', concat([first, Buffer.from('PK\u0003\u0004 not gzip')])))
    expect(reading.error?.code).toBe('TRUNCATED')
    expect(reading.members.map((m) => [m.path, m.error?.code])).toEqual([['pkg/a.py', 'TRUNCATED']])
    expect(reading.anomalies).toEqual([expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES', offset: first.length })])
  })
})
