/**
 * A RECORD that differs only in the rows of files that changed anyway is a consequence, not a cause
 * (formats.md C.4): it is reported as derived from the cause of those files.
 */
import type { Finding, MemberComparison } from '../../types'
import { RECORD_ROW_ORDER } from '../../types'
import { RECORD_PATH } from '../record-words'
import { CONTENT, finding, isContentExplained, plural, type ExplanationRule } from '../rule'

const withoutVersion = (path: string) => path.replace(/^([^/]+)-[^-/]+\.(dist-info|data)\//, '$1.$2/')

function causeOf(members: MemberComparison[], earlier: Finding[]): string {
  const paths = new Set(members.map((m) => m.path))
  // The first finding that explains one of those files' content; files no rule explains are plain content changes.
  return earlier.find((f) => !f.derived && f.fields?.includes(CONTENT) && f.members.some((path) => paths.has(path)))?.cause ?? 'content'
}

export const derivedRecordRule: ExplanationRule = {
  cause: 'derived',
  description: 'RECORD differs only in rows of files that changed: derived from their cause.',
  explain({ report, earlier }) {
    const record = report.members.find((m) => RECORD_PATH.test(m.path) && m.status === 'modified')
    if (!record || isContentExplained(earlier, record.path) || !report.package) return []
    const rows = report.package.fields.filter((f) => f.source === 'RECORD' && f.field !== RECORD_ROW_ORDER)
    const byKey = new Map(report.members.map((m) => [withoutVersion(m.rightPath && !m.leftPath ? m.rightPath : m.path), m]))
    const changed = rows.map((row) => byKey.get(row.field)).filter((m): m is MemberComparison => Boolean(m) && m !== record && m!.status !== 'identical' && m!.status !== 'metadata')
    const selfRows = rows.filter((row) => RECORD_PATH.test(row.field))
    if (rows.length === 0 || changed.length + selfRows.length !== rows.length) return []
    const cause = causeOf(changed, earlier)
    return [finding({
      cause,
      derived: true,
      title: `${record.path} changes only because ${plural(changed.length, 'listed file')} changed (${cause})`,
      members: [record.path],
      fields: [CONTENT],
      evidence: { rows: rows.map((row) => row.field) },
      remedy: 'Nothing to fix in RECORD itself: it follows from the files it lists.',
    })]
  },
}
