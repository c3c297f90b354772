/**
 * A file that is two containers at once (issue 7 item 2): every reading is found from the bytes, the file
 * name only breaks the tie, the chosen reading is compared and the other one's bytes stay visible.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact, readMemberContent } from '../../../src/core/index'
import type { ArtifactReading } from '../../../src/core/types'
import { FIXTURES } from '../../fixture-files'
import { blobSource, buildTar, buildZip, gzip } from './build-archives'

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) (out.set(part, at), (at += part.length))
  return out
}

/** A zip whose end-record comment is `comment` (buildZip writes a zero comment length in the last 2 bytes). */
function zipWithComment(zip: Uint8Array, comment: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = concat(zip, comment)
  new DataView(out.buffer).setUint16(zip.length - 2, comment.length, true)
  return out
}

const TAR = buildTar([{ name: 'pkg/setup.py', data: 'print("tar")\n' }, { name: 'pkg/README', data: 'the tar reading\n' }])
const ZIP = buildZip([{ name: 'pkg/__init__.py', data: 'print("zip")\n' }])
/** The zip after the tar, written by `zip -A` style (offsets from the start of the file) … */
const TAR_THEN_ZIP = buildZip([{ name: 'pkg/__init__.py', data: 'print("zip")\n' }], { prefix: TAR })
/** … and plainly appended (offsets from the zip's own start, as `cat a.tar b.zip` gives). */
const TAR_THEN_APPENDED_ZIP = concat(TAR, ZIP)

const paths = (reading: ArtifactReading) => reading.members.map((member) => member.path)
const codes = (reading: ArtifactReading) => reading.anomalies.map((anomaly) => anomaly.code)

