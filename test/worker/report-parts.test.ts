import { describe, expect, it } from 'vitest'
import type { MemberComparison, Report } from '../../src/core/types-public'
import { analysisOf, applyAnalysis, PART_MEMBERS, ReportAssembler, reportMessages } from '../../src/worker/report-parts'

const member = (index: number) => ({ path: `pkg/m${index}.py`, status: 'modified' }) as unknown as MemberComparison
const reportOf = (count: number) => ({ schema: 'reprodiff-report/2', verdict: 'different', summary: 'two builds', members: Array.from({ length: count }, (_, i) => member(i)) }) as unknown as Report

describe('a report in parts', () => {
  it.each([0, 1, PART_MEMBERS, PART_MEMBERS + 1, 3 * PART_MEMBERS + 7])('%i members: parts of at most PART_MEMBERS, then the rest, joined back to the same report', (count) => {
    const report = reportOf(count)
    const messages = reportMessages(7, report)
    const parts = messages.filter((message) => message.type === 'report-part')
    expect(parts).toHaveLength(Math.ceil(count / PART_MEMBERS))
    for (const part of parts) expect(part.members.length).toBeLessThanOrEqual(PART_MEMBERS)
    const last = messages[messages.length - 1]
    expect(last.type).toBe('report')
    // The last message carries no members: they all travelled in the parts.
    if (last.type === 'report') expect(last.report.members).toEqual([])
    const assembler = new ReportAssembler()
    for (const part of parts) assembler.add(part.members)
    expect(last.type === 'report' && assembler.finish(last.report)).toEqual(report)
  })

  it('joins 500,000 members without a call argument list as long as a part list', () => {
    const assembler = new ReportAssembler()
    const part = Array.from({ length: 250_000 }, (_, i) => member(i))
    assembler.add(part)
    assembler.add(part)
    expect(assembler.finish(reportOf(0)).members).toHaveLength(500_000)
  })
})

describe('an analysis of a report the page holds', () => {
  const compared = reportOf(12)
  const binary = { format: 'elf', sections: [] } as unknown as MemberComparison['binary']
  const analyzed = {
    ...compared,
    findings: [{ cause: 'timestamps', title: 'mtimes differ', members: ['pkg/m1.py'] }],
    summary: 'two builds; the timestamps differ',
    members: compared.members.map((member, i) => (i === 3 || i === 11 ? { ...member, binary } : member)),
  } as unknown as Report

  it('carries the findings and summary and only the members the analysis replaced, by index', () => {
    const analysis = analysisOf(compared, analyzed)
    expect(analysis.report.members).toEqual([])
    expect(analysis.report.findings).toEqual(analyzed.findings)
    expect(analysis.replaced.map(({ index }) => index)).toEqual([3, 11])
  })

  it('rebuilds the analysed report from the page\'s own copy, after both crossed a structured clone', () => {
    const pageCopy = structuredClone(compared)
    const explained = applyAnalysis(pageCopy, structuredClone(analysisOf(compared, analyzed)))
    expect(explained).toEqual(analyzed)
    // The page's compared report is left as it was (it may still be shown).
    expect(pageCopy).toEqual(compared)
  })

  it('refuses an analysis that changed the number of members', () => {
    expect(() => analysisOf(compared, { ...analyzed, members: analyzed.members.slice(1) })).toThrow(/number of members/)
  })
})
