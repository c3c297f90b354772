/** name-encoding (security): invalid UTF-8 names, or non-ASCII zip names without the UTF-8 flag. */
import { describe, expect, it } from 'vitest'
import { nameEncodingRule } from '../../../../src/core/analyze/rules/name-encoding'
import { context, member, report } from '../report-builder'

const anomaly = { code: 'NAME_ENCODING', message: 'non-ASCII name without the UTF-8 flag (read as CP437)' }

describe('name-encoding rule', () => {
  it('names the members and the side', () => {
    const r = report([member('pkg/caf\u00e9.py', { right: { anomalies: [anomaly] } }), member('pkg/a.py')])
    const [f] = nameEncodingRule.explain(context(r))
    expect(f).toMatchObject({ cause: 'name-encoding', severity: 'security', members: ['pkg/caf\u00e9.py'] })
    expect(f.title).toBe('1 member name in the right archive has an ambiguous encoding: pkg/caf\u00e9.py')
  })

  it('gives nothing without that anomaly', () => {
    expect(nameEncodingRule.explain(context(report([member('a', { left: { anomalies: [{ code: 'UNSAFE_PATH', message: 'x' }] } })])))).toEqual([])
  })
})
