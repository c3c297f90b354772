import type { Report } from '../../core/types-public'
import { formatDuration } from '../display'
import { COUNT_ORDER, ERROR_REASON, STATUS_LOOK, VERDICT_EXPLANATION, VERDICT_TITLE } from '../status'
import { StatusIcon } from './StatusIcon'

const VERDICT_MARK = { identical: '✓', 'metadata-only': '≈', 'content-differs': '≠', error: '!' } as const

function verdictTitle(report: Report): string {
  if (report.verdict !== 'error') return VERDICT_TITLE[report.verdict]
  const reasons = (['left', 'right'] as const)
    .filter((side) => report[side].error)
    .map((side) => `the ${side} file ${ERROR_REASON[report[side].error!.code]}`)
  return `Could not compare: ${reasons.join(', and ') || 'a file could not be read'}`
}

/** The answer first: verdict in words, member counts by status, and how long it took. */
export function VerdictBanner({ report, elapsedMs }: { report: Report; elapsedMs: number | null }) {
  const { verdict, counts } = report
  return (
    <section className={`verdict verdict-${verdict}`} data-testid="verdict" data-verdict={verdict} role="status">
      <span className="verdict-mark" aria-hidden="true">{VERDICT_MARK[verdict]}</span>
      <div className="verdict-body">
        <div className="verdict-head">
          <h2 className="verdict-title">{verdictTitle(report)}</h2>
          {elapsedMs !== null && <p className="elapsed" data-testid="elapsed">compared in {formatDuration(elapsedMs)}</p>}
        </div>
        <p className="verdict-explanation">{VERDICT_EXPLANATION[verdict]}</p>
        <ul className="counts" aria-label="Members by status">
          {COUNT_ORDER.map((status) => (
            <li key={status} className={counts[status] ? '' : 'is-zero'} data-testid={`count-${status}`}>
              <StatusIcon status={status} /> <strong>{counts[status]}</strong> {STATUS_LOOK[status].label}
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
