import type { Finding } from '../../core/types-public'
import { describeEvidence, isEmptyEvidence } from '../evidence'

function More({ count }: { count: number }) {
  return count > 0 ? <p className="muted evidence-more">and {count} more</p> : null
}

/** A finding's evidence as small tables and lists, behind a disclosure so the cards stay short. */
export function EvidenceDetails({ finding }: { finding: Pick<Finding, 'cause' | 'evidence'> }) {
  const view = describeEvidence(finding)
  if (isEmptyEvidence(view)) return <p className="muted evidence-none">No further evidence: the title says it all.</p>
  return (
    <details className="evidence" data-testid="evidence">
      <summary>Evidence</summary>
      <div className="evidence-body">
        {(view.sides.length > 0 || view.facts.length > 0) && (
          <table className="compare-table evidence-table">
            {view.sides.length > 0 && (
              <thead><tr><th scope="col" /><th scope="col">left</th><th scope="col">right</th></tr></thead>
            )}
            <tbody>
              {view.sides.map((row) => (
                <tr key={`side:${row.label}`}><th scope="row">{row.label}</th><td>{row.left}</td><td>{row.right}</td></tr>
              ))}
              {view.facts.map((fact) => (
                <tr key={`fact:${fact.label}`}><th scope="row">{fact.label}</th><td colSpan={view.sides.length > 0 ? 2 : 1}>{fact.value}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        {view.lists.map((list) => (
          <div key={`list:${list.label}`} className="evidence-block">
            <h4 className="evidence-label">{list.label}</h4>
            <ul className="evidence-list">
              {list.items.map((item, position) => <li key={position}>{item}</li>)}
            </ul>
            <More count={list.more} />
          </div>
        ))}
        {view.tables.map((table) => (
          <div key={`table:${table.label}`} className="evidence-block">
            <h4 className="evidence-label">{table.label}</h4>
            <table className="compare-table evidence-table">
              <thead><tr>{table.columns.map((column) => <th key={column} scope="col">{column}</th>)}</tr></thead>
              <tbody>
                {table.rows.map((cells, position) => (
                  <tr key={position}>{cells.map((cell, column) => <td key={column}>{cell}</td>)}</tr>
                ))}
              </tbody>
            </table>
            <More count={table.more} />
          </div>
        ))}
      </div>
    </details>
  )
}
