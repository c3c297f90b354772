/** ambiguous-format (security): a file that parses as several containers names each reading and the one compared. */
import { describe, expect, it } from 'vitest'
import { explainDifferences } from '../../../../src/core/analyze/explain'
import { ambiguousFormatRule } from '../../../../src/core/analyze/rules/ambiguous-format'
import type { ContainerReading } from '../../../../src/core/types'
import { context, member, report } from '../report-builder'

const readings: ContainerReading[] = [
  { format: 'tar', offset: 0, chosen: false },
  { format: 'zip', offset: 2048, endRecordOffset: 2133, chosen: true },
]
const readingChoice = 'Compared the zip at offset 2048 (end record at offset 2133): the name ends in .whl, and CPython\'s zipfile reads it.'

describe('ambiguous-format rule', () => {
  it('names every reading with its offset, the one compared and why', () => {
    const r = report([member('a')], { right: { name: 'demo.whl', readings, readingChoice } })
    const found = ambiguousFormatRule.explain(context(r))
    expect(found).toHaveLength(1)
    const [f] = found
    expect(f).toMatchObject({ cause: 'ambiguous-format', severity: 'security', members: [], derived: false })
    expect(f.title).toBe(`The right file (demo.whl) is 2 containers at once: tar at offset 0; zip at offset 2048, end record at 2133 (compared). ${readingChoice}`)
    expect(f.evidence).toEqual({ side: 'right', readings, readingChoice })
  })

  it('runs for byte-identical files too (a security rule)', () => {
    const r = report([member('a')], { verdict: 'identical', left: { readings, readingChoice }, right: { readings, readingChoice } })
    const found = explainDifferences(r).filter((f) => f.cause === 'ambiguous-format')
    expect(found.map((f) => f.evidence.side)).toEqual(['left', 'right'])
  })

  it('gives nothing for a file with one reading', () => {
    expect(ambiguousFormatRule.explain(context(report([member('a')])))).toEqual([])
    const one = report([member('a')], { left: { readings: [{ format: 'zip', offset: 0, chosen: true }] } })
    expect(ambiguousFormatRule.explain(context(one))).toEqual([])
  })
})
