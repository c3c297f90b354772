/** ordering: members in another order; says which side is sorted by name. */
import { describe, expect, it } from 'vitest'
import { orderingRule } from '../../../../src/core/analyze/rules/ordering'
import { context, fixtureReport, findingsOf, member, report } from '../report-builder'

describe('ordering rule', () => {
  it('says which side is sorted by name', () => {
    // left lists a, b, c (sorted); right lists c, a, b
    const r = report([
      member('a', { left: { index: 0 }, right: { index: 1 } }),
      member('b', { left: { index: 1 }, right: { index: 2 } }),
      member('c', { changed: ['order'], left: { index: 2 }, right: { index: 0 } }),
    ])
    const [f] = orderingRule.explain(context(r))
    expect(f.cause).toBe('ordering')
    expect(f.severity).toBe('cause')
    expect(f.members).toEqual(['c'])
    expect(f.fields).toContain('order')
    expect(f.title).toBe('1 member is listed in another order (c); the left side is sorted by name, the other is not')
    expect(f.evidence).toMatchObject({ sortedSides: ['left'], moved: 1 })
    expect(f.remedy).toMatch(/sort/)
  })

  it('says when neither side is sorted', () => {
    const r = report([
      member('b', { changed: ['order'], left: { index: 0 }, right: { index: 2 } }),
      member('c', { left: { index: 1 }, right: { index: 0 } }),
      member('a', { left: { index: 2 }, right: { index: 1 } }),
    ])
    const [f] = orderingRule.explain(context(r))
    expect(f.title).toMatch(/neither side is sorted by name$/)
  })

  it('gives nothing when no member moved', () => {
    expect(orderingRule.explain(context(report([member('a'), member('b', { changed: ['mtime'], left: { mtime: 1 }, right: { mtime: 2 } })])))).toEqual([])
  })

  it('explains order-wheel and order-sdist', async () => {
    const [wheel] = findingsOf(await fixtureReport('order-wheel'), 'ordering')
    expect(wheel.members).toEqual(['pkg/util.py'])
    expect(wheel.title).toMatch(/^1 member is listed in another order \(pkg\/util\.py\)/)
    const [sdist] = findingsOf(await fixtureReport('order-sdist'), 'ordering')
    expect([...sdist.members].sort()).toEqual(['pkg-1.0/PKG-INFO', 'pkg-1.0/setup.py'])
  })
})
