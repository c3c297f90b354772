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
    expect(f.evidence).toEqual({ left: '1.0', right: '1.1', kind: 'wheel' })
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

  // Issue 7 item 13: only releases (a wheel, an sdist with PKG-INFO, an npm package) have versions to bump.
  const sdistPackage = (left: string, right: string) => packageComparison({ left: { kind: 'sdist', version: left }, right: { kind: 'sdist', version: right } })

  it('is no version bump for two zips whose names only look versioned (x-a.zip against x-b.zip)', () => {
    const r = report([modified('x/readme.txt')], { package: sdistPackage('a', 'b'), left: { name: 'x-a.zip' }, right: { name: 'x-b.zip' } })
    expect(versionBumpRule.explain(context(r))).toEqual([])
  })

  it('is no version bump for tarballs without PKG-INFO, even with PEP 440 versions in their names', () => {
    const r = report([modified('pkg-1.0/pkg/core.py', { rightPath: 'pkg-1.1/pkg/core.py' })], {
      package: sdistPackage('1.0', '1.1'), left: { name: 'pkg-1.0.tar.gz' }, right: { name: 'pkg-1.1.tar.gz' },
    })
    expect(versionBumpRule.explain(context(r))).toEqual([])
  })

  it('is a version bump for sdists with PKG-INFO and PEP 440 versions', () => {
    const r = report([modified('pkg-1.0/PKG-INFO', { rightPath: 'pkg-1.1/PKG-INFO' })], {
      package: sdistPackage('1.0', '1.1rc1'), left: { name: 'pkg-1.0.tar.gz' }, right: { name: 'pkg-1.1rc1.tar.gz' },
    })
    expect(versionBumpRule.explain(context(r))[0]).toMatchObject({ evidence: { left: '1.0', right: '1.1rc1', kind: 'sdist' } })
  })

  it('is no version bump for versions that are not PEP 440 (a wheel named pkg-abc-…)', () => {
    const r = report([modified(METADATA)], { package: packageComparison({ left: { version: 'abc' }, right: { version: 'abd' } }) })
    expect(versionBumpRule.explain(context(r))).toEqual([])
  })

  it('is a version bump for npm tarballs with package/package.json and semver names, and not without', () => {
    const npm = (leftName: string, rightName: string, json = 'package/package.json') =>
      report([modified(json), modified('package/index.js')], { left: { name: leftName, format: 'tar+gzip' }, right: { name: rightName, format: 'tar+gzip' } })
    expect(versionBumpRule.explain(context(npm('left-pad-1.2.0.tgz', 'left-pad-1.3.0-beta.1.tgz')))[0])
      .toMatchObject({ title: 'Different versions, 1.2.0 against 1.3.0-beta.1: content changes are expected', evidence: { kind: 'npm' } })
    expect(versionBumpRule.explain(context(npm('left-pad-1.2.tgz', 'left-pad-1.3.tgz')))).toEqual([])
    expect(versionBumpRule.explain(context(npm('left-pad-1.2.0.tgz', 'left-pad-1.3.0.tgz', 'package/other.json')))).toEqual([])
  })
})
