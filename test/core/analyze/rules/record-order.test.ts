/** record-order: RECORD lists the same rows in another order. */
import { describe, expect, it } from 'vitest'
import { recordOrderRule } from '../../../../src/core/analyze/rules/record-order'
import { RECORD_ROW_ORDER } from '../../../../src/core/index'
import { context, field, fixtureReport, findingsOf, member, modified, packageComparison, report } from '../report-builder'

const RECORD = 'pkg-1.0.dist-info/RECORD'

describe('record-order rule', () => {
  it('explains a RECORD whose rows differ only in order', () => {
    const r = report([member('pkg/a.py'), modified(RECORD)], { package: packageComparison({ fields: [field('RECORD', RECORD_ROW_ORDER, [], [], true)] }) })
    const [f] = recordOrderRule.explain(context(r))
    expect(f.cause).toBe('record-order')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual([RECORD])
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe('RECORD lists its rows in another order (its rows are otherwise the same)')
  })

  it('names the order but leaves RECORD to other rules when rows differ too', () => {
    const r = report([modified('pkg/a.py'), modified(RECORD)], {
      package: packageComparison({ fields: [field('RECORD', 'pkg/a.py', ['sha256=x,1'], ['sha256=y,1']), field('RECORD', RECORD_ROW_ORDER, [], [], true)] }),
    })
    const [f] = recordOrderRule.explain(context(r))
    expect(f.members).toEqual([])
    expect(f.title).toBe('RECORD lists its rows in another order')
  })

  it('gives nothing when the row order is the same', () => {
    const r = report([modified('pkg/a.py'), modified(RECORD)], { package: packageComparison({ fields: [field('RECORD', 'pkg/a.py', ['sha256=x,1'], ['sha256=y,1'])] }) })
    expect(recordOrderRule.explain(context(r))).toEqual([])
    expect(recordOrderRule.explain(context(report([modified('x')])))).toEqual([])
  })

  it('explains record-order-wheel alone', async () => {
    const r = await fixtureReport('record-order-wheel')
    expect(r.findings.map((f) => f.cause)).toEqual(['record-order'])
    expect(findingsOf(r, 'record-order')[0].members).toEqual([RECORD])
  })
})
