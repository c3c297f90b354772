/**
 * What every export says, computed once from a Report so the Markdown, the HTML and the copied summary can
 * never disagree: the verdict, each side's identity and digest, the causes with their evidence and remedy, the
 * archive fields and the members that are not identical. Plain text, not yet escaped: each renderer escapes for
 * its format (escape.ts). Deterministic: the same report gives the same model (no time, no locale).
 */
import { VERDICT_WORDS } from '../analyze/summary'
import { formatMetaValue } from '../format'
import { formatBytes } from '../limits'
import type { ArtifactSummary, Finding, MemberComparison, MemberStatus, Report } from '../types'

/** One glyph per status, as the CLI summary marks them (src/cli/summary.ts), so every text output reads alike. */
export const STATUS_MARKS: Record<MemberStatus, string> = {
  identical: '=', metadata: 'M', modified: '≠', 'left-only': '-', 'right-only': '+',
}

export const STATUS_WORDS: Record<MemberStatus, string> = {
  identical: 'identical', metadata: 'metadata only', modified: 'modified', 'left-only': 'only left', 'right-only': 'only right',
}

export interface SideModel {
  label: 'left' | 'right'
  name: string
  size: string
  format: string
  sha256: string
  memberCount: number
  error: string | null
}

export interface EvidenceLine {
  label: string
  value: string
}

export interface CauseModel {
  cause: string
  title: string
  severity: Finding['severity']
  derived: boolean
  remedy: string
  evidence: EvidenceLine[]
  members: string[]
}

export interface MemberRow {
  mark: string
  status: string
  path: string
  changed: string
  left: string
  right: string
  note: string
}

export interface ExportModel {
  schema: string
  verdict: Report['verdict']
  verdictWords: string
  summary: string
  sides: [SideModel, SideModel]
  counts: string
  causes: CauseModel[]
  securityCount: number
  archive: EvidenceLine[]
  members: MemberRow[]
}

/** A value in evidence kept to this many characters: evidence can hold whole string lists. */
const MAX_VALUE_CHARACTERS = 500
/** Items of one evidence list shown; the rest are counted. */
const MAX_LIST_ITEMS = 20

function side(label: 'left' | 'right', summary: ArtifactSummary): SideModel {
  return {
    label,
    name: summary.name,
    size: `${formatBytes(summary.size)} (${summary.size} bytes)`,
    format: summary.format ?? 'unknown format',
    sha256: summary.sha256 ?? 'not computed',
    memberCount: summary.memberCount,
    error: summary.error ? `${summary.error.code}: ${summary.error.message}` : null,
  }
}

const clip = (text: string) => (text.length > MAX_VALUE_CHARACTERS ? `${text.slice(0, MAX_VALUE_CHARACTERS)}… (${text.length} characters)` : text)

/**
 * The meta field a bare left/right number is, by cause, so a time reads as a time and a mode as a mode (as the
 * page's evidence shows them, src/ui/evidence.ts).
 */
const VALUE_FIELD: Record<string, string> = { timestamps: 'mtime', permissions: 'mode' }
const SIDE_KEYS = new Set(['left', 'right', 'leftValue', 'rightValue'])

const scalar = (value: unknown, field: string | undefined) =>
  typeof value === 'number' && field ? formatMetaValue(field, value) : String(value)

/** A scalar, or a small object as `key: value · key: value` (one level; deeper parts as compact JSON). */
function evidenceItem(value: unknown, field?: string): string {
  if (value === null || value === undefined) return 'none'
  if (typeof value !== 'object') return scalar(value, field)
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join(', ')
  return Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => {
      const item = (value as Record<string, unknown>)[key]
      const shown = typeof item === 'object' && item !== null ? (Array.isArray(item) ? item.join(', ') : JSON.stringify(item)) : scalar(item, SIDE_KEYS.has(key) ? field : undefined)
      return `${key}: ${shown}`
    })
    .join(' · ')
}

/** One evidence value as one line of text (lists capped, each item and the whole clipped). */
export function evidenceValue(value: unknown, field?: string): string {
  if (!Array.isArray(value)) return clip(evidenceItem(value, field))
  if (value.length === 0) return 'none'
  const shown = value.slice(0, MAX_LIST_ITEMS).map((item) => clip(evidenceItem(item, field)))
  const more = value.length > MAX_LIST_ITEMS ? ` … and ${value.length - MAX_LIST_ITEMS} more` : ''
  // Items of objects are told apart by a semicolon; plain items by a comma.
  return clip(shown.join(value.some((item) => typeof item === 'object' && item !== null) ? '; ' : ', ')) + more
}

function cause(finding: Finding): CauseModel {
  return {
    cause: finding.cause,
    title: finding.title,
    severity: finding.severity,
    derived: finding.derived,
    remedy: finding.remedy,
    evidence: Object.keys(finding.evidence).map((key) => {
      const value = finding.evidence[key]
      const field = VALUE_FIELD[finding.cause]
      // A bare side value (`left: 1704067200`) or a list of examples (`{ path, left, right }`) is in the cause's field.
      return { label: key, value: evidenceValue(value, SIDE_KEYS.has(key) || Array.isArray(value) ? field : undefined) }
    }),
    members: finding.members,
  }
}

const sizeOf = (member: MemberComparison, which: 'left' | 'right') => {
  const report = member[which]
  return report ? `${report.size} B${report.sha256 ? ` sha256 ${report.sha256.slice(0, 12)}…` : ''}` : '—'
}

function memberNote(member: MemberComparison): string {
  const error = member.left?.error ?? member.right?.error
  const notes: string[] = []
  if (member.unread) notes.push('unread')
  if (error) notes.push(`${error.code}: ${error.message}`)
  if (member.renamedTo) notes.push(`renamed to ${member.renamedTo}`)
  if (member.renamedFrom) notes.push(`renamed from ${member.renamedFrom}`)
  if (member.leftPath && member.rightPath && member.leftPath !== member.rightPath) notes.push(`right: ${member.rightPath}`)
  return notes.join('; ')
}

/** Every member that is not identical, and identical ones with an error or unread (never counted as the same). */
export function differingMembers(report: Report): MemberComparison[] {
  return report.members.filter((member) => member.status !== 'identical' || member.unread || member.left?.error || member.right?.error)
}

function memberRow(member: MemberComparison): MemberRow {
  return {
    mark: STATUS_MARKS[member.status],
    status: STATUS_WORDS[member.status],
    path: member.path,
    changed: member.changed.join(', '),
    left: sizeOf(member, 'left'),
    right: sizeOf(member, 'right'),
    note: memberNote(member),
  }
}

export function exportModel(report: Report): ExportModel {
  const { counts } = report
  return {
    schema: report.schema,
    verdict: report.verdict,
    verdictWords: VERDICT_WORDS[report.verdict],
    summary: report.summary,
    sides: [side('left', report.left), side('right', report.right)],
    counts: `${counts.identical} identical, ${counts.metadata} metadata only, ${counts.modified} modified, ${counts['left-only']} only left, ${counts['right-only']} only right`,
    causes: report.findings.map(cause),
    securityCount: report.findings.filter((finding) => finding.severity === 'security').length,
    archive: report.archive.map((d) => ({ label: d.field, value: `${formatMetaValue(d.field, d.left)} → ${formatMetaValue(d.field, d.right)}` })),
    members: differingMembers(report).map(memberRow),
  }
}
