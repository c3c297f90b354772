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
