import { findMember, useDiffStore } from '../../store/diff-store'
import type { Report } from '../../core/types-public'
import { STATUS_LOOK } from '../status'
import { ContentView } from './ContentView'
import { ErrorMessage } from './ErrorMessage'
import { MemberCauses } from './MemberCauses'
import { MetaTable } from './MetaTable'
import { OpenLimitsButton } from './OpenLimitsButton'
import { StatusIcon } from './StatusIcon'

/** Everything about the selected member: its paths and status, why it differs, its content, its metadata. */
export function MemberDetail({ report }: { report: Report }) {
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const member = selectedPath === null ? undefined : findMember(report, selectedPath)
  if (!member) {
    return (
      <section className="member-detail is-empty" data-testid="member-detail">
        <p className="muted">Select a member in the tree to see its content and metadata, left against right.</p>
      </section>
    )
  }
  const renamed = member.leftPath && member.rightPath && member.leftPath !== member.rightPath
  return (
    <section className="member-detail" data-testid="member-detail" aria-labelledby="member-title">
      <header className="member-header">
        <StatusIcon status={member.status} />
        <h2 id="member-title" className="member-path">{member.path}</h2>
        <span className={`status-label status-text-${member.status}`}>{STATUS_LOOK[member.status].title}</span>
        {renamed && <p className="renamed muted">right: {member.rightPath}</p>}
      </header>
      <MemberCauses member={member} findings={report.findings} />
      {(['left', 'right'] as const).map((side) => {
        const error = member[side]?.error
        return error ? (
          <ErrorMessage key={side} title={`The ${side} side of this member could not be read cleanly.`} error={error} testId="member-error">
            {error.code === 'LIMIT_EXCEEDED' && <OpenLimitsButton label="Raise the limit if you trust this file…" />}
          </ErrorMessage>
        ) : null
      })}
      <ContentView member={member} />
      <MetaTable member={member} />
    </section>
  )
}
