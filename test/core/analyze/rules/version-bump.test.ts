/** version-bump: the project versions differ, so content changes are expected. */
import { describe, expect, it } from 'vitest'
import { versionBumpRule } from '../../../../src/core/analyze/rules/version-bump'
import { context, field, fixtureReport, findingsOf, member, modified, packageComparison, report } from '../report-builder'

const METADATA = 'pkg-1.0.dist-info/METADATA'

describe('version-bump rule', () => {
  it('names both versions and explains a METADATA that differs only in Version', () => {
    const r = report([modified(METADATA, { rightPath: 'pkg-1.1.dist-info/METADATA' }), modified('pkg/core.py')], {
      package: packageComparison({ right: { version: '1.1' }, fields: [field('METADATA', 'Version', ['1.0'], ['1.1'])] }),
    })
    const [f] = versionBumpRule.explain(context(r))
    expect(f.cause).toBe('version-bump')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual([METADATA])
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe('Different versions, 1.0 against 1.1: content changes are expected')
    expect(f.evidence).toEqual({ left: '1.0', right: '1.1' })
  })

  it('does not explain a METADATA in which more than the Version differs', () => {
    const r = report([modified(METADATA)], {
      package: packageComparison({ right: { version: '1.1' }, fields: [field('METADATA', 'Version', ['1.0'], ['1.1']), field('METADATA', 'Summary', ['a'], ['b'])] }),
    })
    expect(versionBumpRule.explain(context(r))[0].members).toEqual([])
  })

  it('gives nothing for equal or unknown versions', () => {
    expect(versionBumpRule.explain(context(report([modified(METADATA)], { package: packageComparison() })))).toEqual([])
    expect(versionBumpRule.explain(context(report([modified(METADATA)], { package: packageComparison({ right: { version: null } }) })))).toEqual([])
    expect(versionBumpRule.explain(context(report([member('a')])))).toEqual([])
  })

  it('explains renamed-distinfo-wheel and renamed-root-sdist', async () => {
    const wheel = await fixtureReport('renamed-distinfo-wheel')
    const [direct, derived] = findingsOf(wheel, 'version-bump')
    expect(direct.members).toEqual([METADATA])
    expect(derived).toMatchObject({ derived: true, members: ['pkg-1.0.dist-info/RECORD'] })
    const sdist = await fixtureReport('renamed-root-sdist')
    expect(findingsOf(sdist, 'version-bump')[0].members).toEqual(['pkg-1.0/PKG-INFO'])
    expect(findingsOf(sdist, 'content')).toEqual([])
  })
})
