/** case-collision (security): names that differ only in case or Unicode normalisation. */
import { describe, expect, it } from 'vitest'
import { caseCollisionRule } from '../../../../src/core/analyze/rules/case-collision'
import { context, member, report } from '../report-builder'

describe('case-collision rule', () => {
  it('groups names equal up to case and NFC/NFD, per side', () => {
    const nfc = 'pkg/caf\u00e9.py'
    const nfd = 'pkg/cafe\u0301.py'
    const r = report([member('pkg/README'), member('pkg/readme', { right: null }), member(nfc, { left: null }), member(nfd, { left: null }), member('pkg/other.py')])
    const found = caseCollisionRule.explain(context(r))
    expect(found.map((f) => f.evidence.side)).toEqual(['left', 'right'])
    expect(found[0]).toMatchObject({ cause: 'case-collision', severity: 'security', members: ['pkg/README', 'pkg/readme'] })
    expect(found[0].title).toMatch(/^In the left archive, names collide on case-insensitive or normalising file systems: pkg\/README, pkg\/readme$/)
    expect(found[1].members).toEqual([nfc, nfd])
  })

  it('gives nothing for distinct names, or one name on each side', () => {
    const r = report([member('pkg/README', { right: null }), member('pkg/readme', { left: null }), member('pkg/read_me')])
    expect(caseCollisionRule.explain(context(r))).toEqual([])
  })
})
