import type { MemberComparison } from '../../core/types-public'
import { metaCopyValue } from '../copy'
import { buildMetaRows, type MetaRow } from '../meta-rows'
import { CopyButton } from './CopyButton'

function summary(member: MemberComparison, changedCount: number): string {
  if (!member.left || !member.right) return `only in the ${member.left ? 'left' : 'right'} file`
  return changedCount === 0 ? 'no differing fields' : `${changedCount} differing`
}

/** A value cell; the path and a full SHA-256 get a copy button (a reviewer pastes them into a ticket or a search). */
function ValueCell({ member, row, side }: { member: MemberComparison; row: MetaRow; side: 'left' | 'right' }) {
  const copy = metaCopyValue(member, row.field, side)
  return (
    <td>
      {row[side]}
      {copy !== null && <> <CopyButton text={copy} what={`the ${side} ${row.field === 'path' ? 'path' : 'SHA-256'}`} testId={`copy-${row.field}-${side}`} /></>}
    </td>
  )
}

/** Every header field of the member, left against right; differing rows are marked and highlighted. */
export function MetaTable({ member }: { member: MemberComparison }) {
  const rows = buildMetaRows(member)
  const changedCount = rows.filter((row) => row.changed && !row.isError).length
  return (
    <section className="meta-section" aria-labelledby="meta-title">
      <h3 id="meta-title" className="section-title">
        Metadata <span className="muted">{summary(member, changedCount)}</span>
      </h3>
      <table className="compare-table meta-table" data-testid="meta-table">
        <thead>
          <tr><th scope="col" className="mark-col"><span className="visually-hidden">differs</span></th><th scope="col">field</th><th scope="col">left</th><th scope="col">right</th></tr>
        </thead>
        <tbody>
          {rows.map((row, position) => (
            <tr key={`${position}:${row.field}`} className={`${row.changed ? 'is-changed' : ''}${row.isError ? ' is-error' : ''}${row.unknown ? ' is-unknown' : ''}`} data-unknown={row.unknown || undefined}
              data-field={row.field} data-changed={row.changed}>
              <td className="mark-col">{row.changed ? <span title="differs">≠</span> : null}</td>
              <th scope="row">{row.label}</th>
              <ValueCell member={member} row={row} side="left" />
              <ValueCell member={member} row={row} side="right" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
