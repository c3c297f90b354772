/**
 * Issue 7 items 1 and 5 (verdict): unread bytes are never the same content, and equal whole-file SHA-256 is
 * `identical` before anything read from the files is looked at.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, compareReadings, type ArtifactReading, type Member } from '../../../src/core/index'
import { blobSource, buildZip } from '../archive/build-archives'

const SHA_A = 'aa'.repeat(32)

function file(path: string, fields: Partial<Member> = {}): Member {
  return { index: 0, path, type: 'file', size: 5, sha256: SHA_A, offset: 0, meta: { mode: 0o644 }, ...fields }
}

function reading(name: string, members: Member[], fields: Partial<ArtifactReading> = {}): ArtifactReading {
  const indexed = members.map((member, index) => ({ ...member, index }))
  return { name, size: 100, sha256: name.padEnd(64, '0').slice(0, 64), format: 'tar', fields: {}, members: indexed, retained: {}, anomalies: [], ...fields }
}

describe('members whose bytes were not read', () => {
  it('marks a file without a SHA-256 unread, on the entry and on that side, and never calls it the same', () => {
    const report = compareReadings(reading('l', [file('a', { sha256: null })]), reading('r', [file('a', { sha256: null })]))
    expect(report.members[0]).toMatchObject({ status: 'modified', unread: true, left: { unread: true }, right: { unread: true } })
    expect(report.verdict).toBe('content-differs')
  })

  it('marks only the side that was not read', () => {
    const report = compareReadings(reading('l', [file('a')]), reading('r', [file('a', { sha256: null })]))
    expect(report.members[0].unread).toBe(true)
    expect(report.members[0].left?.unread).toBeUndefined()
    expect(report.members[0].right?.unread).toBe(true)
  })

  it('never counts a member with an error as the same content, even with equal hashes: no metadata-only verdict', () => {
    const crc = { code: 'CRC_MISMATCH' as const, message: 'a: CRC-32 of the data is 1, the central directory declares 2' }
    const left = reading('l', [file('a', { error: crc }), file('b', { meta: { mode: 0o644 } })])
    const right = reading('r', [file('a', { error: crc }), file('b', { meta: { mode: 0o755 } })])
    const report = compareReadings(left, right)
    expect(report.members.map((m) => [m.path, m.status, m.unread ?? false])).toEqual([['a', 'modified', true], ['b', 'metadata', false]])
    expect(report.verdict).toBe('content-differs')
  })

  it('keeps directories and special files, which have no bytes, as the same content', () => {
    const dir = file('d/', { type: 'dir', sha256: null, size: 0 })
    const fifo = file('p', { type: 'other', sha256: null, size: 0 })
    const report = compareReadings(reading('l', [dir, fifo]), reading('r', [{ ...dir, meta: { mode: 0o700 } }, fifo]))
    expect(report.members.map((m) => [m.status, m.unread ?? false, m.left?.unread ?? false])).toEqual([['metadata', false, false], ['identical', false, false]])
    expect(report.verdict).toBe('metadata-only')
  })

  it('marks a directory with an error unread', () => {
    const broken = file('d/', { type: 'dir', sha256: null, size: 0, error: { code: 'TRUNCATED', message: 'Not read: the archive is cut' } })
    const report = compareReadings(reading('l', [broken]), reading('r', [{ ...broken, error: undefined }]))
    expect(report.members[0]).toMatchObject({ status: 'modified', unread: true, left: { unread: true } })
  })

  it('reports an encrypted zip member as unread end to end', async () => {
    const left = buildZip([{ name: 'secret.py', data: 'x', flags: 0x801 }, { name: 'open.py', data: 'y', mode: 0o100644 }])
    const right = buildZip([{ name: 'secret.py', data: 'x', flags: 0x801 }, { name: 'open.py', data: 'y', mode: 0o100755 }])
    const report = await compareArtifacts(blobSource('l.whl', left), blobSource('r.whl', right))
    expect(report.members.find((m) => m.path === 'secret.py')).toMatchObject({ unread: true, left: { unread: true }, right: { unread: true } })
    expect(report.verdict).toBe('content-differs')
  })
})

describe('identical files', () => {
  it('are identical when both whole-file SHA-256 are equal, even when neither could be read', () => {
    const error = { code: 'UNSUPPORTED_FORMAT' as const, message: 'a cpio archive: not supported yet' }
    const left = reading('x.cpio', [], { sha256: SHA_A, format: null, error })
    const right = reading('y.cpio', [], { sha256: SHA_A, format: null, error })
    expect(compareReadings(left, right).verdict).toBe('identical')
  })

  it('are identical end to end for two copies of a file of a format that is not read', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i < 6 ? '070701'.charCodeAt(i) : (i * 31) & 0xff))
    const report = await compareArtifacts(blobSource('a.cpio', bytes), blobSource('b.cpio', bytes.slice()))
    expect(report.left.error?.code).toBe('UNSUPPORTED_FORMAT')
    expect(report.verdict).toBe('identical')
  })

  it('are identical end to end for two copies of a file of no known format (a plain file, one member)', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 31) & 0xff)
    const report = await compareArtifacts(blobSource('a.bin', bytes), blobSource('b.bin', bytes.slice()))
    expect(report.left.error).toBeUndefined()
    expect(report.members).toMatchObject([{ leftPath: 'a.bin', rightPath: 'b.bin', status: 'identical' }])
    expect(report.verdict).toBe('identical')
  })

  it('are identical with encrypted members', async () => {
    const zip = buildZip([{ name: 'secret.py', data: 'x', flags: 0x801 }])
    const report = await compareArtifacts(blobSource('a.whl', zip), blobSource('b.whl', zip.slice()))
    expect(report.verdict).toBe('identical')
  })

  it('stay an error when the files differ and a side could not be read', () => {
    const error = { code: 'TRUNCATED' as const, message: 'cut' }
    expect(compareReadings(reading('l', [file('a')], { error }), reading('r', [file('a')])).verdict).toBe('error')
    expect(compareReadings(reading('l', [], { sha256: null, error }), reading('r', [], { sha256: null, error })).verdict).toBe('error')
  })
})

describe('a difference no member and no field shows', () => {
  it('is shown as the whole-file hashes (file.sha256), never as "same contents" with nothing to point at', () => {
    const report = compareReadings(reading('l', [file('a')]), reading('r', [file('a')]))
    expect(report.verdict).toBe('metadata-only')
    expect(report.archive).toEqual([{ field: 'file.sha256', left: report.left.sha256, right: report.right.sha256 }])
  })

  it('is not added when a field or a member already shows the difference', () => {
    const withField = compareReadings(reading('l', [file('a')], { fields: { 'zip.comment': 'x' } }), reading('r', [file('a')], { fields: { 'zip.comment': 'y' } }))
    expect(withField.archive.map((d) => d.field)).toEqual(['zip.comment'])
    const withMember = compareReadings(reading('l', [file('a')]), reading('r', [file('a', { meta: { mode: 0o755 } })]))
    expect(withMember.archive).toEqual([])
  })
})
