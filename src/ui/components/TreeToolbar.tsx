import type { MemberStatus } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import type { StatusCounts } from '../../store/selectors'
import { TREE_SORTS, type TreeSort } from '../../store/tree-filter'
import { COUNT_ORDER, STATUS_LOOK } from '../status'
import { StatusIcon } from './StatusIcon'

/** A hide box; a pressed status toggle overrides it (store/tree-filter.ts, the precedence), which its title says. */
function HideBox({ testId, label, checked, overridden, onChange }: { testId: string; label: string; checked: boolean; overridden: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="checkbox" title={overridden ? 'A status choice below overrides this' : undefined}>
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  )
}

/** Path filter, the two hide boxes, the row order, and one toggle per status (choosing any shows only those). */
export function TreeToolbar({ counts }: { counts: StatusCounts }) {
  const filter = useDiffStore((state) => state.filter)
  const setFilter = useDiffStore((state) => state.setFilter)
  const toggleStatus = (status: MemberStatus) => {
    const statuses = filter.statuses.includes(status) ? filter.statuses.filter((s) => s !== status) : [...filter.statuses, status]
    setFilter({ statuses })
  }

  const overridden = filter.statuses.length > 0

  return (
    <div className="tree-toolbar">
      <input
        type="search"
        className="path-filter"
        placeholder="Filter by path"
        aria-label="Filter members by path"
        data-testid="path-filter"
        value={filter.text}
        onChange={(event) => setFilter({ text: event.target.value })}
      />
      <div className="tree-toggles">
        <HideBox testId="hide-identical" label="Hide identical" checked={filter.hideIdentical} overridden={overridden}
          onChange={(hideIdentical) => setFilter({ hideIdentical })} />
        {/* Its count is always in view: the rows it hides are one click away. */}
        <HideBox testId="hide-metadata-only" label={`Hide metadata-only (${counts.metadata})`} checked={filter.hideMetadataOnly} overridden={overridden}
          onChange={(hideMetadataOnly) => setFilter({ hideMetadataOnly })} />
        <div className="status-toggles" role="group" aria-label="Show only these statuses">
          {COUNT_ORDER.map((status) => (
            <button
              key={status}
              type="button"
              className="status-toggle"
              aria-pressed={filter.statuses.includes(status)}
              title={`Show only: ${STATUS_LOOK[status].label}`}
              data-testid={`status-toggle-${status}`}
              disabled={counts[status] === 0 && !filter.statuses.includes(status)}
              onClick={() => toggleStatus(status)}
            >
              <StatusIcon status={status} /> {counts[status]}
            </button>
          ))}
        </div>
        <label className="tree-sort">
          Order
          <select data-testid="tree-sort" value={filter.sort} onChange={(event) => setFilter({ sort: event.target.value as TreeSort })}>
            {TREE_SORTS.map(({ sort, label }) => <option key={sort} value={sort}>{label}</option>)}
          </select>
        </label>
      </div>
    </div>
  )
}
