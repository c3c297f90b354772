/** tool-version: WHEEL Generator or Metadata-Version differ. */
import { describe, expect, it } from 'vitest'
import { toolVersionRule } from '../../../../src/core/analyze/rules/tool-version'
import { context, earlierFinding, field, fixtureReport, findingsOf, member, modified, packageComparison, report } from '../report-builder'

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

  // Issue 7 item 15: the metadata itself shows another backend version, with the same WHEEL Generator.
  const explainFields = (fields: ReturnType<typeof field>[], path = METADATA) =>
    toolVersionRule.explain(context(report([modified(path), member(WHEEL)], { package: packageComparison({ fields }) })))

  it('recognises UNKNOWN placeholders and License-File written by one side only, with the same Generator', () => {
    const [f] = explainFields([
      field('METADATA', 'Platform', ['UNKNOWN'], []),
      field('METADATA', 'Home-page', ['UNKNOWN'], []),
      field('METADATA', 'License-File', [], ['LICENSE', 'NOTICE']),
    ])
    expect(f.members).toEqual([METADATA])
    expect(f.title).toBe('Built by different tool versions: METADATA Platform: UNKNOWN on the left only (a placeholder older setuptools writes for an empty field); '
      + 'METADATA Home-page: UNKNOWN on the left only (a placeholder older setuptools writes for an empty field); '
      + 'METADATA License-File on the right only (LICENSE, NOTICE; newer backends list the license files)')
    expect(f.evidence).toMatchObject({ fields: [{ field: 'Platform' }, { field: 'Home-page' }, { field: 'License-File' }] })
  })

  it('recognises a description moved from the Description field to the body, and one indented differently', () => {
    const text = 'Pkg\n===\n\n  code block\nend'
    const moved = explainFields([field('PKG-INFO', 'Description', [text.split('\n').map((l) => l.trim()).join('\n')], []), field('PKG-INFO', 'Description (body)', [''], [text])], 'pkg-1.0/PKG-INFO')
    expect(moved[0].members).toEqual(['pkg-1.0/PKG-INFO'])
    expect(moved[0].title).toMatch(/PKG-INFO description in the Description field on the left, in the message body on the right/)
    const indented = explainFields([field('METADATA', 'Description (body)', [text], [text.replace(/^/gm, '        ')])])
    expect(indented[0].members).toEqual([METADATA])
    expect(indented[0].title).toMatch(/METADATA description indented differently \(same text\)/)
  })

  it('does not call real metadata changes a tool version: other license files, another description, a real Platform', () => {
    expect(explainFields([field('METADATA', 'License-File', ['LICENSE'], ['COPYING'])])).toEqual([])
    expect(explainFields([field('METADATA', 'Description (body)', ['Pkg'], ['Pkg 2'])])).toEqual([])
    expect(explainFields([field('METADATA', 'Platform', ['linux'], [])])).toEqual([])
    const [f] = explainFields([field('METADATA', 'Platform', ['UNKNOWN'], []), field('METADATA', 'Summary', ['a'], ['b'])])
    expect(f.members).toEqual([])
  })

  it('recognises a metadata file written differently with the same fields (an indented Description, another field order)', () => {
    const sdist = packageComparison({ left: { kind: 'sdist', metadataVersion: '1.2' }, right: { kind: 'sdist', metadataVersion: '1.2' } })
    const r = report([modified('pkg-1.0/PKG-INFO'), modified('pkg-1.0/pkg.egg-info/PKG-INFO')], { package: sdist })
    const [f] = toolVersionRule.explain(context(r))
    expect(f.members).toEqual(['pkg-1.0/PKG-INFO']) // the egg-info copy was not compared field by field
    expect(f.title).toBe('Built by different tool versions: PKG-INFO written differently with the same fields and values (field order or the indentation of continued lines)')
    // Not when line endings explain it already, when a side's metadata was not read, or when a field differs.
    expect(toolVersionRule.explain(context(r, undefined, [earlierFinding('line-endings', ['pkg-1.0/PKG-INFO'], ['content'])]))).toEqual([])
    const unread = packageComparison({ left: { kind: 'sdist', metadataVersion: null }, right: { kind: 'sdist', metadataVersion: '1.2' } })
    expect(toolVersionRule.explain(context(report([modified('pkg-1.0/PKG-INFO')], { package: unread })))).toEqual([])
    const summary = packageComparison({ left: { kind: 'sdist' }, right: { kind: 'sdist' }, fields: [field('PKG-INFO', 'Summary', ['a'], ['b'])] })
    expect(toolVersionRule.explain(context(report([modified('pkg-1.0/PKG-INFO')], { package: summary })))).toEqual([])
  })
})

