/** duplicate-name (security): the same name twice in one archive, paired as name#2. */
import { describe, expect, it } from 'vitest'
import { duplicateNameRule } from '../../../../src/core/analyze/rules/duplicate-name'
import { context, fixtureReport, findingsOf, member, report } from '../report-builder'

describe('duplicate-name rule', () => {
  it('names the side and the repeated name', () => {
    // pairing keys pkg/core.py and pkg/core.py#2; both right copies have the real path pkg/core.py
    const r = report([member('pkg/__init__.py'), member('pkg/core.py'), member('pkg/core.py', { left: null })])
    const found = duplicateNameRule.explain(context(r))
    expect(found).toHaveLength(1)
    const [f] = found
    expect(f.cause).toBe('duplicate-name')
    expect(f.severity).toBe('security')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual(['pkg/core.py'])
    expect(f.title).toBe('The right archive holds the same name more than once: pkg/core.py; each copy is shown (as name#2, …)')
    expect(f.evidence).toEqual({ side: 'right', names: ['pkg/core.py'] })
  })

  it('gives nothing when every name occurs once per side', () => {
    // the same name on both sides (paired) and a left-only name that is a right-only name elsewhere
    const r = report([member('a.py'), member('b.py', { right: null }), member('c.py', { left: null, rightPath: 'b.py' })])
    expect(duplicateNameRule.explain(context(r))).toEqual([])
  })

  it('flags duplicate-name-wheel on the right, before the other findings', async () => {
    const r = await fixtureReport('duplicate-name-wheel')
    const [f] = findingsOf(r, 'duplicate-name')
    expect(f.evidence).toEqual({ side: 'right', names: ['pkg/core.py'] })
    expect(r.findings[0].cause).toBe('duplicate-name')
    expect(r.members.filter((m) => m.rightPath === 'pkg/core.py').map((m) => m.status)).toEqual(['identical', 'right-only'])
  })
})
