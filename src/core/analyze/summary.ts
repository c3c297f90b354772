/**
 * The one-paragraph answer that leads the verdict banner and the CLI summary: the verdict in words,
 * then the causes, most important first, e.g. "Same contents, different packaging: 493 members differ in
 * timestamps only: filesystem times on the left, … on the right". Members whose bytes were not read are named
 * for every verdict but identical; identical files that were not (all) read say so, and why.
 */
import type { Finding, Report, Verdict } from '../types'
import { listPaths, plural } from './rule'

export const VERDICT_WORDS: Record<Verdict, string> = {
  identical: 'Bit-for-bit identical',
  'metadata-only': 'Same contents, different packaging',
  'content-differs': 'Contents differ',
  error: 'Could not compare',
}

const SHOWN_CAUSES = 3
/** Findings about unread members: the summary's own sentence names those members, so they are not repeated. */
const UNREAD_CAUSES = new Set(['unreadable-member', 'limit-exceeded'])

export function summarizeReport(report: Report, findings: Finding[]): string {
  if (report.mode === 'trace' && report.trace) return summarizeTrace(report.trace.line, findings)
  const verdict = VERDICT_WORDS[report.verdict]
  if (report.verdict === 'identical') return summarizeIdentical(report, findings)
  const unread = report.members.filter((member) => member.unread)
  const parts: string[] = []
  if (report.verdict === 'error') {
    parts.push([report.left, report.right].filter((side) => side.error).map((side) => `${side.name}: ${side.error!.message}`).join('; '))
  }
  if (unread.length) parts.push(`${plural(unread.length, 'member')} could not be read: ${listPaths(unread.map((member) => member.path))}`)
  if (report.verdict !== 'error') parts.push(...leadingCauses(findings, unread.length > 0))
  const said = parts.filter(Boolean).join('; ')
  return said ? `${verdict}: ${said}` : verdict
}

/** A source trace leads with its verdict line (src/core/trace/verdict-line.ts), then its security findings. */
function summarizeTrace(line: string, findings: Finding[]): string {
  return [line, ...firstTitles(findings.filter((f) => f.severity === 'security'), 'security finding')].join('; ')
}

/** The first causes, security first, then "and N more causes". */
function leadingCauses(findings: Finding[], unreadNamed: boolean): string[] {
  const security = findings.filter((f) => f.severity === 'security' && !(unreadNamed && UNREAD_CAUSES.has(f.cause)))
  const causes = findings.filter((f) => f.severity === 'cause' && !f.derived)
  return firstTitles([...security, ...causes], 'cause')
}

/** The first SHOWN_CAUSES titles, then "and N more <noun>s". */
function firstTitles(findings: Finding[], noun: string): string[] {
  const shown = findings.slice(0, SHOWN_CAUSES).map((f) => f.title)
  const more = findings.length - shown.length
  return more > 0 ? [...shown, `and ${more} more ${noun}${more === 1 ? '' : 's'}`] : shown
}

/**
 * Equal SHA-256 settles the verdict; when a side could not be read (an unsupported format, a cut) or some
 * members were not (encrypted), the summary says their contents were not inspected, and why, in one sentence.
 */
function summarizeIdentical(report: Report, findings: Finding[]): string {
  const headline = `${VERDICT_WORDS.identical}: both files have SHA-256 ${report.left.sha256}`
  const reasons = notInspectedReasons(report)
  const said = reasons.length ? `${headline}; their contents were not inspected (${reasons.join('; ')})` : headline
  // Equal bytes can still be hostile bytes (the CLI exits 1 then): the headline must not read as all clear.
  const hostile = leadingCauses(findings.filter((f) => f.severity === 'security'), reasons.length > 0)
  return hostile.length ? `${said}; but both hold what a reviewer must see: ${hostile.join('; ')}` : said
}

function notInspectedReasons(report: Report): string[] {
  const [left, right] = [report.left.error, report.right.error]
  // Both sides hold the same bytes: the second error only adds something when it is another kind of failure.
  if (left || right) return left && right && left.code !== right.code ? [left.message, right.message] : [(left ?? right)!.message]
  const messages = new Set<string>()
  for (const member of report.members) {
    if (!member.unread) continue
    const error = member.left?.error ?? member.right?.error
    messages.add(error ? error.message : `${member.path} was not read`)
  }
  const list = [...messages]
  return list.length > 2 ? [...list.slice(0, 2), `and ${list.length - 2} more`] : list
}
