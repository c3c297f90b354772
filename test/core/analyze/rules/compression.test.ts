/** compression: equal bytes, another method or deflate stream; names the zlib level that reproduces each side. */
import { describe, expect, it } from 'vitest'
import { compressionRule } from '../../../../src/core/analyze/rules/compression'
import { context, evidence, fixtureReport, findingsOf, member, modified, report } from '../report-builder'

const deflate = (path: string, changed = ['compressedSize']) =>
  member(path, { changed, left: { compression: 'deflate', compressedSize: 100 }, right: { compression: 'deflate', compressedSize: 120 } })

describe('compression rule', () => {
  it('names the zlib level of each side (level 9 against level 1)', () => {
    const r = report([deflate('pkg/util.py')])
    const [f] = compressionRule.explain(context(r, evidence(r, { 'pkg/util.py': { left: { deflateLevels: [9] }, right: { deflateLevels: [1] } } })))
    expect(f.cause).toBe('compression')
    expect(f.severity).toBe('cause')
    expect(f.members).toEqual(['pkg/util.py'])
    expect(f.fields).toEqual(expect.arrayContaining(['compression', 'compressedSize']))
    expect(f.title).toBe('1 member compressed differently over equal bytes: deflate at zlib level 9 on the left, deflate at zlib level 1 on the right')
    expect(f.evidence).toMatchObject({ examples: [{ path: 'pkg/util.py', left: { levels: [9], size: 100 }, right: { levels: [1], size: 120 } }] })
  })

  it('names stored members, level ranges, any level, and another implementation', () => {
    const r = report([
      member('a', { changed: ['compression', 'compressedSize'], left: { compression: 'deflate' }, right: { compression: 'stored' } }),
      deflate('b'),
      deflate('c'),
    ])
    const e = evidence(r, {
      a: { left: { deflateLevels: [6, 7, 8, 9] }, right: { deflateLevels: null } },
      b: { left: { deflateLevels: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, right: { deflateLevels: [] } },
      c: { left: { deflateLevels: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, right: { deflateLevels: [] } },
    })
    const [f] = compressionRule.explain(context(r, e))
    expect(f.title).toMatch(/^3 members compressed differently over equal bytes: 1 deflate at zlib level 6–9, 2 deflate \(any zlib level gives these bytes\) on the left/)
    expect(f.title).toMatch(/1 stored \(no compression\), 2 deflate by another implementation than zlib \(or other settings\) on the right$/)
  })

  it('still names the method without evidence', () => {
    const [f] = compressionRule.explain(context(report([member('a', { changed: ['compression'], left: { compression: 'deflate' }, right: { compression: 'stored' } })])))
    expect(f.title).toBe('1 member compressed differently over equal bytes: deflate on the left, stored (no compression) on the right')
  })

  it('gives nothing for modified members or other fields', () => {
    const r = report([
      modified('a', { changed: ['compression'], left: { compression: 'deflate' }, right: { compression: 'stored' } }),
      member('b', { changed: ['mtime'], left: { mtime: 1 }, right: { mtime: 2 } }),
    ])
    expect(compressionRule.explain(context(r))).toEqual([])
  })

  it('explains compression-wheel with the measured levels', async () => {
    const [f] = findingsOf(await fixtureReport('compression-wheel'), 'compression')
    expect([...f.members].sort()).toEqual(['pkg-1.0.dist-info/METADATA', 'pkg/__init__.py', 'pkg/util.py'])
    expect(f.title).toMatch(/2 stored \(no compression\), 1 deflate at zlib level 1 on the right$/)
    expect(f.title).toMatch(/level [0-9–]*9\b.* on the left/)
  })
})
