/** gzip-header: MTIME, FNAME, OS, XFL, FLG of the gzip wrapper. */
import { describe, expect, it } from 'vitest'
import { gzipHeaderRule } from '../../../../src/core/analyze/rules/gzip-header'
import { context, fixtureReport, findingsOf, member, modified, report } from '../report-builder'

describe('gzip-header rule', () => {
  it('names the differing header fields over an equal payload', () => {
    const r = report([member('pkg-1.0/setup.py')], {
      archive: [{ field: 'gzip.mtime', left: 1, right: 2 }, { field: 'gzip.fname', left: 'a.tar', right: 'b.tar' }, { field: 'order', left: '', right: '' }],
    })
    const [f] = gzipHeaderRule.explain(context(r))
    expect(f.cause).toBe('gzip-header')
    expect(f.severity).toBe('cause')
    expect(f.members).toEqual([])
    expect(f.fields).toEqual(['gzip.mtime', 'gzip.fname'])
    expect(f.title).toBe('The gzip header differs in MTIME (when it was compressed), FNAME (the original file name), over an equal payload')
    expect(f.remedy).toMatch(/gzip -n/)
  })

  it('does not claim an equal payload when a member changed', () => {
    const [f] = gzipHeaderRule.explain(context(report([modified('pkg-1.0/PKG-INFO')], { archive: [{ field: 'gzip.os', left: 255, right: 3 }] })))
    expect(f.title).toBe("The gzip header differs in OS (the compressor's platform)")
  })

  it('gives nothing without a gzip field difference', () => {
    const r = report([member('a')], { archive: [{ field: 'zip.comment', left: '', right: 'x' }, { field: 'order', left: '', right: '' }] })
    expect(gzipHeaderRule.explain(context(r))).toEqual([])
  })

  it('explains gzip-header-sdist', async () => {
    const [f] = findingsOf(await fixtureReport('gzip-header-sdist'), 'gzip-header')
    expect(f.title).toMatch(/MTIME.*OS.*FNAME.*over an equal payload/)
    expect([...f.fields!].sort()).toEqual(['gzip.fname', 'gzip.mtime', 'gzip.os'])
  })
})
