/**
 * The one-paragraph answer that leads the verdict banner and the CLI summary: the verdict in words,
 * then the causes, most important first, e.g. "Same contents, different packaging: 493 members differ in
 * timestamps only: filesystem times on the left, … on the right".
 */
import type { Finding, Report, Verdict } from '../types'

export const VERDICT_WORDS: Record<Verdict, string> = {
  identical: 'Bit-for-bit identical',
  'metadata-only': 'Same contents, different packaging',
  'content-differs': 'Contents differ',
  error: 'Could not compare',
}

const SHOWN_CAUSES = 3

export function summarizeReport(report: Report, findings: Finding[]): string {
  const verdict = VERDICT_WORDS[report.verdict]
  if (report.verdict === 'error') {
    const reasons = [report.left, report.right].filter((side) => side.error).map((side) => `${side.name}: ${side.error!.message}`)
    return `${verdict}: ${reasons.join('; ')}`
  }
  if (report.verdict === 'identical') return `${verdict}: both files have SHA-256 ${report.left.sha256}`
  const security = findings.filter((f) => f.severity === 'security')
  const causes = findings.filter((f) => f.severity === 'cause' && !f.derived)
  const shown = [...security, ...causes].slice(0, SHOWN_CAUSES).map((f) => f.title)
  const more = security.length + causes.length - shown.length
  return `${verdict}: ${shown.join('; ')}${more > 0 ? `; and ${more} more cause${more === 1 ? '' : 's'}` : ''}`
}
