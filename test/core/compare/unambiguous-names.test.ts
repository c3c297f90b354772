/**
 * Issue 7 item 3, end to end: names display unambiguously, carry their bytes on both sides, and no two
 * members share a pairing key or a report path.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, compareReadings, type ArtifactReading, type Member, type Report } from '../../../src/core/index'
import { reportPaths } from '../../../src/core/compare/compare-members'
import type { MemberPair } from '../../../src/core/compare/pair-members'
import { blobSource, buildZip, type ZipEntry } from '../archive/build-archives'

async function compareZips(left: ZipEntry[], right: ZipEntry[] = left): Promise<Report> {
  return compareArtifacts(blobSource('left.zip', buildZip(left)), blobSource('right.zip', buildZip(right)))
}

const hex = (text: string) => [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
const unsafeNames = (report: Report) => report.findings.find((f) => f.cause === 'unsafe-path')?.members ?? []

describe('displayed names', () => {
  it('shows a real ESC and the literal text \\x1b differently, and never pairs them', async () => {
    const report = await compareZips([{ name: 'a\u001b.py', data: 'x' }], [{ name: 'a\\x1b.py', data: 'x' }])
    expect(report.members.map((m) => [m.path, m.status])).toEqual([['a\\\\x1b.py', 'right-only'], ['a\\x1b.py', 'left-only']])
  })

  it('shows an invalid byte and the literal text \\xff differently', async () => {
    const report = await compareZips([{ name: Uint8Array.from([0x61, 0xff]), data: 'x', flags: 0x800 }], [{ name: 'a\\xff', data: 'x' }])
    expect(report.members.map((m) => m.path).sort()).toEqual(['a\\\\xff', 'a\\xff'])
    expect(report.members.every((m) => m.status !== 'identical')).toBe(true)
  })

  it('judges the real name: a real backslash is unsafe, the text \\x1b is no control character', async () => {
    const report = await compareZips([{ name: 'win\\path.py', data: 'x' }, { name: 'lit\\x1b.py', data: 'x' }, { name: 'ok.py', data: 'x' }])
    expect(report.members.map((m) => m.path)).toContain('win\\\\path.py')
    const reasons = report.members.map((m) => [m.path, m.left?.anomalies?.map((a) => a.message) ?? []])
    expect(reasons).toEqual([
      ['lit\\\\x1b.py', ['The name "lit\\\\x1b.py" has a backslash']],
      ['ok.py', []],
      ['win\\\\path.py', ['The name "win\\\\path.py" has a backslash']],
    ])
    expect(unsafeNames(report).sort()).toEqual(['lit\\\\x1b.py', 'win\\\\path.py'])
  })

  it('still flags real control characters and undecodable bytes, shown escaped', async () => {
    const report = await compareZips([{ name: 'a\u001b.py', data: 'x' }, { name: Uint8Array.from([0x62, 0xfe]), data: 'y', flags: 0x800 }, { name: 'c\u202e.py', data: 'z' }])
    expect(unsafeNames(report).sort()).toEqual(['a\\x1b.py', 'b\\xfe', 'c\\u{202e}.py'])
  })

  it('copies the stored name bytes onto both sides of the report', async () => {
    const report = await compareZips([{ name: 'pkg/caf\u00e9.py', data: 'x' }])
    expect(report.members[0].left?.nameHex).toBe(hex('pkg/caf\u00e9.py'))
    expect(report.members[0].right?.nameHex).toBe(hex('pkg/caf\u00e9.py'))
  })
})

describe('pairing keys and report paths', () => {
  it('pairs a zip of [a, a, a#2] with the same zip: six members, three pairs, none dropped', async () => {
    const entries: ZipEntry[] = [{ name: 'a', data: 'first' }, { name: 'a', data: 'second' }, { name: 'a#2', data: 'third' }]
    const report = await compareZips(entries, entries.map((entry) => ({ ...entry })))
    expect(report.members.length).toBe(3)
    expect(report.members.map((m) => [m.leftPath, m.rightPath, m.left?.index, m.right?.index, m.status])).toEqual([
      ['a', 'a', 0, 0, 'identical'],
      ['a#2', 'a#2', 2, 2, 'identical'],
      ['a', 'a', 1, 1, 'identical'],
    ])
    expect(new Set(report.members.map((m) => m.path)).size).toBe(3)
    expect(report.verdict).toBe('identical')
  })

  it('pairs [a, a, a#2] with [a, a, a#2] holding other bytes: every copy compared with its own copy', async () => {
    const left: ZipEntry[] = [{ name: 'a', data: 'first' }, { name: 'a', data: 'second' }, { name: 'a#2', data: 'third' }]
    const right: ZipEntry[] = [{ name: 'a', data: 'first' }, { name: 'a', data: 'changed' }, { name: 'a#2', data: 'third' }]
    const report = await compareZips(left, right)
    expect(report.members.map((m) => [m.left?.index, m.right?.index, m.status])).toEqual([[0, 0, 'identical'], [2, 2, 'identical'], [1, 1, 'modified']])
    expect(report.counts).toMatchObject({ identical: 2, modified: 1, 'left-only': 0, 'right-only': 0 })
  })

  it('never gives two members the same report path, even when a one-sided path repeats across the sides', () => {
    // Pairing no longer makes such pairs (roots are stripped for both sides or neither, brief Q item 2), but
    // report paths stay unique whatever the pairs: p/y left-only and p/y right-only get p/y and p/y#2.
    const file = (path: string): Member => ({ index: 0, path, type: 'file', size: 1, sha256: null, offset: 0, meta: {} })
    const pairs: MemberPair[] = [
      { key: 'q', left: null, right: file('q'), occurrence: 1 },
      { key: 'p/y', left: null, right: file('p/y'), occurrence: 1 },
      { key: 'y', left: file('p/y'), right: null, occurrence: 1 },
      { key: 'z', left: file('p/z'), right: null, occurrence: 1 },
    ]
    expect(reportPaths(pairs)).toEqual(['q', 'p/y', 'p/y#2', 'p/z'])
  })

  it('pairs p/y with p/y when only one side has the single root p/', async () => {
    const report = await compareZips([{ name: 'p/y', data: '1' }, { name: 'p/z', data: '2' }], [{ name: 'p/y', data: '1' }, { name: 'q', data: '3' }])
    expect(report.members.map((m) => [m.path, m.status])).toEqual([['p/y', 'identical'], ['p/z', 'left-only'], ['q', 'right-only']])
  })

  it('gives each copy of a name repeated 12 times its own copy number, whatever the sort order of the keys', async () => {
    const entries: ZipEntry[] = Array.from({ length: 12 }, (_, i) => ({ name: 'a', data: `copy ${i}` }))
    const report = await compareZips(entries)
    const byIndex = [...report.members].sort((x, y) => x.left!.index - y.left!.index)
    expect(byIndex.map((m) => m.path)).toEqual(entries.map((_, i) => (i === 0 ? 'a' : `a#${i + 1}`)))
  })

  it('keeps names apart whose bytes differ but look alike (NFC against NFD, a Cyrillic е)', async () => {
    const report = await compareZips(
      [{ name: 'caf\u00e9.py', data: 'x' }, { name: 's\u0435tup.py', data: 'y' }],
      [{ name: 'cafe\u0301.py', data: 'x' }, { name: 'setup.py', data: 'y' }],
    )
    expect(report.members.length).toBe(4)
    expect(report.members.every((m) => m.status === 'left-only' || m.status === 'right-only')).toBe(true)
    expect(report.verdict).toBe('content-differs')
  })
})

describe('report paths at scale', () => {
  it('stays linear when thousands of one-sided copies share a path across the sides', () => {
    const count = 20_000
    const file = (index: number, path: string): Member => ({ index, path, type: 'file', size: 1, sha256: null, offset: 0, meta: {} })
    // Every copy of r/x one-sided on each side, keyed apart (x, x#2… against r/x, r/x#2…), as a hostile pairing could.
    const pairs: MemberPair[] = []
    for (let i = 0; i < count; i++) pairs.push({ key: i === 0 ? 'x' : `x#${i + 1}`, left: file(i, 'r/x'), right: null, occurrence: i + 1 })
    for (let i = 0; i < count; i++) pairs.push({ key: i === 0 ? 'r/x' : `r/x#${i + 1}`, left: null, right: file(i, 'r/x'), occurrence: i + 1 })
    const started = performance.now()
    const paths = reportPaths(pairs)
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(new Set(paths).size).toBe(2 * count)
  }, 30_000)

  it('compares thousands of copies of one name under a root on one side only, pairing them by path', () => {
    const count = 20_000
    const file = (index: number, path: string): Member => ({ index, path, type: 'file', size: 1, sha256: null, offset: 0, meta: {} })
    const reading = (name: string, members: Member[]): ArtifactReading => ({ name, size: 1, sha256: name.padEnd(64, '0'), format: 'zip', fields: {}, retained: {}, anomalies: [], members })
    const left = reading('l', [...Array.from({ length: count }, (_, i) => file(i, 'r/x')), file(count, 'r/y')])
    const right = reading('r', [...Array.from({ length: count }, (_, i) => file(i, 'r/x')), file(count, 'q')])
    const report = compareReadings(left, right)
    expect(new Set(report.members.map((m) => m.path)).size).toBe(count + 2)
    expect(report.counts['left-only'] + report.counts['right-only']).toBe(2)
  }, 30_000)
})
