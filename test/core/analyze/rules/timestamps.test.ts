/** timestamps: each side classified (tool default, one constant, filesystem times) or a whole-hour shift. */
import { describe, expect, it } from 'vitest'
import { timestampsRule } from '../../../../src/core/analyze/rules/timestamps'
import { context, fixtureReport, findingsOf, member, modified, report, utc } from '../report-builder'

const mtimes = (pairs: [number, number][]) =>
  report(pairs.map(([left, right], i) => member(`pkg/m${i}.py`, { changed: ['mtime'], left: { mtime: left }, right: { mtime: right } })))

describe('timestamps rule', () => {
  it('names SOURCE_DATE_EPOCH for one constant time against filesystem times', () => {
    const epoch = utc(2024, 1, 1)
    const [f] = timestampsRule.explain(context(mtimes([[epoch, epoch + 5], [epoch, epoch + 17], [epoch, epoch + 300]])))
    expect(f.cause).toBe('timestamps')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual(['pkg/m0.py', 'pkg/m1.py', 'pkg/m2.py'])
    expect(f.fields).toContain('mtime')
    expect(f.title).toMatch(/^3 members differ in timestamps only: one constant time, 2024-01-01T00:00:00Z \(as SOURCE_DATE_EPOCH gives\) on the left/)
    expect(f.title).toMatch(/filesystem times \(3 different values\) on the right/)
    expect(f.evidence).toMatchObject({ left: 'constant', right: 'filesystem', leftValue: epoch })
    expect(f.remedy).toMatch(/SOURCE_DATE_EPOCH/)
  })

  it('recognises the 1980-01-01 zip epoch as a tool default', () => {
    const zipEpoch = utc(1980, 1, 1)
    const [f] = timestampsRule.explain(context(mtimes([[zipEpoch, utc(2024, 3, 1, 9)], [zipEpoch, utc(2024, 3, 1, 10)]])))
    expect(f.title).toMatch(/a tool default \(1980-01-01, the zip epoch/)
    expect(f.evidence).toMatchObject({ left: 'tool-default', leftValue: 315532800 })
  })

  it('says both sides pin the time when both are constants', () => {
    const [f] = timestampsRule.explain(context(mtimes([[utc(2024, 1, 1), utc(2024, 2, 1)], [utc(2024, 1, 1), utc(2024, 2, 1)]])))
    expect(f.evidence).toMatchObject({ left: 'constant', right: 'constant' })
    expect(f.remedy).toMatch(/same SOURCE_DATE_EPOCH/)
  })

  it('recognises a constant whole-hour shift as a local-time writer', () => {
    const base = utc(2024, 3, 15, 14, 22, 6)
    const [f] = timestampsRule.explain(context(mtimes([[base, base + 7200], [base + 2, base + 7202], [base + 100, base + 7300]])))
    expect(f.title).toMatch(/every time shifted by 2 h \(a local-time writer\)/)
    expect(f.evidence).toMatchObject({ shiftSeconds: 7200 })
    expect(f.remedy).toMatch(/TZ=UTC/)
  })

  it('does not call a half-hour or a 20-hour offset a time-zone shift', () => {
    const base = utc(2024, 3, 15, 14)
    for (const delta of [1800, 20 * 3600]) {
      const [f] = timestampsRule.explain(context(mtimes([[base, base + delta], [base + 60, base + 60 + delta]])))
      expect(f.title).not.toMatch(/shifted/)
      expect(f.evidence).toMatchObject({ shiftSeconds: null })
    }
  })

  it('drops "only" when some of the members also changed in content', () => {
    const r = report([
      member('a.py', { changed: ['mtime'], left: { mtime: 1 }, right: { mtime: 2 } }),
      modified('b.py', { changed: ['mtime'], left: { mtime: 1 }, right: { mtime: 3 } }),
    ])
    const [f] = timestampsRule.explain(context(r))
    expect(f.title).toMatch(/^2 members differ in timestamps: /)
  })

  it('gives nothing when no mtime differs', () => {
    const r = report([member('a.py', { changed: ['mode'], left: { mtime: 5, mode: 0o100644 }, right: { mtime: 5, mode: 0o100664 } }), member('b.py')])
    expect(timestampsRule.explain(context(r))).toEqual([])
  })

  it('ignores one-sided members', () => {
    const r = report([member('a.py', { right: null, left: { mtime: 5 } }), member('b.py', { left: null, right: { mtime: 9 } })])
    expect(timestampsRule.explain(context(r))).toEqual([])
  })

  it('explains timestamps-shift-wheel as a 2 h shift', async () => {
    const [f, ...rest] = findingsOf(await fixtureReport('timestamps-shift-wheel'), 'timestamps')
    expect(rest).toEqual([])
    expect(f.members).toHaveLength(5)
    expect(f.title).toMatch(/^5 members differ in timestamps only: every time shifted by 2 h/)
  })

  it('explains timestamps-default-wheel as tool default against filesystem times', async () => {
    const [f] = findingsOf(await fixtureReport('timestamps-default-wheel'), 'timestamps')
    expect(f.title).toMatch(/a tool default \(1980-01-01.*\) on the left, filesystem times \(5 different values\) on the right/)
    expect(f.evidence).toMatchObject({ left: 'tool-default', right: 'filesystem', shiftSeconds: null })
  })

  // Core bug (reported): a sub-second pax mtime cannot come from SOURCE_DATE_EPOCH (whole seconds by
  // definition), yet one such value is classified as "one constant time … (as SOURCE_DATE_EPOCH gives)".
  it('does not attribute a sub-second pax mtime to SOURCE_DATE_EPOCH (pax-long-names-sdist)', async () => {
    const [f] = findingsOf(await fixtureReport('pax-long-names-sdist'), 'timestamps')
    expect(f.members).toHaveLength(1)
    expect(f.title).not.toMatch(/SOURCE_DATE_EPOCH/)
  })

  // Issue 7 item 14: a side has "one constant time" only when every member of that side has it.
  it('does not call a side SOURCE_DATE_EPOCH-like when members that do not differ carry other times', () => {
    const epoch = utc(2024, 1, 1)
    const r = report([
      member('pkg/a.py', { changed: ['mtime'], left: { mtime: epoch }, right: { mtime: epoch + 5 } }),
      member('pkg/b.py', { changed: ['mtime'], left: { mtime: epoch }, right: { mtime: epoch + 9 } }),
      member('pkg/c.py', { left: { mtime: epoch + 3600 }, right: { mtime: epoch + 3600 } }),
      member('pkg/d.py', { right: null, left: { mtime: epoch + 7200 } }),
    ])
    const [f] = timestampsRule.explain(context(r))
    expect(f.title).not.toMatch(/SOURCE_DATE_EPOCH/)
    expect(f.evidence).toMatchObject({ left: 'filesystem' })
    expect(f.title).toMatch(/filesystem times \(3 different values; the 2 differing members share 2024-01-01T00:00:00Z\) on the left/)
  })

  it('still says one constant time when every member of the side has it, identical and one-sided members included', () => {
    const epoch = utc(2024, 1, 1)
    const r = report([
      member('pkg/a.py', { changed: ['mtime'], left: { mtime: epoch }, right: { mtime: epoch + 5 } }),
      member('pkg/b.py', { changed: ['mtime'], left: { mtime: epoch }, right: { mtime: epoch + 9 } }),
      member('pkg/c.py', { left: { mtime: epoch }, right: { mtime: epoch } }),
      member('pkg/d.py', { right: null, left: { mtime: epoch } }),
    ])
    const [f] = timestampsRule.explain(context(r))
    expect(f.title).toMatch(/one constant time, 2024-01-01T00:00:00Z \(as SOURCE_DATE_EPOCH gives\) on the left/)
    expect(f.evidence).toMatchObject({ left: 'constant', leftValue: epoch })
  })

  it('does not call a side a tool default when only its differing members carry the default', () => {
    const zipEpoch = utc(1980, 1, 1)
    const r = report([
      member('pkg/a.py', { changed: ['mtime'], left: { mtime: zipEpoch }, right: { mtime: utc(2024, 3, 1, 9) } }),
      member('pkg/b.py', { left: { mtime: utc(2024, 3, 1, 10) }, right: { mtime: utc(2024, 3, 1, 10) } }),
    ])
    const [f] = timestampsRule.explain(context(r))
    expect(f.evidence).toMatchObject({ left: 'filesystem' })
    expect(f.title).not.toMatch(/a tool default/)
  })
})
