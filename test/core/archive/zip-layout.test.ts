/**
 * The zip layout computed from the central directory before any member is inflated: bytes no entry covers,
 * entries that overlap, and overlap zip bombs (David Fifield, "A better zip bomb", 2019), whose shared bytes
 * count once against the ratio limit.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact } from '../../../src/core/index'
import { blobSource, buildQuotedOverlapZip, buildZip } from './build-archives'

const codes = (reading: Awaited<ReturnType<typeof readArtifact>>) => reading.anomalies.map((a) => [a.code, a.offset])

describe('bytes no zip entry covers', () => {
  it('names a gap between members and one before the central directory, with offsets and sizes', async () => {
    // a.py covers 0..37 (30-byte header, 4-byte name, 4 bytes), then 7 filler bytes, b.py 45..80, 5 filler bytes.
    const zip = buildZip([{ name: 'a.py', data: 'aaaa' }, { name: 'b.py', data: 'bb', gapBefore: 7 }], { gapBeforeDirectory: 5 })
    const reading = await readArtifact(blobSource('x.whl', zip))
    expect(reading.error).toBeUndefined()
    expect(reading.anomalies).toEqual([
      { code: 'ZIP_UNCOVERED_BYTES', message: '7 bytes at offsets 38 to 44 belong to no zip entry (between a.py and b.py)', offset: 38 },
      { code: 'ZIP_UNCOVERED_BYTES', message: '5 bytes at offsets 81 to 85 belong to no zip entry (between b.py and the central directory)', offset: 81 },
    ])
    expect(reading.members.every((m) => m.sha256 !== null)).toBe(true)
  })

  it('counts data descriptors, prefix bytes and the zip64 end records as covered (no false alarm)', async () => {
    const zip = buildZip(
      [
        { name: 'a.py', data: 'a'.repeat(300), deflate: true, dataDescriptor: true },
        { name: 'b.py', data: 'b', dataDescriptor: { signature: false } },
        { name: 'c.py', data: 'c', dataDescriptor: true, zip64: { local: true } },
      ],
      { prefix: new Uint8Array(64), zip64End: true },
    )
    const reading = await readArtifact(blobSource('x.whl', zip))
    expect(codes(reading)).toEqual([['ARCHIVE_PREFIX_BYTES', 0]])
  })

  it('is reported by the archive-structure security rule, with the offsets', async () => {
    const clean = buildZip([{ name: 'a.py', data: 'aaaa' }, { name: 'b.py', data: 'bb' }])
    const gapped = buildZip([{ name: 'a.py', data: 'aaaa' }, { name: 'b.py', data: 'bb', gapBefore: 1000 }])
    const report = await compareArtifacts(blobSource('left.whl', clean), blobSource('right.whl', gapped))
    const found = report.findings.filter((f) => f.cause === 'archive-structure')
    expect(found).toHaveLength(1)
    expect(found[0].severity).toBe('security')
    expect(found[0].title).toContain('1000 bytes at offsets 38 to 1037 belong to no zip entry (between a.py and b.py)')
    expect(found[0].evidence).toMatchObject({ side: 'right', anomalies: [{ code: 'ZIP_UNCOVERED_BYTES', offset: 38 }] })
  })

  it('lists the first gaps of a zip full of them and sums up the rest', async () => {
    const zip = buildZip(Array.from({ length: 250 }, (_, i) => ({ name: `m${i}`, data: 'x', gapBefore: i === 0 ? 0 : 3 })))
    const reading = await readArtifact(blobSource('x.whl', zip))
    const gaps = reading.anomalies.filter((a) => a.code === 'ZIP_UNCOVERED_BYTES')
    expect(gaps).toHaveLength(101)
    expect(gaps[100].message).toBe('And 149 more gaps between zip entries, 447 bytes in all')
  })
})

describe('overlapping entries', () => {
  it('are found from the central directory before anything is inflated', async () => {
    // The total limit stops reading at the first member: the overlap is still named.
    const zip = buildZip([{ name: 'a.py', data: 'aaaa' }, { name: 'b.py', data: 'b' }], { repeatCentral: [{ entry: 0, name: 'c.py' }] })
    const reading = await readArtifact(blobSource('x.whl', zip), { limits: { maxTotalBytes: 3 } })
    expect(reading.error?.code).toBe('LIMIT_EXCEEDED')
    expect(reading.anomalies).toEqual([
      { code: 'OVERLAPPING_ENTRIES', message: '2 zip entries overlap in bytes 0 to 37: a.py (local header at 0, to 37), c.py (local header at 0, to 37)', offset: 0 },
    ])
  })

  it('are still read when they are small, each with its own name', async () => {
    const zip = buildZip([{ name: 'a.py', data: 'aaaa' }, { name: 'b.py', data: 'b' }], { repeatCentral: [{ entry: 0, name: 'c.py' }] })
    const reading = await readArtifact(blobSource('x.whl', zip))
    expect(reading.error).toBeUndefined()
    expect(reading.members.map((m) => [m.path, m.sha256 !== null])).toEqual([['a.py', true], ['b.py', true], ['c.py', true]])
    expect(reading.anomalies.map((a) => a.code)).toEqual(['OVERLAPPING_ENTRIES'])
  })
})

describe('entries that run into the central directory', () => {
  it('are named with both ranges', async () => {
    const zip = buildZip([{ name: 'a.py', data: 'aaaa' }])
    const view = new DataView(zip.buffer)
    view.setUint32(18, 14, true) // compressed size, local header (APPNOTE 4.3.7)
    view.setUint32(38 + 20, 14, true) // and central directory header (4.3.12): 10 bytes into the directory
    const reading = await readArtifact(blobSource('x.whl', zip))
    expect(reading.anomalies).toEqual([
      { code: 'OVERLAPPING_ENTRIES', message: 'a.py (local header at 0, to 47) overlaps the central directory (bytes 38 to 87)', offset: 0 },
    ])
  })
})

describe('overlap zip bombs', () => {
  const kernel = new Uint8Array(1_000_000) // below 1 MiB, so no single member is judged by its ratio

  it('stops 10,000 central entries that share one 1 MB-inflating member, naming the ratio limit', async () => {
    const repeats = Array.from({ length: 9999 }, (_, i) => ({ entry: 0, name: `bomb/${i}.bin` }))
    const zip = buildZip([{ name: 'kernel.bin', data: kernel, deflate: true }], { repeatCentral: repeats })
    expect(zip.length).toBeLessThan(1024 * 1024)
    const reading = await readArtifact(blobSource('bomb.zip', zip))
    expect(reading.members).toHaveLength(10_000)
    expect(reading.members.every((m) => m.sha256 === null && m.error?.code === 'LIMIT_EXCEEDED')).toBe(true)
    expect(reading.members[5].error?.message).toMatch(
      /^bomb\/4\.bin: 10000 zip entries share the 1\.\d KiB at offsets 0 to \d+ and together expand to 9\.3 GiB \(ratio \d+:1\), past the 1000:1 ratio limit: bytes shared by several entries count once$/,
    )
    expect(reading.anomalies.map((a) => a.code)).toEqual(['OVERLAPPING_ENTRIES'])
    expect(reading.anomalies[0].message).toMatch(/^10000 zip entries overlap in bytes 0 to \d+: kernel\.bin .*, and 9997 more$/)
  })

  it('stops a quoted-overlap bomb whose entries each inflate a little more than the next', async () => {
    const zip = buildQuotedOverlapZip(64, kernel)
    const reading = await readArtifact(blobSource('quoted.zip', zip))
    expect(reading.members).toHaveLength(64)
    expect(reading.members.every((m) => m.error?.code === 'LIMIT_EXCEEDED' && m.sha256 === null)).toBe(true)
    expect(reading.members[0].error?.message).toMatch(/^0000\.bin: 64 zip entries share the \d\.\d KiB at offsets 0 to \d+ and together expand to 61 MiB \(ratio \d+:1\), past the 1000:1 ratio limit/)
  })

  it('is a real bomb: with the ratio limit lifted every entry inflates to its declared size and CRC-32', async () => {
    const zip = buildQuotedOverlapZip(8, new Uint8Array(100_000))
    const reading = await readArtifact(blobSource('quoted.zip', zip), { limits: { maxRatio: 1e9 } })
    expect(reading.members.map((m) => [m.error, m.sha256 !== null])).toEqual(Array.from({ length: 8 }, () => [undefined, true]))
    expect(reading.members[0].size).toBeGreaterThan(reading.members[7].size)
  })
})
