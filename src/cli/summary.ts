/** The CLI's human-readable summary of a report. */
import { formatBytes, formatMetaValue, type Finding, type MemberComparison, type Report } from '../core/index'

const STATUS_MARKS: Record<MemberComparison['status'], string> = {
  identical: '=', metadata: 'M', modified: '≠', 'left-only': '-', 'right-only': '+',
}

function describeSide(label: string, side: Report['left']): string {
  const head = `${label}: ${side.name} (${formatBytes(side.size)}, ${side.format ?? 'unknown format'}, ${side.memberCount} member${side.memberCount === 1 ? '' : 's'})`
  const hash = side.sha256 ? `\n       sha256 ${side.sha256}` : ''
  const error = side.error ? `\n       error ${side.error.code}: ${side.error.message}` : ''
  const readings = side.readings?.length
    ? `\n       parses as ${side.readings.map((r) => `${r.format} at offset ${r.offset}${r.chosen ? ' (compared)' : ''}`).join(', ')}${side.readingChoice ? `: ${side.readingChoice}` : ''}`
    : ''
  return head + hash + error + readings
}

function describeMember(member: MemberComparison): string {
  // A trace report's path is the wheel's; its left is the source file it was paired with.
  const paths = member.trace && member.leftPath ? ` (source: ${member.leftPath})` : member.leftPath && member.rightPath && member.leftPath !== member.rightPath ? ` (right: ${member.rightPath})` : ''
  const changed = member.changed.length ? `  [${member.changed.join(', ')}]` : ''
  const error = member.left?.error ?? member.right?.error
  const problem = error ? `  ${member.unread ? 'unread, ' : ''}error ${error.code}: ${error.message}` : member.unread ? '  unread' : ''
  const renamed = member.renamedTo ? `  renamed to ${member.renamedTo}` : member.renamedFrom ? `  renamed from ${member.renamedFrom}` : ''
  return `  ${STATUS_MARKS[member.status]} ${member.path}${paths}${changed}${renamed}${problem}${describeBinary(member)}`
}

/** Shown per binary member: at most this many differing sections, then a count. */
const MAX_SECTION_LINES = 20

/** One line per differing section of a binary member (members[].binary), and a side that could not be parsed. */
function describeBinary(member: MemberComparison): string {
  const binary = member.binary
  if (!binary) return ''
  const lines: string[] = []
  if (binary.error) lines.push(`      ${binary.format} structure: the ${binary.error.side} side could not be read: ${binary.error.code}: ${binary.error.message}`)
  const differing = binary.sections.filter((section) => section.status !== 'identical')
  for (const section of differing.slice(0, MAX_SECTION_LINES)) {
    const sizes = section.left && section.right && section.left.size !== section.right.size ? ` (${section.left.size} → ${section.right.size} bytes)` : ''
    lines.push(`      section ${section.name}: ${section.status}${sizes}`)
  }
  if (differing.length > MAX_SECTION_LINES) lines.push(`      … and ${differing.length - MAX_SECTION_LINES} more differing sections (--json lists them)`)
  return lines.length ? `\n${lines.join('\n')}` : ''
}

/** "!" marks a security finding, "·" a cause, "↳" a difference that only follows from another. */
function describeFinding(finding: Finding): string {
  const mark = finding.severity === 'security' ? '!' : finding.derived ? '↳' : '·'
  return `  ${mark} [${finding.cause}] ${finding.title}\n      what to do: ${finding.remedy}`
}

/** A trace report's verdict line, notes (the mapping used and where it came from), and the wheel members not byte-identical to the source. */
function describeTrace(trace: NonNullable<Report['trace']>, members: MemberComparison[], all: boolean): string[] {
  const lines = ['', `Source trace: ${trace.line}`]
  for (const note of trace.notes) lines.push(`  note: ${note}`)
  const shown = members.filter((member) => member.trace && (all || member.trace.status !== 'from-source'))
  if (shown.length) lines.push('', 'Wheel members (by trace status):')
  for (const member of shown) {
    const trace = member.trace!
    const from = trace.source ? ` ← ${trace.source}` : trace.sources ? ` ← ${trace.sources.join(', ')}` : ''
    lines.push(`  [${trace.status}] ${member.rightPath ?? member.path}${from}${trace.generator ? ` (${trace.generator})` : ''}`)
  }
  return lines
}

export function formatSummary(report: Report, options: { all?: boolean } = {}): string {
  const { counts } = report
  const counted = `Members: ${counts.identical} identical, ${counts.metadata} metadata only, ${counts.modified} modified, ` +
    `${counts['left-only']} only left, ${counts['right-only']} only right`
  const lines = [describeSide('left ', report.left), describeSide('right', report.right), '', report.summary, counted]
  const closed = report.members.filter((member) => member.notOpenedInside === 'same-bytes').length
  if (closed) lines.push(`${closed} archive${closed === 1 ? '' : 's'} inside with the same bytes on both sides not opened (--open-same-bytes opens them)`)
  if (report.trace) for (const line of describeTrace(report.trace, report.members, options.all ?? false)) lines.push(line)
  if (report.findings.length) lines.push('', 'Why they differ:')
  for (const finding of report.findings) lines.push(describeFinding(finding))
  if (report.archive.length) {
    lines.push('', 'Archive-level differences:')
    for (const d of report.archive) lines.push(`  ${d.field}: ${formatMetaValue(d.field, d.left)} → ${formatMetaValue(d.field, d.right)}`)
  }
  const hasError = (member: MemberComparison) => Boolean(member.unread || member.left?.error || member.right?.error)
  const shown = report.members.filter((member) => options.all || member.status !== 'identical' || hasError(member))
  if (shown.length) {
    lines.push('', 'Members (= identical, M metadata only, ≠ modified, - only left, + only right):')
    // One push per member: spreading 500,000 members into one call would overflow the stack.
    for (const member of shown) lines.push(describeMember(member))
  }
  return lines.join('\n')
}
