import type { PackageComparison, PackageFieldDifference, PackageSide } from '../../core/types-public'
import { RecordCheckView } from './RecordCheckView'

const IDENTITY: { key: keyof Omit<PackageSide, 'record'>; label: string }[] = [
  { key: 'kind', label: 'kind' },
  { key: 'name', label: 'name' },
  { key: 'version', label: 'version' },
  { key: 'generator', label: 'WHEEL Generator' },
  { key: 'metadataVersion', label: 'Metadata-Version' },
]

/** Values of a repeatable or multi-line field, one per line; a long description scrolls in its cell. */
function Values({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="muted">— (absent)</span>
  return <div className="field-values">{values.map((value, position) => <div key={position} className="field-value">{value}</div>)}</div>
}

function FieldRow({ difference }: { difference: PackageFieldDifference }) {
  const { source, field, left, right, orderOnly } = difference
  // RECORD's "(row order)" has no values of its own: the same rows come in another order.
  const noValues = left.length === 0 && right.length === 0
  return (
    <tr className="is-changed" data-testid="package-field" data-source={source} data-field={field}>
      <td className="field-source">{source}</td>
      <th scope="row">{field}{orderOnly && <span className="order-tag">order only</span>}</th>
      {noValues ? (
        <td colSpan={2} className="muted">same values, in another order</td>
      ) : (
        <>
          <td><Values values={left} /></td>
          <td><Values values={right} /></td>
        </>
      )}
    </tr>
  )
}

/** The Python package read as data: who and what each side is, every differing field, and each RECORD check. */
export function PackagePanel({ pkg }: { pkg: PackageComparison }) {
  const hasRecord = pkg.left.kind === 'wheel' || pkg.right.kind === 'wheel' || pkg.left.record !== null || pkg.right.record !== null
  return (
    <section className="package-panel" data-testid="package-panel" aria-labelledby="package-title">
      <h2 id="package-title" className="panel-title">Package</h2>
      <table className="compare-table package-identity">
        <thead><tr><th scope="col" /><th scope="col">left</th><th scope="col">right</th></tr></thead>
        <tbody>
          {IDENTITY.map(({ key, label }) => {
            const left = pkg.left[key] ?? '—'
            const right = pkg.right[key] ?? '—'
            return (
              <tr key={key} className={left !== right ? 'is-changed' : ''} data-field={key}>
                <th scope="row">{label}</th><td>{left}</td><td>{right}</td>
              </tr>
            )
          })}
        </tbody>
      </table>

      <h3 className="section-title">Metadata fields that differ</h3>
      {pkg.fields.length === 0 ? (
        <p className="muted" data-testid="package-no-fields">No differences in the package metadata</p>
      ) : (
        <table className="compare-table package-fields">
          <thead><tr><th scope="col">source</th><th scope="col">field</th><th scope="col">left</th><th scope="col">right</th></tr></thead>
          <tbody>
            {pkg.fields.map((difference, position) => <FieldRow key={`${position}:${difference.source}:${difference.field}`} difference={difference} />)}
          </tbody>
        </table>
      )}

      {hasRecord && (
        <>
          <h3 className="section-title">RECORD check</h3>
          <div className="record-checks">
            <RecordCheckView side="left" pkg={pkg.left} />
            <RecordCheckView side="right" pkg={pkg.right} />
          </div>
        </>
      )}
    </section>
  )
}
