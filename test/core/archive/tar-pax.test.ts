/** Strict pax numbers and times, signed base-256, and pax records that override a complete ustar field (issue 7 item 10). */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact } from '../../../src/core/index'
import { base256, concat, paxEntry, tarEntry, tarOf } from './build-tar'

const source = (name: string, bytes: Uint8Array<ArrayBuffer>) => ({ name, blob: new Blob([bytes]) })
const withPax = (records: [string, string][], fields: Parameters<typeof tarEntry>[0] = { name: 'f' }, data = 'abc') =>
  tarOf([tarEntry({ name: 'before' }, 'x'), paxEntry(records), tarEntry(fields, data)])

describe('pax numbers', () => {
  const bad = ['-5', '1.5', '0x10', '', '9007199254740993', '12abc', ' 7']
  for (const key of ['size', 'uid', 'gid', 'devmajor', 'devminor']) {
    it(`refuses a ${key} that is not decimal digits, at the pax header's offset`, async () => {
      for (const value of bad) {
        const reading = await readArtifact(source('t.tar', withPax([[key, value]])))
        expect(reading.error, `${key}=${value}`).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 1024 })
        expect(reading.error!.message).toContain(key)
        expect(reading.members.map((m) => m.path)).toEqual(['before'])
      }
    })
  }

  it('reads legal pax integers, and a pax size that is a digit string', async () => {
    const reading = await readArtifact(source('t.tar', withPax([['uid', '4000000'], ['gid', '0012'], ['size', '3']])))
    expect(reading.error).toBeUndefined()
    expect(reading.members[1].meta).toMatchObject({ uid: 4000000, gid: 12 })
  })

  it('keeps legal pax times (sign, fraction) and refuses others', async () => {
    for (const [value, expected] of [['-1', -1], ['1700000000.25', 1700000000.25], ['-0.5', -0.5], ['0', 0]] as const) {
      const reading = await readArtifact(source('t.tar', withPax([['mtime', value]])))
      expect(reading.members[1].meta.mtime).toBe(expected)
    }
    for (const value of ['1e9', '+5', '1.', '.5', 'now', '']) {
      for (const key of ['mtime', 'atime', 'ctime']) {
        const reading = await readArtifact(source('t.tar', withPax([[key, value]])))
        expect(reading.error, `${key}=${value}`).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 1024 })
      }
    }
  })
})

describe('base-256 numbers', () => {
  it('reads them signed: mtime -1 is -1, a large uid stays exact', async () => {
    const reading = await readArtifact(source('t.tar', tarOf([tarEntry({ name: 'f', mtime: base256(-1, 12), uid: base256(2 ** 40 + 3, 8) }, 'a')])))
    expect(reading.error).toBeUndefined()
    expect(reading.members[0].meta).toMatchObject({ mtime: -1, uid: 2 ** 40 + 3 })
  })

  it('refuses values beyond 2^53 and negative sizes by name', async () => {
    const huge = await readArtifact(source('t.tar', tarOf([tarEntry({ name: 'f', mtime: base256(2n ** 60n, 12) }, 'a')])))
    expect(huge.error).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 0 })
    expect(huge.error!.message).toMatch(/2\^53/)
    const negative = await readArtifact(source('t.tar', tarOf([tarEntry({ name: 'f', size: base256(-512, 12) }, '')])))
    expect(negative.error).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 0 })
  })
})

describe('pax overrides', () => {
  const overrides = async (bytes: Uint8Array<ArrayBuffer>) => (await readArtifact(source('t.tar', bytes))).anomalies.filter((a) => a.code === 'PAX_OVERRIDE')

  it('flags a pax path that replaces a complete, different ustar name, on the artefact and the member', async () => {
    const bytes = withPax([['path', 'evil.py']], { name: 'good.py' })
    const reading = await readArtifact(source('t.tar', bytes))
    const anomaly = reading.anomalies.find((a) => a.code === 'PAX_OVERRIDE')!
    expect(anomaly).toMatchObject({ offset: 2048 })
    expect(anomaly.message).toMatch(/evil\.py.*"path".*good\.py.*evil\.py/)
    expect(reading.members[1].anomalies?.map((a) => a.code)).toContain('PAX_OVERRIDE')
    const report = await compareArtifacts(source('l.tar', bytes), source('r.tar', bytes))
    expect(report.findings.map((f) => f.cause)).toContain('archive-structure')
  })

  it('flags overridden sizes, owners and times that fit their ustar fields', async () => {
    const found = await overrides(withPax([['uid', '1000'], ['gname', 'wheel'], ['mtime', '1600000000'], ['size', '3']], { name: 'f', uid: 0, gname: 'staff', size: 3 }))
    expect(found.map((a) => a.message.match(/record "(\w+)"/)![1])).toEqual(['uid', 'mtime', 'gname'])
  })

  it('raises no false alarm for the placeholder forms writers use', async () => {
    const longPath = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(70)}`
    const cases: [string, [string, string][], Parameters<typeof tarEntry>[0]][] = [
      ['GNU tar long path (first 100 bytes)', [['path', longPath]], { name: longPath.slice(0, 100) }],
      ['CPython non-ASCII name ("?" for each character)', [['path', 'src/n\u00e9e.txt']], { name: 'src/n?e.txt' }],
      ['same name', [['path', 'src/n\u00e9e.txt']], { name: Buffer.from('src/n\u00e9e.txt') }],
      ['fractional mtime, truncated (GNU tar)', [['mtime', '1700000000.5']], { name: 'f', mtime: 1700000000 }],
      ['fractional mtime, rounded (CPython)', [['mtime', '1700000000.75']], { name: 'f', mtime: 1700000001 }],
      ['uid too large (CPython writes 0)', [['uid', '100000000']], { name: 'f', uid: 0 }],
      ['uid too large (octal maximum)', [['uid', '100000000']], { name: 'f', uid: 0o7777777 }],
      ['empty ustar field', [['uname', 'builder']], { name: 'f', uname: '' }],
      ['long link target', [['linkpath', 't'.repeat(120)]], { name: 'l', typeflag: '2', linkname: 't'.repeat(100) }],
    ]
    for (const [what, records, fields] of cases) {
      expect(await overrides(withPax(records, fields, fields.typeflag === '2' ? '' : 'abc')), what).toEqual([])
    }
  })

  it('flags a long pax path whose ustar name is not its truncation', async () => {
    expect(await overrides(withPax([['path', 'p'.repeat(150)]], { name: 'setup.py' }))).toHaveLength(1)
  })

  it('does not let a global header reach the running total with a negative size', async () => {
    const reading = await readArtifact(source('t.tar', concat([paxEntry([['size', '-1024']], 'g'), tarOf([tarEntry({ name: 'f' }, 'a')])])))
    expect(reading.error).toMatchObject({ code: 'CORRUPT_STRUCTURE' })
  })
})
