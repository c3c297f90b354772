import type { ArchiveDifference, Finding } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { findingForArchiveField } from '../../store/findings'
import { formatMetaValue } from '../../store/format'
import { causeLabel } from '../causes'

/** Differences of the containers themselves (gzip header, zip end record, member order), each with its cause. */
export function ArchivePanel({ differences, findings }: { differences: ArchiveDifference[]; findings: Finding[] }) {
  const showCause = useDiffStore((state) => state.showCause)
  return (
    <section className="archive-panel" data-testid="archive-panel" aria-labelledby="archive-panel-title">
      <h2 id="archive-panel-title" className="panel-title">Archive-level differences</h2>
      {differences.length === 0 ? (
        <p className="muted">No archive-level differences</p>
      ) : (
        <table className="compare-table">
          <thead>
            <tr><th scope="col">field</th><th scope="col">left</th><th scope="col">right</th><th scope="col">cause</th></tr>
          </thead>
          <tbody>
            {differences.map(({ field, left, right }) => {
              const cause = findingForArchiveField(findings, field)
              return (
                <tr key={field} className="is-changed" data-field={field}>
                  <th scope="row">{field}</th>
                  <td>{formatMetaValue(field, left)}</td>
                  <td>{formatMetaValue(field, right)}</td>
                  <td className="cause-cell">
                    {cause ? (
                      <button type="button" className="link-button" title={cause.finding.title} onClick={() => showCause(cause.id)}>
                        {causeLabel(cause.finding.cause)}
                      </button>
                    ) : (
                      <span className="muted">not named</span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
