import { useDiffStore } from '../../store/diff-store'
import type { IndexedFinding } from '../../store/findings'
import { causeLabel, namesLimit, plural } from '../causes'
import { EvidenceDetails } from './EvidenceDetails'
import { OpenLimitsButton } from './OpenLimitsButton'

interface FindingCardProps {
  entry: IndexedFinding
  /** For a derived finding: the finding of the same cause it follows from, when the report has one. */
  source: IndexedFinding | undefined
  isFocused: boolean
}

/** The button that narrows the tree to this finding's members, and widens it again. */
function MembersButton({ entry }: { entry: IndexedFinding }) {
  const isFiltering = useDiffStore((state) => state.causeFilter === entry.id)
  const setCauseFilter = useDiffStore((state) => state.setCauseFilter)
  // One path can be named twice (a RECORD hash and size mismatch of the same file): count members, not mentions.
  const count = new Set(entry.finding.members).size
  if (count === 0) return <span className="muted">Archive-level: no single member</span>
  return (
    <button type="button" className="link-button" data-testid="finding-members" aria-pressed={isFiltering}
      onClick={() => setCauseFilter(isFiltering ? null : entry.id)}>
      {isFiltering ? `Tree shows its ${plural(count, 'member')} · show all` : `Show its ${plural(count, 'member')} in the tree`}
    </button>
  )
}

/** One cause: its sentence, what follows from what, what the builder can do, its members and its evidence. */
export function FindingCard({ entry, source, isFocused }: FindingCardProps) {
  const { id, finding } = entry
  const showCause = useDiffStore((state) => state.showCause)
  const isSecurity = finding.severity === 'security'
  return (
    <article id={`finding-${id}`} tabIndex={-1} aria-labelledby={`finding-title-${id}`}
      className={`finding${isSecurity ? ' is-security' : ''}${finding.derived ? ' is-derived' : ''}${isFocused ? ' is-focused' : ''}`}
      data-testid="finding" data-cause={finding.cause} data-severity={finding.severity} data-derived={finding.derived} data-finding-id={id}>
      <header className="finding-head">
        <span className={`cause-tag${isSecurity ? ' is-security' : ''}`}>
          {isSecurity && <span aria-hidden="true">⚠ </span>}{isSecurity ? `security: ${causeLabel(finding.cause)}` : causeLabel(finding.cause)}
        </span>
        <h3 id={`finding-title-${id}`} className="finding-title">{finding.title}</h3>
      </header>
      {finding.derived && (
        <p className="finding-derived" data-testid="finding-derived">
          <span aria-hidden="true">↳ </span>Follows from{' '}
          {source ? (
            <button type="button" className="link-button" onClick={() => showCause(source.id)}>{causeLabel(source.finding.cause)}</button>
          ) : (
            'the changes of the files it lists'
          )}
          : not a cause of its own.
        </p>
      )}
      <p className="finding-remedy">
        <strong>What to do:</strong> {finding.remedy}
        {namesLimit(finding) && <> <OpenLimitsButton label="Open Limits…" /></>}
      </p>
      {/* Evidence and the members button share a line: cards stay short until the evidence is opened. */}
      <div className="finding-foot">
        <EvidenceDetails finding={finding} />
        <MembersButton entry={entry} />
      </div>
    </article>
  )
}
