/** zip-header-mismatch (security): a zip local header disagrees with its central directory entry. */
import { describe, expect, it } from 'vitest'
import { zipHeaderMismatchRule } from '../../../../src/core/analyze/rules/zip-header-mismatch'
import { context, fixtureReport, findingsOf, member, report } from '../report-builder'

const MISMATCH = { code: 'ZIP_HEADER_MISMATCH', message: 'The local header at offset 179 disagrees with the central directory on compression method' }

describe('zip-header-mismatch rule', () => {
  it('names the side, the members and the messages', () => {
    const r = report([member('pkg/a.py', { right: { anomalies: [MISMATCH] } }), member('pkg/b.py', { right: { anomalies: [MISMATCH] } }), member('pkg/c.py')])
    const found = zipHeaderMismatchRule.explain(context(r))
    expect(found).toHaveLength(1)
    const [f] = found
    expect(f.cause).toBe('zip-header-mismatch')
    expect(f.severity).toBe('security')
    expect(f.members).toEqual(['pkg/a.py', 'pkg/b.py'])
    expect(f.title).toBe('In the right zip, 2 local headers disagree with the central directory (pkg/a.py, pkg/b.py): tools that read one or the other see different files')
    expect(f.evidence).toEqual({ side: 'right', messages: [MISMATCH.message, MISMATCH.message] })
    expect(f.remedy).toMatch(/suspicious/)
  })

  it('gives nothing without that anomaly', () => {
    const other = { code: 'NAME_ENCODING', message: 'x' }
    expect(zipHeaderMismatchRule.explain(context(report([member('a', { left: { anomalies: [other] } }), member('b')])))).toEqual([])
  })

  it('flags local-header-mismatch-wheel: method and flags of pkg/core.py, and nothing else', async () => {
    const r = await fixtureReport('local-header-mismatch-wheel')
    const [f] = findingsOf(r, 'zip-header-mismatch')
    expect(f.members).toEqual(['pkg/core.py'])
    expect(f.evidence).toMatchObject({ side: 'right' })
    expect((f.evidence.messages as string[])[0]).toMatch(/flags, compression method/)
    expect(r.findings.map((x) => x.cause)).toEqual(['zip-header-mismatch'])
  })

  // Core bug (reported): the verb does not agree with a count of one ("1 local header disagree").
  it('says "1 local header disagrees" for one member', () => {
    const [f] = zipHeaderMismatchRule.explain(context(report([member('pkg/a.py', { left: { anomalies: [MISMATCH] } })])))
    expect(f.title).toMatch(/^In the left zip, 1 local header disagrees with the central directory/)
  })

  it('lists every disagreeing record of a member: its local header and its data descriptor', () => {
    const descriptor = { code: 'ZIP_HEADER_MISMATCH', message: 'The data descriptor at offset 420 disagrees with the central directory on CRC-32', offset: 420 }
    const [f] = zipHeaderMismatchRule.explain(context(report([member('pkg/a.py', { left: { anomalies: [MISMATCH, descriptor] } })])))
    expect(f.members).toEqual(['pkg/a.py'])
    expect(f.evidence).toEqual({ side: 'left', messages: [MISMATCH.message, descriptor.message] })
    expect(f.title).toMatch(/^In the left zip, the local headers and data descriptors of 1 member disagree with the central directory/)
  })

  it('says "data descriptor" when only data descriptors disagree', () => {
    const descriptor = { code: 'ZIP_HEADER_MISMATCH', message: 'The data descriptor at offset 420 disagrees with the central directory on CRC-32', offset: 420 }
    const [f] = zipHeaderMismatchRule.explain(context(report([member('pkg/a.py', { right: { anomalies: [descriptor] } })])))
    expect(f.title).toMatch(/^In the right zip, 1 data descriptor disagrees with the central directory \(pkg\/a\.py\)/)
  })
})
