/**
 * A report crosses from the worker to the page in parts: its members in slices of `PART_MEMBERS`, then the rest of
 * the report with no members. One structured clone of a 200,000-member report was a 2.7 s task on the page's main
 * thread (docs/performance.md); each slice is its own message, so the page stays responsive between them.
 */
import type { MemberComparison, Report } from '../core/types-public'

/** Members per message: a few tens of milliseconds to clone and to receive. */
export const PART_MEMBERS = 5000

export type ReportMessage =
  | { type: 'report-part'; requestId: number; members: MemberComparison[] }
  | { type: 'report'; requestId: number; report: Report; inParts: true }
  | { type: 'analysis'; requestId: number; analysis: Analysis }

/**
 * What explaining adds to a report the page already holds: the report without its members (findings, summary), and
 * the members the analysis replaced (a binary comparison added), by index. The other members are the page's own
 * copies, so a 200,000-member report does not cross a second time, nor sit twice in the page's memory.
 */
export interface Analysis {
  report: Report
  replaced: { index: number; member: MemberComparison }[]
}

/**
 * The analysis of `compared` as `analyzed` (core analyzeReport, which returns a new object for each member it
 * changes and never changes one in place: test/worker/analysis-fixtures.test.ts).
 */
export function analysisOf(compared: Report, analyzed: Report): Analysis {
  if (analyzed.members.length !== compared.members.length) throw new Error('The analysis changed the number of members')
  const replaced: Analysis['replaced'] = []
  analyzed.members.forEach((member, index) => {
    if (member !== compared.members[index]) replaced.push({ index, member })
  })
  return { report: { ...analyzed, members: [] }, replaced }
}

/** The analysed report from the compared one the page holds (left as it is) and the analysis of it. */
export function applyAnalysis(compared: Report, analysis: Analysis): Report {
  const members = compared.members.slice()
  for (const { index, member } of analysis.replaced) members[index] = member
  return { ...analysis.report, members }
}

export function reportMessages(requestId: number, report: Report): ReportMessage[] {
  const messages: ReportMessage[] = []
  for (let at = 0; at < report.members.length; at += PART_MEMBERS) {
    messages.push({ type: 'report-part', requestId, members: report.members.slice(at, at + PART_MEMBERS) })
  }
  messages.push({ type: 'report', requestId, report: { ...report, members: [] }, inParts: true })
  return messages
}

/** Joins the parts of one report as they arrive, in order (messages on one port keep their order). */
export class ReportAssembler {
  private readonly members: MemberComparison[] = []

  add(part: MemberComparison[]): void {
    // A loop, not push(...part): no argument list as long as a part.
    for (const member of part) this.members.push(member)
  }

  finish(report: Report): Report {
    return { ...report, members: this.members }
  }
}
