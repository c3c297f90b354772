/**
 * A report crosses from the worker to the page in parts: its members in slices of `PART_MEMBERS`, then the rest of
 * the report with no members. One structured clone of a 200,000-member report was a 2.7 s task on the page's main
 * thread (docs/performance.md); each slice is its own message, so the page stays responsive between them.
 */
import type { MemberComparison, MemberSideReport, Report } from '../core/types-public'

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

/** Strings up to this length are shared through `StringShare` (statuses, field names, methods, small values). */
const SHARED_LENGTH = 24

/**
 * A structured clone copies every string it meets: each member arrives with its own "metadata", "file", "mtime",
 * "deflate", and a path, digest and name in hex written again for each side. The values are the same strings, so
 * the page keeps one of each (a string never changes: sharing it changes no value). About a third of a member.
 */
export class StringShare {
  private readonly seen = new Map<string, string>()

  /** Shares what it can and leaves anything else as it came: a malformed member is for the views to report. */
  member(member: MemberComparison): void {
    if (typeof member.type === 'string') member.type = this.small(member.type)
    if (typeof member.status === 'string') member.status = this.small(member.status)
    const changed = member.changed as unknown
    if (Array.isArray(changed)) for (let i = 0; i < changed.length; i++) if (typeof changed[i] === 'string') changed[i] = this.small(changed[i])
    if (member.leftPath === member.path) member.leftPath = member.path
    if (member.rightPath === member.path) member.rightPath = member.path
    if (member.left && typeof member.left === 'object') this.side(member.left)
    if (member.right && typeof member.right === 'object') this.side(member.right)
    const { left, right } = member
    // Only strings, and only where both sides have one: no key is ever added to a side.
    if (left && right) {
      if (typeof left.sha256 === 'string' && left.sha256 === right.sha256) right.sha256 = left.sha256
      if (typeof left.nameHex === 'string' && left.nameHex === right.nameHex) right.nameHex = left.nameHex
    }
  }

  private side(side: MemberSideReport): void {
    for (const field of Object.keys(side)) {
      const value = side[field]
      if (typeof value === 'string' && value.length <= SHARED_LENGTH) side[field] = this.small(value)
    }
  }

  private small<T extends string>(value: T): T {
    const known = this.seen.get(value)
    if (known !== undefined) return known as T
    this.seen.set(value, value)
    return value
  }
}

/** Joins the parts of one report as they arrive, in order (messages on one port keep their order). */
export class ReportAssembler {
  private readonly members: MemberComparison[] = []
  private readonly strings = new StringShare()

  add(part: MemberComparison[]): void {
    // A loop, not push(...part): no argument list as long as a part.
    for (const member of part) {
      this.strings.member(member)
      this.members.push(member)
    }
  }

  finish(report: Report): Report {
    return { ...report, members: this.members }
  }
}
