/** Issue 7 item 16: a member renamed with the same bytes, or named in another Unicode normalisation, is linked. */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, compareReadings, type ArtifactReading, type Member, type Report } from '../../../src/core/index'
import { blobSource, buildTar, buildZip, gzip, type ZipEntry } from '../archive/build-archives'

async function compareZips(left: ZipEntry[], right: ZipEntry[]): Promise<Report> {
  return compareArtifacts(blobSource('left.zip', buildZip(left)), blobSource('right.zip', buildZip(right)))
}

const links = (report: Report) => report.members.map((m) => [m.path, m.status, m.renamedTo ?? null, m.renamedFrom ?? null])

describe('renamed members', () => {
  it('links the one left-only and the one right-only member with the same bytes', async () => {
    const report = await compareZips([{ name: 'pkg/old.py', data: 'code' }, { name: 'keep.py', data: 'k' }], [{ name: 'pkg/new.py', data: 'code' }, { name: 'keep.py', data: 'k' }])
    expect(links(report)).toEqual([
      ['keep.py', 'identical', null, null],
      ['pkg/new.py', 'right-only', null, 'pkg/old.py'],
      ['pkg/old.py', 'left-only', 'pkg/new.py', null],
    ])
    expect(report.verdict).toBe('content-differs')
  })

  it('does not guess when the same bytes occur on several one-sided members, or when they are empty', async () => {
    const report = await compareZips(
      [{ name: 'a1', data: 'same' }, { name: 'a2', data: 'same' }, { name: 'e1', data: '' }],
      [{ name: 'b1', data: 'same' }, { name: 'e2', data: '' }],
    )
    expect(report.members.every((m) => m.renamedTo === undefined && m.renamedFrom === undefined)).toBe(true)
  })

  it('links names that differ only in Unicode normalisation (NFD against NFC), even with other bytes', async () => {
    const left = gzip(buildTar([{ name: 'pkg-1.0/cafe\u0301.py', data: 'one' }, { name: 'pkg-1.0/setup.py', data: 's' }]))
    const right = gzip(buildTar([{ name: 'pkg-1.0/caf\u00e9.py', data: 'two' }, { name: 'pkg-1.0/setup.py', data: 's' }]))
    const report = await compareArtifacts(blobSource('pkg-1.0.tar.gz', left), blobSource('pkg-1.0.tar.gz', right))
    expect(links(report)).toEqual([
      ['pkg-1.0/cafe\u0301.py', 'left-only', 'pkg-1.0/caf\u00e9.py', null],
      ['pkg-1.0/caf\u00e9.py', 'right-only', null, 'pkg-1.0/cafe\u0301.py'],
      ['pkg-1.0/setup.py', 'identical', null, null],
    ])
  })

  it('does not link by name when two members of a side normalise alike', async () => {
    const report = await compareZips([{ name: 'cafe\u0301.py', data: '1' }, { name: 'caf\u00e9.py', data: '2' }], [{ name: 'caf\u00e9.py', data: '3' }, { name: 'cafe\u0301.py', data: '4' }, { name: 'cafe\u0301\u0301.py', data: '5' }])
    expect(report.members.filter((m) => m.renamedTo || m.renamedFrom)).toEqual([])
  })
})

describe('at scale', () => {
  it('links 80,000 renames and numbers 80,000 copies of one name without overflowing the stack', () => {
    const count = 80_000
    const file = (index: number, path: string, sha256: string): Member => ({ index, path, type: 'file', size: 1, sha256, offset: 0, meta: {} })
    const sha = (i: number) => i.toString(16).padStart(64, '0')
    const side = (prefix: string): ArtifactReading => ({
      name: prefix, size: 1, sha256: prefix.padEnd(64, '0'), format: 'zip', fields: {}, retained: {}, anomalies: [],
      members: Array.from({ length: count * 2 }, (_, i) => (i < count ? file(i, `${prefix}/${i}`, sha(i)) : file(i, 'same', sha(count + i)))),
    })
    const report = compareReadings(side('old'), side('new'))
    expect(report.members.length).toBe(count * 3)
    expect(report.members.filter((m) => m.renamedTo).length).toBe(count)
    expect(new Set(report.members.map((m) => m.path)).size).toBe(count * 3)
  }, 60_000)
})
