/** derived-record: a RECORD that differs only in rows of files that changed carries their cause, as derived. */
import { describe, expect, it } from 'vitest'
import { derivedRecordRule } from '../../../../src/core/analyze/rules/derived-record'
import { RECORD_ROW_ORDER } from '../../../../src/core/index'
import { context, earlierFinding, field, fixtureReport, member, modified, packageComparison, report } from '../report-builder'

const RECORD = 'pkg-1.0.dist-info/RECORD'
const SO = 'pkg/_speedups.so'
const row = (path: string) => field('RECORD', path, ['sha256=a,1'], ['sha256=b,1'])

describe('derived RECORD rule', () => {
  it("carries the cause of the files whose rows changed", () => {
    const r = report([modified(SO), modified(RECORD), member('pkg/__init__.py')], { package: packageComparison({ fields: [row(SO)] }) })
    const found = derivedRecordRule.explain(context(r, undefined, [earlierFinding('build-path', [SO], ['content'])]))
    expect(found).toHaveLength(1)
    const [f] = found
    expect(f.cause).toBe('build-path')
    expect(f.derived).toBe(true)
    expect(f.severity).toBe('cause')
    expect(f.members).toEqual([RECORD])
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe(`${RECORD} changes only because 1 listed file changed (build-path)`)
    expect(f.evidence).toEqual({ rows: [SO] })
  })

  it('names plain content changes as content, and matches rows of another dist-info version', () => {
    const r = report([modified('pkg-1.0.dist-info/METADATA', { rightPath: 'pkg-1.1.dist-info/METADATA' }), modified(RECORD, { rightPath: 'pkg-1.1.dist-info/RECORD' })], {
      package: packageComparison({ fields: [row('pkg.dist-info/METADATA')] }),
    })
    const [f] = derivedRecordRule.explain(context(r))
    expect(f.cause).toBe('content')
    expect(f.derived).toBe(true)
  })

  it('gives nothing when a changed row belongs to a file that did not change (RECORD lies)', () => {
    const r = report([member('pkg/a.py'), modified(RECORD)], { package: packageComparison({ fields: [row('pkg/a.py')] }) })
    expect(derivedRecordRule.explain(context(r))).toEqual([])
  })

  it('gives nothing when RECORD is already explained, or only its row order differs', () => {
    const r = report([modified(RECORD)], { package: packageComparison({ fields: [field('RECORD', RECORD_ROW_ORDER, [], [], true)] }) })
    expect(derivedRecordRule.explain(context(r))).toEqual([])
    const explained = report([modified(SO), modified(RECORD)], { package: packageComparison({ fields: [row(SO)] }) })
    expect(derivedRecordRule.explain(context(explained, undefined, [earlierFinding('record-order', [RECORD], ['content'])]))).toEqual([])
  })

  it('gives nothing without a modified RECORD', () => {
    expect(derivedRecordRule.explain(context(report([modified(SO), member(RECORD)], { package: packageComparison({ fields: [] }) })))).toEqual([])
  })

  it('derives content-wheel RECORD from content and tool-version-wheel RECORD from tool-version', async () => {
    const derivedOf = async (kind: string) => (await fixtureReport(kind)).findings.filter((f) => f.derived).map((f) => [f.cause, f.members])
    expect(await derivedOf('content-wheel')).toEqual([['content', [RECORD]]])
    expect(await derivedOf('tool-version-wheel')).toEqual([['tool-version', [RECORD]]])
  })

  // Core bug (reported): with rows of several files, the derived finding takes the cause of the first
  // explained one; a file no rule explains (plain content) is then attributed to that cause too.
  it('does not attribute rows of plain content changes to another cause', () => {
    const WHEEL = 'pkg-1.0.dist-info/WHEEL'
    const r = report([modified('pkg/core.py'), modified(WHEEL), modified(RECORD)], { package: packageComparison({ fields: [row('pkg/core.py'), row('pkg.dist-info/WHEEL')] }) })
    const found = derivedRecordRule.explain(context(r, undefined, [earlierFinding('tool-version', [WHEEL], ['content'])]))
    expect(found.map((f) => f.cause)).toContain('content')
  })
})
