/**
 * Issue 8, "Every common compressor", last bullet: ar archives (.deb, .a). Members with their ar_date, ar_uid,
 * ar_gid and ar_mode as meta fields, GNU `//` and BSD `#1/N` long names, the symbol table as a member, every
 * malformed field a coded error with its offset, a cut archive keeping what came before, a .deb's tars opened
 * as nested archives. Checked against GNU `ar t`/`ar tv` on an archive that `ar rcs` writes.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { detectFormat, isUnreadFormat } from '../../../src/core/archive/detect'
import { compareArtifacts, readArtifact, readMemberContent } from '../../../src/core/index'
import { FIXTURES } from '../../fixture-files'
import { blobSource, buildTar, buildZip } from './build-archives'
import { concat } from './build-tar'
import { buildAr, type ArEntry } from './build-ar'

const hex = (value: string) => Buffer.from(value).toString('hex')
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, 'compressors', name)))

const ENTRIES: ArEntry[] = [
  { name: 'debian-binary', data: '2.0\n', mtime: 1_700_000_000, uid: 0, gid: 0, mode: 0o100644 },
  { name: 'a-rather-long-member-name.o', data: 'odd', mtime: 1_700_000_001, uid: 1000, gid: 100, mode: 0o100755 },
  { name: 'b.o', data: 'even', mtime: 1_700_000_002, uid: 1, gid: 2, mode: 0o100600 },
]

describe('reading ar archives', () => {
  it('is recognised from "!<arch>\\n" as a format that is read', () => {
    expect(detectFormat(buildAr(ENTRIES).subarray(0, 512))).toBe('ar')
    expect(isUnreadFormat('ar')).toBe(false)
  })

  for (const longNames of ['gnu', 'bsd'] as const) {
    it(`lists every member with its fields and hashes (${longNames} long names)`, async () => {
      const reading = await readArtifact(blobSource('x.a', buildAr(ENTRIES, { longNames })))
      expect(reading.error).toBeUndefined()
      expect(reading.format).toBe('ar')
      expect(reading.fields['ar.variant']).toBe(longNames)
      expect(reading.members.map(({ path, nameHex, size, sha256: hash, meta, type }) => ({ path, nameHex, size, hash, meta, type }))).toEqual(
        ENTRIES.map((entry) => ({
          path: entry.name, nameHex: hex(entry.name), size: String(entry.data).length, hash: sha256(String(entry.data)), type: 'file',
          meta: { mtime: entry.mtime, uid: entry.uid, gid: entry.gid, mode: entry.mode },
        })),
      )
      const content = await readMemberContent(blobSource('x.a', buildAr(ENTRIES, { longNames })), reading, 1)
      expect(new TextDecoder().decode(content)).toBe('odd')
    })
  }

  it('lists the symbol table as a member named "/" (and "/SYM64/")', async () => {
    const reading = await readArtifact(blobSource('x.a', buildAr([{ name: '/', data: '\0\0\0\0' }, { name: '/SYM64/', data: '\0\0\0\0\0\0\0\0' }, ENTRIES[2]])))
    expect(reading.error).toBeUndefined()
    expect(reading.members.map((member) => member.path)).toEqual(['/', '/SYM64/', 'b.o'])
  })

  const malformed = [
    ['date', 'ar_date', 16, 'x1'],
    ['uid', 'ar_uid', 28, '-1'],
    ['gid', 'ar_gid', 34, '1a'],
    ['mode', 'ar_mode', 40, '100689'],
    ['size', 'ar_size', 48, 'ten'],
  ] as const
  for (const [field, specName, at, raw] of malformed) {
    it(`a malformed ${specName} is CORRUPT_STRUCTURE at its offset, keeping the members before it`, async () => {
      const archive = buildAr(ENTRIES.slice(0, 1).concat(ENTRIES[2]), { rawFields: { 1: { [field]: raw } } })
      const reading = await readArtifact(blobSource('x.a', archive))
      const headerOffset = 8 + 60 + 4
      expect(reading.error).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: headerOffset + at })
      expect(reading.error?.message).toContain(specName)
      expect(reading.members.map((member) => member.path)).toEqual(['debian-binary'])
      expect(reading.members[0].sha256).toBe(sha256('2.0\n'))
    })
  }

  it('a header without ar_fmag, or a /N name with no table, is CORRUPT_STRUCTURE at its offset', async () => {
    const noFmag = await readArtifact(blobSource('x.a', buildAr([ENTRIES[2]], { rawFields: { 0: { fmag: 'xx' } } })))
    expect(noFmag.error).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 8 + 58 })
    const noTable = await readArtifact(blobSource('x.a', buildAr([ENTRIES[2]], { rawFields: { 0: { name: '/0' } } })))
    expect(noTable.error).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 8 })
    expect(noTable.error?.message).toMatch(/no "\/\/" long-name table/)
  })

  it('a cut archive is TRUNCATED, keeps the members before the cut and marks the cut one unread', async () => {
    const whole = buildAr(ENTRIES)
    const inData = await readArtifact(blobSource('x.a', whole.slice(0, whole.length - 3)))
    expect(inData.error?.code).toBe('TRUNCATED')
    expect(inData.members.map((member) => member.sha256 !== null)).toEqual([true, true, false])
    expect(inData.members[2].error?.code).toBe('TRUNCATED')
    const inHeader = await readArtifact(blobSource('x.a', whole.slice(0, whole.length - 8 - 30)))
    expect(inHeader.error?.code).toBe('TRUNCATED')
    expect(inHeader.members).toHaveLength(2)
  })

  it('a member past the member limit is that member\'s LIMIT_EXCEEDED, the others still read', async () => {
    const archive = buildAr([{ name: 'big.o', data: 'x'.repeat(100) }, ENTRIES[2]])
    const reading = await readArtifact(blobSource('x.a', archive), { limits: { maxMemberBytes: 50 } })
    expect(reading.error).toBeUndefined()
    expect(reading.members[0]).toMatchObject({ sha256: null, error: { code: 'LIMIT_EXCEEDED' } })
    expect(reading.members[1].sha256).toBe(sha256('even'))
  })

  it('names a padding byte that is not "\\n"', async () => {
    const archive = buildAr([{ name: 'a.o', data: 'odd' }, ENTRIES[2]])
    archive[8 + 60 + 3] = 0x00
    const reading = await readArtifact(blobSource('x.a', archive))
    expect(reading.anomalies.map((anomaly) => anomaly.code)).toContain('AR_PADDING')
    expect(reading.members).toHaveLength(2)
  })

  it('two .a that differ only in a member mtime are metadata-only, with mtime named', async () => {
    const left = buildAr(ENTRIES)
    const right = buildAr(ENTRIES.map((entry, i) => (i === 2 ? { ...entry, mtime: 1_800_000_000 } : entry)))
    const report = await compareArtifacts(blobSource('libx.a', left), blobSource('libx.a', right))
    expect(report.verdict).toBe('metadata-only')
    expect(report.members.find((member) => member.path === 'b.o')).toMatchObject({ status: 'metadata', changed: ['mtime'] })
  })
})

describe('a .deb', () => {
  const deb = (data: Uint8Array) => buildAr([
    { name: 'debian-binary', data: '2.0\n' },
    { name: 'control.tar.xz', data: fixture('members.tar.xz') },
    { name: 'data.tar.zst', data },
  ])

  it('opens its control.tar.xz and data.tar.zst as nested archives', async () => {
    const reading = await readArtifact(blobSource('x_1.0_all.deb', deb(fixture('members.tar.zst'))))
    expect(reading.error).toBeUndefined()
    expect(reading.members.map((member) => member.path)).toEqual(['debian-binary', 'control.tar.xz', 'data.tar.zst'])
    expect(reading.nested?.[1]).toMatchObject({ format: 'tar+xz', depth: 1 })
    expect(reading.nested?.[2]).toMatchObject({ format: 'tar+zstd', depth: 1 })
    const inner = await readArtifact(blobSource('members.tar', fixture('members.tar')))
    expect(reading.nested?.[2]?.members.map((member) => [member.path, member.sha256])).toEqual(inner.members.map((member) => [member.path, member.sha256]))
  })

  it('two byte-identical .deb files are identical; a changed file inside data.tar is named inside it', async () => {
    const same = await compareArtifacts(blobSource('x.deb', deb(fixture('members.tar.zst'))), blobSource('x.deb', deb(fixture('members.tar.zst'))))
    expect(same.verdict).toBe('identical')
    const otherData = buildTar([{ name: 'usr/share/doc/x/README', data: 'changed\n' }])
    const differs = await compareArtifacts(blobSource('x.deb', deb(buildTar([{ name: 'usr/share/doc/x/README', data: 'readme\n' }]))), blobSource('x.deb', deb(otherData)))
    expect(differs.verdict).toBe('content-differs')
    expect(differs.members.find((member) => member.path === 'data.tar.zst!/usr/share/doc/x/README')?.status).toBe('modified')
  })
})

describe('against GNU ar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprodiff-ar-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists what `ar t` and `ar tv` list for an archive made by `ar rcs`', async () => {
    const files = { 'short.o': 'short\n', 'a-name-longer-than-sixteen.o': 'long name, odd size', 'another-long-member-name.txt': '' }
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data)
    // Fails loudly when binutils is missing (.ci/run installs it).
    execFileSync('ar', ['rcs', 'lib.a', ...Object.keys(files)], { cwd: dir })
    const names = execFileSync('ar', ['t', 'lib.a'], { cwd: dir }).toString().trim().split('\n')
    // "rw-r--r-- 0/0     19 Jan  1 00:00 1970 name": mode, uid/gid, size, name.
    const verbose = execFileSync('ar', ['tv', 'lib.a'], { cwd: dir }).toString().trim().split('\n').map((line) => {
      const [, perms, uid, gid, size, name] = /^(\S+)\s+(\d+)\/(\d+)\s+(\d+)\s+\S+\s+\d+\s+[\d:]+\s+\d+\s+(.+)$/.exec(line)!
      return { perms, uid: Number(uid), gid: Number(gid), size: Number(size), name }
    })
    const bytes = new Uint8Array(readFileSync(join(dir, 'lib.a')))
    const reading = await readArtifact(blobSource('lib.a', bytes))
    expect(reading.error).toBeUndefined()
    expect(reading.members.map((member) => member.path)).toEqual(names)
    expect(reading.members.map((member) => ({ uid: member.meta.uid, gid: member.meta.gid, size: member.size, name: member.path, perms: permissions(Number(member.meta.mode)) }))).toEqual(verbose)
    expect(reading.members.map((member) => member.sha256)).toEqual(names.map((name) => sha256(files[name as keyof typeof files])))
  })
})

function permissions(mode: number): string {
  return [0o400, 0o200, 0o100, 0o40, 0o20, 0o10, 0o4, 0o2, 0o1].map((bit, i) => (mode & bit ? 'rwx'[i % 3] : '-')).join('')
}

describe('an ar archive that also ends like a zip', () => {
  // The last member is a whole zip, so the file's final bytes are a zip end record.
  const zip = buildZip([{ name: 'inside.txt', data: 'zip member\n' }])
  const archive = buildAr([{ name: 'debian-binary', data: '2.0\n' }, { name: 'payload.zip', data: zip.length % 2 ? concat([zip, new Uint8Array(1)]) : zip }])

  it('is read as ar when named .deb or .a (dpkg-deb and ar read from offset 0)', async () => {
    for (const name of ['x.deb', 'libx.a']) {
      const reading = await readArtifact(blobSource(name, archive))
      expect(reading.format).toBe('ar')
      expect(reading.readings?.map((entry) => [entry.format, entry.chosen])).toEqual([['ar', true], ['zip', false]])
      expect(reading.readingChoice).toMatch(/dpkg-deb and binutils ar/)
      expect(reading.members.map((member) => member.path)).toEqual(['debian-binary', 'payload.zip'])
    }
  })

  it('without a telling name, the fixed order still takes the zip, as CPython\'s zipfile would', async () => {
    expect((await readArtifact(blobSource('x.bin', archive))).format).toBe('zip')
  })
})
