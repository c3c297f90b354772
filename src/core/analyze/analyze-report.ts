/** Adds the binary comparisons, the findings and the summary to a compared report. */
import { compareBinary, type BinaryInput } from '../binary/compare-binary'
import type { BinaryComparison } from '../binary/types'
import type { MemberComparison, MemberEvidence, Report, Side, SideEvidence } from '../types'
import { explainDifferences } from './explain'
import { summarizeReport } from './summary'

export function analyzeReport(report: Report, evidence?: Record<Side, SideEvidence>): Report {
  const compared = evidence ? withBinaryComparisons(report, evidence) : report
  const findings = explainDifferences(compared, evidence)
  return { ...compared, findings, summary: summarizeReport(compared, findings) }
}

/** What a side's evidence says about its structure when only the other side parsed as a binary format. */
function sideInput(found: MemberEvidence | undefined, member: MemberComparison, side: Side, otherFormat: string): BinaryInput {
  if (found?.binary) return found.binary
  const unread = member[side]?.error
  if (!found && unread) return { error: { code: unread.code, message: `This side's bytes were not read: ${unread.message}` } }
  if (found) return { error: { code: 'UNSUPPORTED_FORMAT', message: `This side is not ${otherFormat === 'elf' ? 'an ELF' : `a ${otherFormat}`} file: its bytes carry no such signature` } }
  return { error: { code: 'LIMIT_EXCEEDED', message: 'This side was not re-read for its structure (evidence is gathered for at most 400 members of 64 MiB each)' } }
}

function formatOf(input: MemberEvidence['binary']): string {
  return input && 'format' in input ? input.format : 'binary'
}

/**
 * `members[].binary` for a modified member one of whose sides parsed as a binary format; each side was parsed
 * by the worker holding it (compare/evidence.ts). Nested members are left out: their index is their container's.
 */
function binaryOf(member: MemberComparison, evidence: Record<Side, SideEvidence>): BinaryComparison | null {
  if (member.status !== 'modified' || !member.left || !member.right || member.container !== undefined) return null
  const left = evidence.left[member.left.index]
  const right = evidence.right[member.right.index]
  if (!left?.binary && !right?.binary) return null
  return compareBinary(sideInput(left, member, 'left', formatOf(right?.binary)), sideInput(right, member, 'right', formatOf(left?.binary)))
}

/** One pass over the members (no spread: 500,000 members must not reach the stack). */
function withBinaryComparisons(report: Report, evidence: Record<Side, SideEvidence>): Report {
  let found = false
  const members = report.members.map((member) => {
    const binary = binaryOf(member, evidence)
    if (!binary) return member
    found = true
    return { ...member, binary }
  })
  return found ? { ...report, members } : report
}
