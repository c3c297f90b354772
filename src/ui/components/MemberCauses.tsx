import type { Finding, MemberComparison } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { explainedFields, findingsForMember } from '../../store/findings'
import { causeLabel } from '../causes'

/** Why the selected member differs: one chip per finding that names it, with the fields it explains. */
export function MemberCauses({ member, findings }: { member: MemberComparison; findings: Finding[] }) {
  const showCause = useDiffStore((state) => state.showCause)
  if (member.status === 'identical') return null
  const entries = findingsForMember(findings, member.path)
  return (
    <section className="member-causes" data-testid="member-causes" aria-label="Why this member differs">
      <span className="member-causes-label">Why</span>
      {entries.length === 0 ? (
        <span className="muted">No named cause for this member&apos;s differences.</span>
      ) : (
        <ul className="cause-chips">
          {entries.map(({ id, finding }) => {
            // "content change · content" would say the same thing twice.
            const fields = explainedFields(finding, member).filter((field) => !(finding.cause === 'content' && field === 'content'))
            return (
              <li key={id}>
                <button type="button" className={`cause-chip${finding.severity === 'security' ? ' is-security' : ''}`}
                  data-testid="member-cause" data-cause={finding.cause} title={`${finding.title}\n\nWhat to do: ${finding.remedy}`}
                  onClick={() => showCause(id)}>
                  <strong>{finding.severity === 'security' ? '⚠ ' : ''}{causeLabel(finding.cause)}</strong>
                  {finding.derived && <span className="chip-note">follows from other changes</span>}
                  {!finding.derived && fields.length > 0 && <span className="chip-note">{fields.join(', ')}</span>}
                  <span className="chip-title">{finding.title}</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
