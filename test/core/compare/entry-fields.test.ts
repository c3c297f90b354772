/**
 * Report entries keep every field and the key order they had before the comparison was made cheap per member
 * (entries completed in place, meta fields compared without intermediate sets, nested readings with nothing to
 * report skipped): `--json` output is compared byte for byte between versions, so the order is part of the report.
 */
import { describe, expect, it } from 'vitest'
import { changedMetaFields, compareMemberPair, toSideReport } from '../../../src/core/compare/compare-members'
import { nestedAnomalies } from '../../../src/core/compare/nested-members'
import type { ArtifactReading, Member } from '../../../src/core/index'

const NO_ROOTS = { left: '', right: '' }
const SHA = 'ab'.repeat(32)

function member(meta: Member['meta'], extra: Partial<Member> = {}): Member {
  return { index: 3, path: 'p/a.py', type: 'file', size: 4, sha256: SHA, offset: 10, meta, ...extra }
}

function reading(name: string, extra: Partial<ArtifactReading> = {}): ArtifactReading {
  return { name, size: 0, sha256: null, format: 'zip', fields: {}, members: [], retained: {}, anomalies: [], ...extra }
}

describe('changedMetaFields', () => {
  it('lists the left fields in their order, then the fields only the right has', () => {
    expect(changedMetaFields(member({ mtime: 1, mode: 1, a: 1 }), member({ b: 2, mode: 1, mtime: 2 }))).toEqual(['mtime', 'a', 'b'])
  })
  it('leaves out a field one side could not know, and keeps the others in order', () => {
    const recovered = member({ mode: 0, mtime: 2 }, { anomalies: [{ code: 'READ_FROM_LOCAL_HEADER', message: '' }] })
    expect(changedMetaFields(member({ mode: 0o644, mtime: 1, extra: 'x', uid: 1 }), recovered)).toEqual(['mtime'])
  })
  it('reads a field named like an Object.prototype property as a field (own on one side only)', () => {
    expect(changedMetaFields(member({ mtime: 1 }), member({ mtime: 1, constructor: 'x' }))).toEqual(['constructor'])
    expect(changedMetaFields(member({ toString: 'x', mtime: 1 }), member({ mtime: 1 }))).toEqual(['toString'])
  })
})

describe('report entries', () => {
  it('a side: fixed fields first, then every known meta field in its order', () => {
    const side = toSideReport(member({ mtime: 1, mode: 2, comment: 'c' }, { linkTarget: 't', nameHex: '61', sha256: null, anomalies: [{ code: 'READ_FROM_LOCAL_HEADER', message: '' }] }))
    expect(Object.keys(side!)).toEqual(['index', 'offset', 'size', 'sha256', 'type', 'linkTarget', 'nameHex', 'unread', 'anomalies', 'mtime'])
  })
  it('a pair: paths, type, sides, then unread and unknown, then status and changed', () => {
    const left = member({ mtime: 1, mode: 1 }, { sha256: null })
    const right = member({ mtime: 2 }, { anomalies: [{ code: 'READ_FROM_LOCAL_HEADER', message: '' }] })
    const entry = compareMemberPair({ key: 'a.py', occurrence: 1, left, right }, true, NO_ROOTS, 'p/a.py')
    expect(Object.keys(entry)).toEqual(['path', 'leftPath', 'rightPath', 'type', 'left', 'right', 'unread', 'unknown', 'status', 'changed'])
    expect(entry).toMatchObject({ status: 'modified', changed: ['mtime', 'order'], unknown: ['mode'] })
  })
  it('a one-sided member: status and changed last, nothing changed', () => {
    const entry = compareMemberPair({ key: 'a.py', occurrence: 1, left: null, right: member({ mtime: 2 }) }, false, NO_ROOTS, 'p/a.py')
    expect(Object.keys(entry)).toEqual(['path', 'leftPath', 'rightPath', 'type', 'left', 'right', 'status', 'changed'])
    expect(entry).toMatchObject({ leftPath: null, status: 'right-only', changed: [] })
  })
  it('drops copy-derived fields of a modified member and keeps them when the content is the same', () => {
    const a = member({ crc32: '1', compressedSize: 1, mtime: 1 })
    const b = member({ crc32: '2', compressedSize: 2, mtime: 1 })
    expect(compareMemberPair({ key: 'a.py', occurrence: 1, left: a, right: { ...b, sha256: 'cd'.repeat(32) } }, false, NO_ROOTS, 'a').changed).toEqual([])
    expect(compareMemberPair({ key: 'a.py', occurrence: 1, left: a, right: b }, false, NO_ROOTS, 'a').changed).toEqual(['crc32', 'compressedSize'])
  })
})

describe('nestedAnomalies', () => {
  const anomaly = { code: 'ARCHIVE_TRAILING_BYTES', message: 'Trailing bytes.' }
  it('finds an anomaly two levels down under a container that has none itself, and says nothing for closed ones', () => {
    const inner = reading('c.zip', { anomalies: [anomaly] })
    const middle = reading('b.zip', { members: [member({}, { index: 0, path: 'a!/c.zip' })], nested: { 0: inner } })
    const closed = reading('d.gz', { notOpened: 'same-bytes' })
    const outer = reading('o.zip', { members: [member({}, { index: 0, path: 'b.zip' }), member({}, { index: 1, path: 'd.gz' })], nested: { 0: middle, 1: closed } })
    expect(nestedAnomalies(outer)).toEqual([{ ...anomaly, message: 'Inside b.zip!/a!\\/c.zip (offsets within it): Trailing bytes.' }])
  })
})
