/**
 * A saved JSON report (the JSON export, or `reprodiff --json`) read back for browsing without the artefacts.
 * It comes from a file the user drops, so it is checked before the page trusts its shape: the schema first
 * (a report of another version is refused, naming both versions), then the parts the page reads.
 */
import { REPORT_SCHEMA } from '../core/index'
import type { Report } from '../core/types-public'

export type SavedReportResult = { ok: true; report: Report } | { ok: false; message: string }

const VERDICTS = new Set(['identical', 'metadata-only', 'content-differs', 'error'])
const STATUSES = new Set(['identical', 'metadata', 'modified', 'left-only', 'right-only'])

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The first part of the report the page could not read, or null when its shape is sound. */
function shapeProblem(value: Record<string, unknown>): string | null {
  if (typeof value.verdict !== 'string' || !VERDICTS.has(value.verdict)) return 'its verdict is missing or unknown'
  for (const side of ['left', 'right']) {
    const summary = value[side]
    if (!isObject(summary) || typeof summary.name !== 'string' || typeof summary.size !== 'number') return `its ${side} side is missing or malformed`
  }
  if (!Array.isArray(value.members)) return 'it has no member list'
  // A loop, not every(): 500,000 members, each checked once.
  for (let i = 0; i < value.members.length; i++) {
    const member: unknown = value.members[i]
    if (!isObject(member) || typeof member.path !== 'string' || typeof member.status !== 'string' || !STATUSES.has(member.status) || !Array.isArray(member.changed)) {
      return `member ${i} is malformed`
    }
  }
  if (!Array.isArray(value.findings) || !Array.isArray(value.archive)) return 'its findings or archive fields are missing'
  if (!isObject(value.counts) || typeof value.summary !== 'string') return 'its counts or summary are missing'
  return null
}

/** Parses and checks a saved report's text; never throws. */
export function parseSavedReport(text: string): SavedReportResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, message: 'This file is not a reprodiff report: it is not JSON.' }
  }
  if (!isObject(value)) return { ok: false, message: 'This file is not a reprodiff report: it is not a JSON object.' }
  if (value.schema !== REPORT_SCHEMA) {
    const schema = typeof value.schema === 'string' ? `schema ${JSON.stringify(value.schema)}` : 'no schema'
    return { ok: false, message: `This report has ${schema}; this page reads ${REPORT_SCHEMA} only. Compare the two files again with this version.` }
  }
  const problem = shapeProblem(value)
  if (problem) return { ok: false, message: `This report cannot be opened: ${problem}.` }
  return { ok: true, report: value as unknown as Report }
}

/** Files dropped over a saved report, checked against its digests: `ok` only when both sides have its SHA-256. */
export interface SavedCheck {
  ok: boolean
  /** One line per side: that it matches, or "expected sha256 …, got …". */
  lines: string[]
}

export function checkAgainstSaved(saved: Report, compared: Report): SavedCheck {
  const lines = (['left', 'right'] as const).map((side) => {
    const expected = saved[side].sha256
    const got = compared[side].sha256
    if (expected && got === expected) return `The ${side} file is the one in the saved report (sha256 ${got}).`
    return `The ${side} file is not the one in the saved report: expected sha256 ${expected ?? 'unknown'}, got ${got ?? 'not computed'}.`
  })
  const ok = (['left', 'right'] as const).every((side) => saved[side].sha256 !== null && saved[side].sha256 === compared[side].sha256)
  return { ok, lines }
}
