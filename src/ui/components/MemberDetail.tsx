import { findMember, useDiffStore } from '../../store/diff-store'
import type { MemberComparison, Report } from '../../core/types-public'
import { confusableNames, renameLink, unreadSides } from '../member-marks'
import { STATUS_LOOK } from '../status'
import { ChangeNavigator } from './ChangeNavigator'
import { ContentView } from './ContentView'
import { ErrorMessage } from './ErrorMessage'
import { MemberCauses } from './MemberCauses'
import { MetaTable } from './MetaTable'
import { OpenLimitsButton } from './OpenLimitsButton'
import { StatusIcon } from './StatusIcon'

/** "renamed to X" / "renamed from X": the same bytes under another name; the link selects the other member. */
function RenameNote({ member }: { member: MemberComparison }) {
  const select = useDiffStore((state) => state.select)
  const link = renameLink(member)
  if (!link) return null
  return (
    <p className="rename-note" data-testid="rename-note" data-direction={link.direction}>
      renamed {link.direction}{' '}
      <button type="button" className="link-button rename-link" data-testid="rename-link" onClick={() => void select(link.path)}>{link.path}</button>
    </p>
  )
}

/** Names that hide what they are, written with their code points (the tree row has a badge). */
function ConfusableNote({ member, report }: { member: MemberComparison; report: Report }) {
  const names = confusableNames(report.findings, member)
  if (names.length === 0) return null
  return (
    <div className="confusable-note" data-testid="confusable-note">
      <p><strong>⚠ Confusable name.</strong> Shown with its hidden or look-alike characters as code points:</p>
      <ul>
        {names.map(({ side, name, reason }) => (
          <li key={side}><span className="muted">{side}:</span> <code className="escaped-name" data-testid="escaped-name">{name}</code>{reason && <span className="muted"> ({reason})</span>}</li>
        ))}
      </ul>
    </div>
  )
}

/** Bytes that were not read: the member can never count as the same content; each side's error follows. */
function UnreadNote({ member }: { member: MemberComparison }) {
  const sides = unreadSides(member)
  if (sides.length === 0) return null
  const which = sides.length === 2 ? 'both sides' : `the ${sides[0].side} side`
  return (
    <p className="unread-note" data-testid="member-unread">
      <span className="row-badge is-unread">unread</span> The bytes of {which} were not read, so this member never counts as the same content.
    </p>
  )
}

/** An archive inside with the same bytes on both sides: not opened, so the tree lists nothing inside it (core compare/same-bytes.ts). */
function NotOpenedNote({ member }: { member: MemberComparison }) {
  const canCompare = useDiffStore((state) => state.files.left !== null && state.files.right !== null && !state.browsingSaved)
  const openAll = useDiffStore((state) => state.openSameBytesContainers)
  if (member.notOpenedInside !== 'same-bytes') return null
  return (
    <p className="not-opened-note" data-testid="not-opened-inside">
      This archive has the same bytes on both sides (SHA-256 <code>{member.left?.sha256}</code>), so it was not opened: the
      same bytes hold the same members, and the checks inside it (a wheel&apos;s RECORD) were not run.{' '}
      {canCompare && <button type="button" className="link-button" data-testid="open-same-bytes" onClick={openAll}>Open every archive with the same bytes too</button>}
    </p>
  )
}

/** Everything about the selected member: its paths and status, why it differs, its content, its metadata. */
export function MemberDetail({ report }: { report: Report }) {
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const member = selectedPath === null ? undefined : findMember(report, selectedPath)
  if (!member) {
    return (
      <section className="member-detail is-empty" data-testid="member-detail">
        <p className="muted">Select a member in the tree to see its content and metadata, left against right, or open the first change:</p>
        <ChangeNavigator report={report} />
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
        <ChangeNavigator report={report} />
        {renamed && <p className="renamed muted">right: {member.rightPath}</p>}
        <RenameNote member={member} />
      </header>
      <ConfusableNote member={member} report={report} />
      <UnreadNote member={member} />
      <NotOpenedNote member={member} />
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
