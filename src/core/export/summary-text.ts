/**
 * "Copy summary": a few plain lines for a chat message or a ticket: the verdict, both files with their
 * SHA-256, the member counts and the leading causes (security findings first, as the report orders them).
 */
import { markHidden } from './escape'
import { exportModel } from './export-model'
import type { Report } from '../types'

/** Causes named in the copied summary; the rest are counted. */
const SUMMARY_CAUSES = 5

export function summaryText(report: Report): string {
  const model = exportModel(report)
  const lines = [`reprodiff: ${model.verdictWords}`]
  for (const side of model.sides) lines.push(`${side.label}: ${markHidden(side.name)} sha256 ${side.sha256}${side.error ? ` (${markHidden(side.error)})` : ''}`)
  lines.push(`members: ${model.counts}`)
  const causes = model.causes.filter((cause) => !cause.derived)
  for (const cause of causes.slice(0, SUMMARY_CAUSES)) lines.push(`${cause.severity === 'security' ? '! security: ' : '- '}${markHidden(cause.title)}`)
  if (causes.length > SUMMARY_CAUSES) lines.push(`… and ${causes.length - SUMMARY_CAUSES} more causes`)
  return `${lines.join('\n')}\n`
}
