/**
 * Pure views of the report's findings for the page: a stable id per finding (the store's cause filter
 * holds one), the causes that lead the banner, the findings that concern one member or one archive
 * field. No React, no DOM: tested in Node.
 */
import type { Finding, MemberComparison } from '../core/types-public'

export interface IndexedFinding {
  /** The cause, suffixed `#2`, `#3`… when a cause occurs again (a derived RECORD finding, a per-side security finding). */
  id: string
  finding: Finding
}

/** The findings with their ids, in report order (security first, derived last, as the core sorts them). */
export function indexFindings(findings: readonly Finding[]): IndexedFinding[] {
  const seen = new Map<string, number>()
  return findings.map((finding) => {
    const count = (seen.get(finding.cause) ?? 0) + 1
    seen.set(finding.cause, count)
    return { id: count === 1 ? finding.cause : `${finding.cause}#${count}`, finding }
  })
}

export function findFinding(findings: readonly Finding[], id: string | null): IndexedFinding | undefined {
  return id === null ? undefined : indexFindings(findings).find((entry) => entry.id === id)
}

/**
 * The member paths the cause filter keeps, or null when no filter applies. An id that is no longer in
 * the report (a new comparison) filters nothing rather than hiding every member.
 */
export function causeMemberPaths(findings: readonly Finding[], id: string | null): ReadonlySet<string> | null {
  const entry = findFinding(findings, id)
  return entry ? new Set(entry.finding.members) : null
}

const rank = ({ finding }: IndexedFinding) => (finding.derived ? 2 : finding.severity === 'security' ? 0 : 1)

/**
 * Security findings first, then causes, derived ones last, each group in report order. The core sorts them so
 * already; the page does not rely on it, because a security finding a newer rule appends must never sink
 * below the reproducibility nuances.
 */
export function orderFindings(entries: readonly IndexedFinding[]): IndexedFinding[] {
  return entries.map((entry, position) => ({ entry, position }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.position - b.position)
    .map(({ entry }) => entry)
}

/** What the banner lists: the first `limit` causes that are not derived (security ones come first), and how many more. */
export function leadingCauses(findings: readonly Finding[], limit = 3): { shown: IndexedFinding[]; more: number } {
  const primary = orderFindings(indexFindings(findings)).filter((entry) => !entry.finding.derived)
  return { shown: primary.slice(0, limit), more: Math.max(0, primary.length - limit) }
}

/** The findings whose members include this path: why the selected member differs. */
export function findingsForMember(findings: readonly Finding[], path: string): IndexedFinding[] {
  return indexFindings(findings).filter((entry) => entry.finding.members.includes(path))
}

/** Cause ids by member path, for a quick look-up while rendering many tree rows. */
export function causesByMember(findings: readonly Finding[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>()
  for (const { finding } of indexFindings(findings)) {
    for (const path of finding.members) {
      const causes = byPath.get(path) ?? []
      if (!causes.includes(finding.cause)) causes.push(finding.cause)
      byPath.set(path, causes)
    }
  }
  return byPath
}

const CONTENT = 'content'

/**
 * Which of this member's differences the finding explains: its `fields` that the member has in
 * `changed`, plus "content" when the member's bytes differ. A cause without `fields` explains content;
 * a security finding without them explains nothing, it warns.
 */
export function explainedFields(finding: Finding, member: MemberComparison): string[] {
  const fields = finding.fields ?? (finding.severity === 'cause' ? [CONTENT] : [])
  const contentDiffers = member.status === 'modified' || member.status === 'left-only' || member.status === 'right-only'
  return fields.filter((field) => (field === CONTENT ? contentDiffers : member.changed.includes(field)))
}

/** The first non-derived finding that explains an archive-level field (gzip.mtime, order, …). */
export function findingForArchiveField(findings: readonly Finding[], field: string): IndexedFinding | undefined {
  return indexFindings(findings).find((entry) => !entry.finding.derived && entry.finding.fields?.includes(field))
}

/** For a derived finding, the non-derived finding of the same cause it follows from, when the report has one. */
export function sourceOfDerived(findings: readonly Finding[], id: string): IndexedFinding | undefined {
  const entries = indexFindings(findings)
  const derived = entries.find((entry) => entry.id === id)
  if (!derived?.finding.derived) return undefined
  return entries.find((entry) => !entry.finding.derived && entry.finding.cause === derived.finding.cause)
}
