import type { Report } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { leadingCauses } from '../../store/findings'
import { plural } from '../causes'
import { formatDuration } from '../display'
import { COUNT_ORDER, ERROR_REASON, STATUS_LOOK, VERDICT_EXPLANATION, VERDICT_TITLE } from '../status'
import { ExportMenu } from './ExportMenu'
import { StatusIcon } from './StatusIcon'
import { TraceVerdict } from './TraceVerdict'

const VERDICT_MARK = { identical: '✓', 'metadata-only': '≈', 'content-differs': '≠', error: '!' } as const

function verdictTitle(report: Report): string {
  if (report.verdict !== 'error') return VERDICT_TITLE[report.verdict]
  const reasons = (['left', 'right'] as const)
    .filter((side) => report[side].error)
    .map((side) => `the ${side} file ${ERROR_REASON[report[side].error!.code]}`)
  return `Could not compare: ${reasons.join(', and ') || 'a file could not be read'}`
}

/** The causes in plain words, the answer to "why": each opens its card in the causes panel. */
function LeadingCauses({ report }: { report: Report }) {
  const showCause = useDiffStore((state) => state.showCause)
  const { shown, more } = leadingCauses(report.findings)
  return (
    <div className="verdict-causes">
      <ul className="verdict-cause-list" aria-label="Main causes" data-testid="verdict-causes">
        {shown.map(({ id, finding }) => (
          <li key={id} className={finding.severity === 'security' ? 'is-security' : ''} data-cause={finding.cause}>
            <button type="button" className="cause-line" title="Show this cause's evidence and what to do" onClick={() => showCause(id)}>
              {finding.severity === 'security' && <span aria-hidden="true">⚠ </span>}{finding.title}
            </button>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <button type="button" className="link-button more-causes" data-testid="more-causes" onClick={() => showCause(null)}>
          and {plural(more, 'more cause')} →
        </button>
      )}
    </div>
  )
}

/** The answer first: verdict in words, then its main causes, member counts by status, and how long it took. */
export function VerdictBanner({ report, elapsedMs }: { report: Report; elapsedMs: number | null }) {
  const { verdict, counts } = report
  const hasCauses = report.findings.some((finding) => !finding.derived)
  return (
    <section className={`verdict verdict-${verdict}`} data-testid="verdict" data-verdict={verdict} role="status">
      <span className="verdict-mark" aria-hidden="true">{VERDICT_MARK[verdict]}</span>
      <div className="verdict-body">
        <div className="verdict-head">
          <h2 className="verdict-title" title={VERDICT_EXPLANATION[verdict]}>{verdictTitle(report)}</h2>
          <ul className="counts" aria-label="Members by status">
            {COUNT_ORDER.map((status) => (
              <li key={status} className={counts[status] ? '' : 'is-zero'} data-testid={`count-${status}`}>
                <StatusIcon status={status} /> <strong>{counts[status]}</strong> {STATUS_LOOK[status].label}
              </li>
            ))}
          </ul>
          {elapsedMs !== null && <p className="elapsed" data-testid="elapsed">compared in {formatDuration(elapsedMs)}</p>}
        </div>
        <TraceVerdict report={report} />
        {/* The generic sentence only when there are no causes to say it better. */}
        {hasCauses ? <LeadingCauses report={report} /> : <p className="verdict-explanation">{VERDICT_EXPLANATION[verdict]}</p>}
        <ExportMenu report={report} />
      </div>
    </section>
  )
}
