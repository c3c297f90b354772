/** tool-version: WHEEL Generator or Metadata-Version differ. */
import { describe, expect, it } from 'vitest'
import { toolVersionRule } from '../../../../src/core/analyze/rules/tool-version'
import { context, field, fixtureReport, findingsOf, member, modified, packageComparison, report } from '../report-builder'

const WHEEL = 'pkg-1.0.dist-info/WHEEL'
const METADATA = 'pkg-1.0.dist-info/METADATA'

describe('tool-version rule', () => {
  it('names the Generator and Metadata-Version and explains the files that differ only there', () => {
    const r = report([modified(WHEEL), modified(METADATA), member('pkg/__init__.py')], {
      package: packageComparison({
        fields: [
          field('WHEEL', 'Generator', ['bdist_wheel (0.42.0)'], ['bdist_wheel (0.43.0)']),
          field('METADATA', 'Metadata-Version', ['2.1'], ['2.3']),
        ],
      }),
    })
    const [f] = toolVersionRule.explain(context(r))
    expect(f.cause).toBe('tool-version')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual([WHEEL, METADATA])
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe('Built by different tool versions: WHEEL Generator bdist_wheel (0.42.0) against bdist_wheel (0.43.0); METADATA Metadata-Version 2.1 against 2.3')
    expect(f.remedy).toMatch(/Pin the build backend/)
  })

  it('does not explain a metadata file in which other fields differ too', () => {
    const r = report([modified(WHEEL), modified(METADATA)], {
      package: packageComparison({
        fields: [
          field('WHEEL', 'Generator', ['hatchling 1.21.0'], ['hatchling 1.25.0']),
          field('METADATA', 'Metadata-Version', ['2.1'], ['2.3']),
          field('METADATA', 'Requires-Dist', ['a'], ['b']),
        ],
      }),
    })
    const [f] = toolVersionRule.explain(context(r))
    expect(f.members).toEqual([WHEEL])
  })

  it('gives nothing when no tool field differs', () => {
    const r = report([modified(METADATA)], { package: packageComparison({ fields: [field('METADATA', 'Version', ['1.0'], ['1.1'])] }) })
    expect(toolVersionRule.explain(context(r))).toEqual([])
    expect(toolVersionRule.explain(context(report([modified('a.txt')])))).toEqual([])
  })

  it('explains tool-version-wheel; its RECORD is derived from it', async () => {
    const r = await fixtureReport('tool-version-wheel')
    const [direct, derived] = findingsOf(r, 'tool-version')
    expect(direct.derived).toBe(false)
    expect(direct.members).toEqual([METADATA, WHEEL])
    expect(direct.title).toMatch(/WHEEL Generator bdist_wheel \(0\.42\.0\) against bdist_wheel \(0\.43\.0\)/)
    expect(direct.title).toMatch(/METADATA Metadata-Version 2\.1 against 2\.3/)
    expect(derived.derived).toBe(true)
    expect(derived.members).toEqual(['pkg-1.0.dist-info/RECORD'])
    expect(derived.title).toMatch(/changes only because 2 listed files changed \(tool-version\)/)
    expect(r.findings.map((f) => f.cause)).toEqual(['tool-version', 'tool-version'])
  })
})
