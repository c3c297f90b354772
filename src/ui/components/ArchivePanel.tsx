import type { ArchiveDifference } from '../../core/types-public'
import { formatMetaValue } from '../../store/format'

/** Differences of the containers themselves (gzip header, zip end record, member order), apart from members. */
export function ArchivePanel({ differences }: { differences: ArchiveDifference[] }) {
  return (
    <section className="archive-panel" data-testid="archive-panel" aria-labelledby="archive-panel-title">
      <h2 id="archive-panel-title" className="panel-title">Archive-level differences</h2>
      {differences.length === 0 ? (
        <p className="muted">No archive-level differences</p>
      ) : (
        <table className="compare-table">
          <thead>
            <tr><th scope="col">field</th><th scope="col">left</th><th scope="col">right</th></tr>
          </thead>
          <tbody>
            {differences.map(({ field, left, right }) => (
              <tr key={field} className="is-changed">
                <th scope="row">{field}</th>
                <td>{formatMetaValue(field, left)}</td>
                <td>{formatMetaValue(field, right)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
