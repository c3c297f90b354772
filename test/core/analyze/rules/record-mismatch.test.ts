/** record-mismatch (security): a wheel's RECORD disagrees with its own contents. */
import { describe, expect, it } from 'vitest'
import { recordMismatchRule } from '../../../../src/core/analyze/rules/record-mismatch'
import { context, fixtureReport, findingsOf, member, modified, packageComparison, recordCheck, report } from '../report-builder'

describe('record-mismatch rule', () => {
  it('lists every kind of problem on the side that has them', () => {
    const r = report([modified('pkg/core.py'), member('pkg/extra.py', { left: null })], {
      package: packageComparison({
        right: {
          record: recordCheck({
            hashMismatch: [{ path: 'pkg/core.py', listed: 'sha256=a', actual: 'sha256=b' }],
            listedButMissing: ['pkg/gone.py'],
            notListed: ['pkg/extra.py'],
          }),
        },
      }),
    })
    const found = recordMismatchRule.explain(context(r))
    expect(found).toHaveLength(1)
    const [f] = found
    expect(f.cause).toBe('record-mismatch')
    expect(f.severity).toBe('security')
    expect(f.derived).toBe(false)
    expect(f.title).toBe('The right wheel is not what its RECORD says: 1 hash mismatch (pkg/core.py); 1 listed but missing (pkg/gone.py); 1 present but not listed (pkg/extra.py)')
    expect(f.members).toEqual(['pkg/core.py', 'pkg/extra.py'])
    expect(f.evidence).toMatchObject({ side: 'right' })
    expect(f.remedy).toMatch(/Do not install/)
  })

  it('gives one finding per side with problems', () => {
    const r = report([member('a')], {
      package: packageComparison({
        left: { record: recordCheck({ sizeMismatch: [{ path: 'a', listed: '3', actual: 4 }] }) },
        right: { record: recordCheck({ sizeMismatch: [{ path: 'a', listed: '3', actual: 5 }, { path: 'b', listed: '1', actual: 2 }] }) },
      }),
    })
    const found = recordMismatchRule.explain(context(r))
    expect(found.map((f) => f.evidence.side)).toEqual(['left', 'right'])
    expect(found[1].title).toMatch(/2 size mismatches \(a, b\)$/)
  })

  it('gives nothing for consistent RECORDs, sdists or non-packages', () => {
    expect(recordMismatchRule.explain(context(report([member('a')], { package: packageComparison() })))).toEqual([])
    expect(recordMismatchRule.explain(context(report([member('a')], { package: packageComparison({ left: { kind: 'sdist', record: null }, right: { kind: 'sdist', record: null } }) })))).toEqual([])
    expect(recordMismatchRule.explain(context(report([member('a')])))).toEqual([])
  })

  it('flags tampered-wheel on the right side only, first among the findings', async () => {
    const r = await fixtureReport('tampered-wheel')
    const found = findingsOf(r, 'record-mismatch')
    expect(found).toHaveLength(1)
    expect(found[0].evidence).toMatchObject({ side: 'right' })
    expect(found[0].title).toMatch(/1 hash mismatch \(pkg\/core\.py\); 1 size mismatch \(pkg\/core\.py\)/)
    expect(r.findings[0].cause).toBe('record-mismatch')
  })

  // Core bug (reported): a file with both a hash and a size mismatch is listed twice in `members`.
  it('lists each member once (tampered-wheel: pkg/core.py has a hash and a size mismatch)', async () => {
    const [f] = findingsOf(await fixtureReport('tampered-wheel'), 'record-mismatch')
    expect(f.members).toEqual(['pkg/core.py'])
  })

  // Core bug (reported): members come from RECORD's own paths; on a side whose dist-info has another
  // version they are not the pairing paths the report (and the page's tree filter) uses.
  it('names members by their pairing path when the right dist-info has another version', () => {
    const r = report([modified('pkg-1.0.dist-info/METADATA', { rightPath: 'pkg-1.1.dist-info/METADATA' })], {
      package: packageComparison({
        right: { version: '1.1', record: recordCheck({ path: 'pkg-1.1.dist-info/RECORD', hashMismatch: [{ path: 'pkg-1.1.dist-info/METADATA', listed: 'sha256=a', actual: 'sha256=b' }] }) },
      }),
    })
    const [f] = recordMismatchRule.explain(context(r))
    expect(f.members).toEqual(['pkg-1.0.dist-info/METADATA'])
  })
})
