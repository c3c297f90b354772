/**
 * Puts where each side came from into a report made from local files (the page's workers and the CLI's read
 * files; the sources were checked before) and adds the digest-mismatch finding at the top, security first, as
 * the rule registry would. Idempotent: a report that already has the finding keeps one.
 */
import { digestMismatchRule } from '../analyze/rules/digest-mismatch'
import { summarizeReport } from '../analyze/summary'
import type { Report, Side } from '../types'
import type { SideSource } from './load-source'

export function withSources(report: Report, sources: Partial<Record<Side, SideSource | null>>): Report {
  // The same source objects give back the same report (the page re-applies them on every store change).
  const left = sources.left && sources.left !== report.left.source ? { ...report.left, source: sources.left } : report.left
  const right = sources.right && sources.right !== report.right.source ? { ...report.right, source: sources.right } : report.right
  if (left === report.left && right === report.right) return report
  const sourced: Report = { ...report, left, right }
  const added = digestMismatchRule.explain({ report: sourced, evidence: { left: {}, right: {} }, earlier: [] })
  const others = report.findings.filter((f) => f.cause !== digestMismatchRule.cause)
  if (added.length === 0 && others.length === report.findings.length) return sourced
  const findings = [...added, ...others]
  return { ...sourced, findings, summary: summarizeReport(sourced, findings) }
}
