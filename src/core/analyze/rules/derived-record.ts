/**
 * A RECORD that differs only in the rows of files that changed anyway is a consequence, not a cause
 * (formats.md C.4): it is reported as derived from the cause of those files.
 */
import type { Finding, MemberComparison } from '../../types'
import { RECORD_ROW_ORDER } from '../../types'
import { RECORD_PATH } from '../record-words'
import type { MemberIndex } from '../member-index'
import { CONTENT, finding, memberIndex, plural, type ExplanationRule } from '../rule'

const withoutVersion = (path: string) => path.replace(/^([^/]+)-[^-/]+\.(dist-info|data)\//, '$1.$2/')

/** The cause explaining this file's content change; a file no rule explains is a plain content change. */
function causeOf(index: MemberIndex, member: MemberComparison, earlier: Finding[]): string {
  return index.contentCause(earlier, member.path) ?? 'content'
}

export const derivedRecordRule: ExplanationRule = {
  cause: 'derived',
  description: 'RECORD differs only in rows of files that changed: derived from their causes.',
  explain(context) {
    const { report, earlier } = context
    const index = memberIndex(context)
    const record = index.withStatus('modified').find((m) => RECORD_PATH.test(m.path))
    if (!record || index.isExplained(earlier, record.path, CONTENT) || !report.package) return []
    const rows = report.package.fields.filter((f) => f.source === 'RECORD' && f.field !== RECORD_ROW_ORDER)
    const byKey = new Map(report.members.map((m) => [withoutVersion(m.rightPath && !m.leftPath ? m.rightPath : m.path), m]))
    const changed = rows.map((row) => byKey.get(row.field)).filter((m): m is MemberComparison => Boolean(m) && m !== record && m!.status !== 'identical' && m!.status !== 'metadata')
    const selfRows = rows.filter((row) => RECORD_PATH.test(row.field))
    if (rows.length === 0 || changed.length + selfRows.length !== rows.length) return []
    // One derived finding per cause, so a plain content change never borrows another file's cause.
    const byCause = new Map<string, MemberComparison[]>()
    for (const member of changed) {
      const cause = causeOf(index, member, earlier)
      const list = byCause.get(cause)
      if (list) list.push(member)
      else byCause.set(cause, [member])
    }
    return [...byCause].map(([cause, members]) => finding({
      cause,
      derived: true,
      title: `${record.path} changes ${byCause.size === 1 ? 'only ' : ''}because ${plural(members.length, 'listed file')} changed (${cause})`,
      members: [record.path],
      fields: [CONTENT],
      evidence: { rows: members.map((m) => m.path) },
      remedy: 'Nothing to fix in RECORD itself: it follows from the files it lists.',
    }))
  },
}