describe('a tar followed by a complete zip', () => {
  it('sees a zip64 zip plainly appended after a tar too (its zip64 locator is shifted by the tar)', async () => {
    const zip64 = buildZip([{ name: 'pkg/__init__.py', data: 'print("zip")\n' }], { zip64End: true })
    const reading = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', concat(TAR, zip64)))
    expect(reading.format).toBe('zip')
    expect(paths(reading)).toEqual(['pkg/__init__.py'])
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar', 0, false], ['zip', TAR.length, true]])
  })

  it('named .whl: the zip is compared (what pip and zipfile read), both readings are listed with offsets', async () => {
    const reading = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', TAR_THEN_ZIP))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('zip')
    expect(paths(reading)).toEqual(['pkg/__init__.py'])
    expect(reading.readings).toEqual([
      { format: 'tar', offset: 0, chosen: false },
      { format: 'zip', offset: TAR.length, endRecordOffset: TAR_THEN_ZIP.length - 22, chosen: true },
    ])
    expect(reading.readingChoice).toMatch(/\.whl/)
    expect(reading.readingChoice).toMatch(/zipfile/)
    // The tar in front of the zip stays visible as the zip's prefix bytes.
    expect(reading.anomalies).toContainEqual(expect.objectContaining({ code: 'ARCHIVE_PREFIX_BYTES', offset: 0 }))
  })

  it('plainly appended (offsets from the zip start) reads the same way', async () => {
    const reading = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', TAR_THEN_APPENDED_ZIP))
    expect(reading.format).toBe('zip')
    expect(paths(reading)).toEqual(['pkg/__init__.py'])
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar', 0, false], ['zip', TAR.length, true]])
  })

  it('named .tar: the tar is compared (what tarfile reads) and the zip after it stays trailing bytes', async () => {
    const reading = await readArtifact(blobSource('demo-1.0.tar', TAR_THEN_ZIP))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('tar')
    expect(paths(reading)).toEqual(['pkg/setup.py', 'pkg/README'])
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar', 0, true], ['zip', TAR.length, false]])
    expect(reading.readingChoice).toMatch(/tarfile/)
    expect(reading.anomalies).toContainEqual(expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES', offset: TAR.length }))
  })

  it('with no telling name: the documented fixed order, the zip end record first', async () => {
    const reading = await readArtifact(blobSource('artefact.bin', TAR_THEN_ZIP))
    expect(reading.format).toBe('zip')
    expect(reading.readings?.find((r) => r.chosen)?.format).toBe('zip')
    expect(reading.readingChoice).toMatch(/fixed order/)
  })

  it('a tar whose first checksum is wrong still counts as a reading (GNU tar skips a bad header and reads on)', async () => {
    const broken = TAR_THEN_ZIP.slice()
    broken[148] = '7'.charCodeAt(0) // the chksum field of the first header
    const wheel = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', broken))
    expect(wheel.format).toBe('zip')
    expect(wheel.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar', 0, false], ['zip', TAR.length, true]])
    const tar = await readArtifact(blobSource('demo-1.0.tar', broken))
    expect(tar.error?.code).toBe('TAR_CHECKSUM')
    expect(tar.readings?.find((r) => r.chosen)?.format).toBe('tar')
  })

  it('re-reads member bytes from the chosen reading', async () => {
    const asWheel = blobSource('demo-1.0-py3-none-any.whl', TAR_THEN_ZIP)
    const wheel = await readArtifact(asWheel)
    expect(new TextDecoder().decode(await readMemberContent(asWheel, wheel, 0))).toBe('print("zip")\n')
    const asTar = blobSource('demo-1.0.tar', TAR_THEN_ZIP)
    const tar = await readArtifact(asTar)
    expect(new TextDecoder().decode(await readMemberContent(asTar, tar, 1))).toBe('the tar reading\n')
  })
})

describe('a tar.gz followed by a complete zip', () => {
  const TGZ = gzip(TAR)
  const bytes = concat(TGZ, ZIP)

  it('named .tar.gz: the tar.gz is compared, the zip is listed at its offset and stays trailing bytes', async () => {
    const reading = await readArtifact(blobSource('demo-1.0.tar.gz', bytes))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('tar+gzip')
    expect(paths(reading)).toEqual(['pkg/setup.py', 'pkg/README'])
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar+gzip', 0, true], ['zip', TGZ.length, false]])
    expect(codes(reading)).toContain('ARCHIVE_TRAILING_BYTES')
  })

  it('named .whl: the zip is compared and the gzip stream is its prefix', async () => {
    const reading = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', bytes))
    expect(reading.format).toBe('zip')
    expect(paths(reading)).toEqual(['pkg/__init__.py'])
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar+gzip', 0, false], ['zip', TGZ.length, true]])
    expect(codes(reading)).toContain('ARCHIVE_PREFIX_BYTES')
  })
})

describe('a zip whose comment hides a second end record', () => {
  // The outer zip's comment holds a whole second zip: CPython's zipfile finds the last end-record signature
  // (the inner one, at size - 22); a strict reader takes the outer record, whose comment runs exactly to the end.
  const inner = buildZip([{ name: 'evil.py', data: 'import os\n' }])
  const outer = buildZip([{ name: 'good.py', data: 'pass\n' }])
  const bytes = zipWithComment(outer, inner)

  it('lists both readings and compares the one zipfile reads', async () => {
    const reading = await readArtifact(blobSource('demo-1.0.zip', bytes))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('zip')
    expect(paths(reading)).toEqual(['evil.py'])
    expect(reading.readings).toEqual([
      { format: 'zip', offset: 0, endRecordOffset: outer.length - 22, chosen: false },
      { format: 'zip', offset: outer.length, endRecordOffset: bytes.length - 22, chosen: true },
    ])
    expect(reading.readingChoice).toMatch(/zipfile/)
  })

  it('a second end record that describes the same central directory is one reading, not two', async () => {
    // A copy of the record placed in the comment, its directory size grown by the 22 bytes it moved: both
    // records resolve to the same directory offset, the same prefix and the same entries.
    const record = outer.slice(outer.length - 22)
    const view = new DataView(record.buffer)
    view.setUint32(12, view.getUint32(12, true) + 22, true)
    const copy = zipWithComment(outer, record)
    const reading = await readArtifact(blobSource('demo-1.0.zip', copy))
    expect(reading.readings).toBeUndefined()
    expect(paths(reading)).toEqual(['good.py'])
  })
})

describe('an end record that zipfile takes but that leads nowhere', () => {
  // The comment ends with a bare end-record signature whose central directory does not parse: CPython's
  // zipfile takes it (and fails); the record before it, whose comment runs to the end, is the zip.
  const bogus = new Uint8Array(22)
  new DataView(bogus.buffer).setUint32(0, 0x06054b50, true)
  new DataView(bogus.buffer).setUint16(10, 5, true) // five entries, in a directory that is not there
  const zip = zipWithComment(buildZip([{ name: 'good.py', data: 'pass\n' }]), concat(new TextEncoder().encode('note: '), bogus))

  it('alone: the zip is read from its own end record, the comment kept, the later signature reported', async () => {
    const reading = await readArtifact(blobSource('demo-1.0.zip', zip))
    expect(reading.error).toBeUndefined()
    expect(paths(reading)).toEqual(['good.py'])
    expect(reading.readings).toBeUndefined()
    expect(reading.fields['zip.comment']).toMatch(/^note: PK/)
    expect(reading.anomalies).toContainEqual(expect.objectContaining({ code: 'ZIP_HIDDEN_END_RECORD', offset: zip.length - 22 }))
  })

  it('after a tar, named .whl: zipfile reads neither, so the fixed order compares the zip', async () => {
    const reading = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', concat(TAR, zip)))
    expect(reading.format).toBe('zip')
    expect(paths(reading)).toEqual(['good.py'])
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar', 0, false], ['zip', TAR.length, true]])
    expect(reading.readingChoice).toMatch(/reads none of these readings, so the fixed order applies/)
  })
})

describe('a crafted tail of many end records', () => {
  it('is checked cheaply and within bounds: 2,900 records whose comments all run to the end, none leading anywhere', async () => {
    const count = 2900
    const records = new Uint8Array(22 * count)
    const view = new DataView(records.buffer)
    for (let i = 0; i < count; i++) {
      view.setUint32(i * 22, 0x06054b50, true)
      view.setUint16(i * 22 + 10, 1, true) // one entry …
      view.setUint32(i * 22 + 12, 46, true) // … in a 46-byte directory that is not there
      view.setUint16(i * 22 + 20, 22 * (count - i - 1), true) // the comment runs exactly to the end
    }
    const started = performance.now()
    const reading = await readArtifact(blobSource('demo-1.0.tar', concat(TAR, records)))
    expect(performance.now() - started).toBeLessThan(2000)
    expect(reading.format).toBe('tar')
    expect(reading.readings).toBeUndefined()
    expect(codes(reading)).toContain('ARCHIVE_TRAILING_BYTES')
  })
})

describe('one container is one reading', () => {
  it('a .tar.gz made of two gzip members is one gzip stream (RFC 1952 2.2), not two containers', async () => {
    const tar = buildTar([{ name: 'a.txt', data: 'a\n' }, { name: 'b.txt', data: 'b'.repeat(3000) }])
    const bytes = concat(gzip(tar.subarray(0, 1536)), gzip(tar.subarray(1536)))
    const reading = await readArtifact(blobSource('two-members.tar.gz', bytes))
    expect(reading.readings).toBeUndefined()
    expect(reading.readingChoice).toBeUndefined()
    expect(reading.format).toBe('tar+gzip')
    expect(paths(reading)).toEqual(['a.txt', 'b.txt'])
  })

  it('a zip behind a stub that is no container (a self-extractor) is one reading', async () => {
    const bytes = buildZip([{ name: 'a.py', data: 'pass\n' }], { prefix: new TextEncoder().encode('#!/bin/sh\nexec python3 "$0"\n') })
    const reading = await readArtifact(blobSource('app.zip', bytes))
    expect(reading.readings).toBeUndefined()
    expect(codes(reading)).toContain('ARCHIVE_PREFIX_BYTES')
  })

  it('a plain wheel and a plain tar are one reading each', async () => {
    expect((await readArtifact(blobSource('a.whl', ZIP))).readings).toBeUndefined()
    expect((await readArtifact(blobSource('a.tar', TAR))).readings).toBeUndefined()
  })

  it('a format we do not read followed by a zip: both listed, the .whl is read as its zip', async () => {
    const lzip = new Uint8Array([...new TextEncoder().encode('LZIP'), 1, 2, 3, 4, 5, 6])
    const reading = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', concat(lzip, ZIP)))
    expect(reading.format).toBe('zip')
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['lzip', 0, false], ['zip', lzip.length, true]])
  })

  it('an xz file followed by a zip: both listed; .whl reads the zip, .xz the xz with the zip as trailing bytes', async () => {
    const xz = new Uint8Array(readFileSync(join(FIXTURES, 'compressors/single.json.xz')))
    const reading = await readArtifact(blobSource('demo-1.0-py3-none-any.whl', concat(xz, ZIP)))
    expect(reading.format).toBe('zip')
    expect(reading.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['xz', 0, false], ['zip', xz.length, true]])
    const asXz = await readArtifact(blobSource('single.json.xz', concat(xz, ZIP)))
    expect(asXz.error).toBeUndefined()
    expect(asXz.format).toBe('xz')
    expect(asXz.readings?.map((r) => [r.format, r.chosen])).toEqual([['xz', true], ['zip', false]])
    expect(asXz.readingChoice).toMatch(/xz, bzip2 or zstd reads it from offset 0/)
    expect(asXz.anomalies).toContainEqual(expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES', offset: xz.length }))
  })
})
