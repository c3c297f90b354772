import { describe, expect, it } from 'vitest'
import type { MemberComparison, Report } from '../../src/core/types-public'
import { analysisOf, applyAnalysis, PART_MEMBERS, ReportAssembler, reportMessages, StringShare } from '../../src/worker/report-parts'

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

describe('the strings of a report shared as it arrives', () => {
  const side = (sha256: string | null, extra: Record<string, unknown> = {}) => ({ index: 0, offset: 0, size: 3, sha256, type: 'file', mtime: 1, compression: 'deflate', crc32: '0000abcd', ...extra })
  const members = [
    { path: 'a.py', leftPath: 'a.py', rightPath: 'a.py', type: 'file', status: 'metadata', changed: ['mtime', 'mode'], left: side('ab'.repeat(32), { nameHex: '612e7079' }), right: side('ab'.repeat(32), { nameHex: '612e7079' }) },
    // Neither side has a name in hex, nor a digest: no key may be added.
    { path: 'd/', leftPath: 'd/', rightPath: 'd/', type: 'dir', status: 'identical', changed: [], left: side(null), right: side(null) },
    { path: 'b.py', leftPath: null, rightPath: 'b.py', type: 'file', status: 'right-only', changed: [], left: null, right: side('cd'.repeat(32)) },
    { path: 'c.py', leftPath: 'c.py', rightPath: 'C.py', type: 'file', status: 'modified', changed: ['crc32'], unread: true, left: side('ef'.repeat(32), { error: { code: 'CRC_MISMATCH', message: 'bad' } }), right: side('01'.repeat(32)) },
  ] as unknown as MemberComparison[]

  it('changes no value and adds no key, whatever the member', () => {
    const arrived = structuredClone(members)
    const share = new StringShare()
    for (const member of arrived) share.member(member)
    expect(arrived).toStrictEqual(members)
    for (const [i, member] of arrived.entries()) {
      for (const s of ['left', 'right'] as const) if (member[s]) expect(Object.keys(member[s]!)).toEqual(Object.keys(members[i][s]!))
    }
  })

  it('leaves a malformed member as it came, without throwing (the views report it)', () => {
    const odd = [{ path: 'x', changed: null, left: 'not an object', right: null }, { path: 'y' }] as unknown as MemberComparison[]
    const arrived = structuredClone(odd)
    const share = new StringShare()
    for (const member of arrived) share.member(member)
    expect(arrived).toStrictEqual(odd)
  })

  it('is applied by the assembler, which still joins the same report', () => {
    const assembler = new ReportAssembler()
    assembler.add(structuredClone(members))
    expect(assembler.finish(reportOf(0)).members).toStrictEqual(members)
  })
})
