/**
 * What the zip reader checks in the headers around each member's data, against the central directory:
 * data descriptors (APPNOTE 4.3.9), the local zip64 extra (4.5.3), the extended timestamp (Info-ZIP 0x5455),
 * a deflate stream longer than its declared size, and the zip64 end records (4.3.14, 4.3.15).
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact } from '../../../src/core/index'
import { blobSource, buildZip, type ZipEntry } from './build-archives'

const read = (entries: ZipEntry[], options?: Parameters<typeof readArtifact>[1]) => readArtifact(blobSource('x.whl', buildZip(entries)), options)
const mismatches = (reading: Awaited<ReturnType<typeof readArtifact>>) =>
  reading.members.flatMap((m) => (m.anomalies ?? []).filter((a) => a.code === 'ZIP_HEADER_MISMATCH').map((a) => ({ path: m.path, ...a })))
const text = 'print("hello")\n'.repeat(40)

describe('data descriptors (APPNOTE 4.3.9)', () => {
  it('reads descriptors with and without their signature, and with zip64 sizes, as agreeing', async () => {
    const reading = await read([
      { name: 'signed.py', data: text, deflate: true, dataDescriptor: true },
      { name: 'unsigned.py', data: text, dataDescriptor: { signature: false } },
      { name: 'wide.py', data: text, deflate: true, dataDescriptor: true, zip64: { local: true } },
    ])
    expect(reading.error).toBeUndefined()
    expect(reading.fields['zip.dataDescriptors']).toBe(3)
    expect(mismatches(reading)).toEqual([])
    expect(reading.anomalies).toEqual([])
    expect(reading.members.every((m) => m.sha256 !== null && !m.error)).toBe(true)
  })

  it.each([
    ['CRC-32', { crc32: 0x12345678 }],
    ['compressed size', { compressedSize: 7 }],
    ['uncompressed size', { uncompressedSize: 7 }],
  ])('names a descriptor whose %s disagrees with the central directory, with its offset', async (field, descriptor) => {
    const zip = buildZip([{ name: 'ok.py', data: 'ok', dataDescriptor: true }, { name: 'bad.py', data: text, deflate: true, dataDescriptor: descriptor }])
    const reading = await readArtifact(blobSource('x.whl', zip))
    const [found, ...others] = mismatches(reading)
    expect(others).toEqual([])
    expect(found.path).toBe('bad.py')
    expect(found.message).toContain(`data descriptor at offset ${found.offset}`)
    expect(found.message).toMatch(new RegExp(`disagrees with the central directory on ${field}`))
    // The descriptor sits right after the member's data: 16 bytes with its signature, before the directory.
    const directoryOffset = new DataView(zip.buffer).getUint32(zip.length - 6, true)
    expect(found.offset).toBe(directoryOffset - 16)
    expect(reading.members[1].sha256).not.toBeNull()
  })

  it('makes a disagreeing descriptor a zip-header-mismatch finding', async () => {
    const entries: ZipEntry[] = [{ name: 'a.py', data: text, deflate: true, dataDescriptor: true }]
    const report = await compareArtifacts(blobSource('left.whl', buildZip(entries)), blobSource('right.whl', buildZip([{ ...entries[0], dataDescriptor: { crc32: 1 } }])))
    const found = report.findings.filter((f) => f.cause === 'zip-header-mismatch')
    expect(found.map((f) => [f.evidence.side, f.members])).toEqual([['right', ['a.py']]])
    expect((found[0].evidence.messages as string[])[0]).toMatch(/data descriptor at offset \d+ disagrees with the central directory on CRC-32/)
  })
})

describe('zip64 extra field of the local header (APPNOTE 4.5.3)', () => {
  it('takes both sizes from it when the local header stores 0xFFFFFFFF, as Python\'s zipfile writes (no false alarm)', async () => {
    const reading = await read([
      { name: 'a.txt', data: 'hello world\n'.repeat(100), deflate: true, zip64: { local: true } },
      { name: 'empty.bin', data: '', deflate: true, zip64: { local: true } },
      { name: 'both.txt', data: text, zip64: { local: true, central: true } },
    ])
    expect(reading.error).toBeUndefined()
    expect(mismatches(reading)).toEqual([])
    expect(reading.anomalies).toEqual([])
    expect(reading.members.map((m) => [m.path, m.size, m.error])).toEqual([['a.txt', 1200, undefined], ['empty.bin', 0, undefined], ['both.txt', text.length, undefined]])
  })

  it('still names sizes in the local zip64 extra that disagree with the central directory', async () => {
    const reading = await read([{ name: 'a.txt', data: text, zip64: { local: true, localSizes: { uncompressed: 5, compressed: 9 } } }])
    expect(mismatches(reading).map((m) => m.message)).toEqual(['The local header at offset 0 disagrees with the central directory on compressed size, uncompressed size'])
  })
})

describe('a cut zip listed from its local headers', () => {
  it('takes the sizes from the local zip64 extra, and reads what is complete', async () => {
    const zip = buildZip(['a.py', 'b.py', 'c.py'].map((name) => ({ name, data: text, deflate: true, zip64: { local: true } })))
    const reading = await readArtifact(blobSource('cut.whl', zip.slice(0, 220)))
    expect(reading.error?.code).toBe('TRUNCATED')
    expect(reading.members.map((m) => [m.path, m.size, m.sha256 !== null])).toEqual([['a.py', text.length, true], ['b.py', text.length, true], ['c.py', text.length, false]])
  })
})

describe('extended timestamp (Info-ZIP extra 0x5455)', () => {
  it('names a local modification time that differs from the central one', async () => {
    const reading = await read([
      { name: 'same.py', data: 'a', extendedTime: { local: 1700000000, central: 1700000000 } },
      { name: 'other.py', data: 'b', extendedTime: { local: 1700000000, central: 1600000000 } },
    ])
    expect(mismatches(reading).map((m) => [m.path, m.offset, m.message])).toEqual([
      ['other.py', 47, 'The local header at offset 47 disagrees with the central directory on extended timestamp (local 2023-11-14T22:13:20Z, central 2020-09-13T12:26:40Z)'],
    ])
  })
})

describe('a deflate stream longer than its declared size', () => {
  let state = 2463534242
  // xorshift32: incompressible, so fflate writes a stored block
  const noise = Uint8Array.from({ length: 5000 }, () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return state & 0xff
  })
  const repetitive = new TextEncoder().encode('abcdefgh'.repeat(625))
  it.each([
    ['stored blocks (fflate throws on its fixed buffer)', noise, {}],
    ['compressed blocks (fflate stops at its fixed buffer)', repetitive, {}],
    ['DecompressionStream', repetitive, { streamInflateThreshold: 1 }],
    ['hashed while it inflates', repetitive, { streamHashThreshold: 1 }],
  ])('is named as that, not as corrupt data: %s', async (_, data, options) => {
    const reading = await read([{ name: 'long.bin', data, deflate: true, declaredSize: 1000 }], options)
    expect(reading.members[0].error).toMatchObject({ code: 'CORRUPT_STRUCTURE', path: 'long.bin' })
    expect(reading.members[0].error?.message).toBe('long.bin: the central directory declares 1,000 bytes, but the deflate stream inflates past them')
    expect(reading.members[0].sha256).toBeNull()
  })

  it('names a stream that ends before its declared size with both sizes', async () => {
    const reading = await read([{ name: 'short.bin', data: repetitive, deflate: true, declaredSize: 6000 }])
    expect(reading.members[0].error?.message).toBe('short.bin: the central directory declares 6,000 bytes, but the deflate stream inflates to 5,000')
  })
})

describe('zip64 end records (APPNOTE 4.3.14, 4.3.15)', () => {
  const zip64 = () => buildZip([{ name: 'a.py', data: 'a' }, { name: 'b.py', data: 'b' }], { zip64End: true })
  const locatorAt = (bytes: Uint8Array) => bytes.length - 22 - 20

  it('reads a zip64 end record and its locator', async () => {
    const reading = await readArtifact(blobSource('x.whl', zip64()))
    expect(reading.error).toBeUndefined()
    expect(reading.fields['zip.zip64']).toBe(true)
    expect(reading.anomalies).toEqual([])
    expect(reading.members.map((m) => m.path)).toEqual(['a.py', 'b.py'])
  })

  it('names a locator that points past the end of the file, not as a truncation', async () => {
    const bytes = zip64()
    const locator = locatorAt(bytes)
    new DataView(bytes.buffer).setUint32(locator + 8, 0x7fffffff, true)
    const reading = await readArtifact(blobSource('x.whl', bytes))
    expect(reading.error).toEqual({
      code: 'CORRUPT_STRUCTURE',
      message: `The zip64 end-of-central-directory locator at offset ${locator} points at ${0x7fffffff}, where there is no zip64 end record (the file is ${bytes.length} bytes)`,
      offset: locator,
    })
    expect(reading.members).toEqual([])
  })

  it('names a locator that points at something else than a zip64 end record', async () => {
    const bytes = zip64()
    const locator = locatorAt(bytes)
    const record = locator - 56
    bytes[record] = 0 // the zip64 end record's signature
    const reading = await readArtifact(blobSource('x.whl', bytes))
    expect(reading.error).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: locator })
    expect(reading.error?.message).toBe(`The zip64 end-of-central-directory locator at offset ${locator} points at ${record}, where there is no zip64 end record (the signature there is 06064b00, not 06064b50)`)
  })

  it('reads a zip64 zip appended to a stub, whose offsets (the locator\'s too) count from its own start', async () => {
    const stub = new Uint8Array(300).fill(0x4d) // a self-extractor stub, as CPython's zipfile reads them
    const zip = zip64()
    const bytes = new Uint8Array(stub.length + zip.length)
    bytes.set(stub)
    bytes.set(zip, stub.length)
    const reading = await readArtifact(blobSource('x.whl', bytes))
    expect(reading.error).toBeUndefined()
    expect(reading.fields['zip.prefixBytes']).toBe(stub.length)
    expect(reading.members.map((m) => [m.path, m.sha256 !== null])).toEqual([['a.py', true], ['b.py', true]])
    expect(reading.anomalies.map((a) => [a.code, a.offset])).toEqual([['ARCHIVE_PREFIX_BYTES', 0]])
  })

  it('names a second zip64 end record right before the locator, where CPython\'s zipfile reads it', async () => {
    const zip = zip64()
    const record = locatorAt(zip) - 56
    const decoy = zip.slice(record, record + 56)
    new DataView(decoy.buffer).setUint32(32, 1, true) // total entries: 1, not 2
    const bytes = new Uint8Array(zip.length + 56)
    bytes.set(zip.subarray(0, record + 56))
    bytes.set(decoy, record + 56)
    bytes.set(zip.subarray(record + 56), record + 112)
    const reading = await readArtifact(blobSource('x.whl', bytes))
    expect(reading.members.map((m) => m.path)).toEqual(['a.py', 'b.py'])
    expect(reading.anomalies.map((a) => [a.code, a.offset])).toEqual([['ZIP64_INCONSISTENT', record + 56], ['ZIP_UNCOVERED_BYTES', record + 56]])
    expect(reading.anomalies[0].message).toMatch(/points at a zip64 end record at \d+, but another one lies right before the locator/)
  })

  it('names a zip64 end record whose central directory lies outside the file', async () => {
    const bytes = zip64()
    const record = locatorAt(bytes) - 56
    new DataView(bytes.buffer).setUint32(record + 48, 0x7fffff00, true) // offset of the central directory
    const reading = await readArtifact(blobSource('x.whl', bytes))
    expect(reading.error?.code).toBe('CORRUPT_STRUCTURE')
    expect(reading.error?.message).toMatch(new RegExp(`^The zip64 end record at offset ${record} puts the central directory at offset ${0x7fffff00} \\(\\d+ bytes\\), which does not end before the record`))
  })
})
