import type { PackageSide, RecordCheck, Side } from '../../core/types-public'
import { plural } from '../causes'

function isClean(record: RecordCheck): boolean {
  return record.hashMismatch.length + record.sizeMismatch.length + record.listedButMissing.length + record.notListed.length === 0
}

function PathList({ title, paths }: { title: string; paths: string[] }) {
  if (paths.length === 0) return null
  return (
    <div className="record-problem">
      <h5>{title}</h5>
      <ul className="evidence-list">{paths.map((path) => <li key={path}>{path}</li>)}</ul>
    </div>
  )
}

function Mismatches({ title, rows }: { title: string; rows: { path: string; listed: string; actual: string | number }[] }) {
  if (rows.length === 0) return null
  return (
    <div className="record-problem">
      <h5>{title}</h5>
      <table className="compare-table">
        <thead><tr><th scope="col">file</th><th scope="col">RECORD says</th><th scope="col">the file has</th></tr></thead>
        <tbody>
          {rows.map((row) => <tr key={row.path} className="is-changed"><th scope="row">{row.path}</th><td>{row.listed}</td><td>{row.actual}</td></tr>)}
        </tbody>
      </table>
    </div>
  )
}

/** One side's RECORD checked against the files read: OK, or each mismatch by kind. */
export function RecordCheckView({ side, pkg }: { side: Side; pkg: PackageSide }) {
  const record = pkg.record
  if (!record) {
    return (
      <div className="record-check" data-testid="record-check" data-side={side}>
        <h4>{side}</h4>
        <p className="muted">{pkg.kind === 'wheel' ? 'No RECORD found in this wheel.' : 'Not a wheel: no RECORD to check.'}</p>
      </div>
    )
  }
  const clean = isClean(record)
  return (
    <div className={`record-check ${clean ? 'is-ok' : 'is-bad'}`} data-testid="record-check" data-side={side} data-ok={clean}>
      <h4>{side} <span className="muted">{record.path}, {plural(record.rows, 'row')}</span></h4>
      {clean ? (
        <p className="record-ok"><span aria-hidden="true">✓ </span>OK: every listed file is there with its hash and size, and nothing is unlisted.</p>
      ) : (
        <>
          <p className="record-bad"><span aria-hidden="true">⚠ </span>Does not match the wheel&apos;s contents.</p>
          <Mismatches title="Hash mismatches" rows={record.hashMismatch} />
          <Mismatches title="Size mismatches" rows={record.sizeMismatch} />
          <PathList title="Listed in RECORD but missing" paths={record.listedButMissing} />
          <PathList title="In the wheel but not in RECORD" paths={record.notListed} />
        </>
      )}
    </div>
  )
}
