/** unsafe-path (security): absolute names, "..", backslashes, drive letters, control characters. */
import { describe, expect, it } from 'vitest'
import { unsafePathRule } from '../../../../src/core/analyze/rules/unsafe-path'
import { context, member, report } from '../report-builder'

const anomaly = { code: 'UNSAFE_PATH', message: 'the name climbs out of the target directory with ..' }

describe('unsafe-path rule', () => {
  it('names the members on both sides', () => {
    const r = report([member('../../etc/cron.d/x', { left: { anomalies: [anomaly] }, right: { anomalies: [anomaly] } }), member('pkg/a.py')])
    const [f] = unsafePathRule.explain(context(r))
    expect(f).toMatchObject({ cause: 'unsafe-path', severity: 'security', members: ['../../etc/cron.d/x'] })
    expect(f.title).toBe('1 member name in both archives could write outside the target directory or mislead: ../../etc/cron.d/x')
    expect(f.remedy).toMatch(/Do not extract/)
  })

  it('gives nothing for ordinary names', () => {
    expect(unsafePathRule.explain(context(report([member('pkg/a.py'), member('pkg/b.py', { left: { anomalies: [{ code: 'ZIP_HEADER_MISMATCH', message: 'x' }] } })])))).toEqual([])
  })
})
