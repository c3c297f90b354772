import type { MemberStatus } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import type { StatusCounts } from '../../store/selectors'
import { COUNT_ORDER, STATUS_LOOK } from '../status'
import { StatusIcon } from './StatusIcon'

/** Path filter, "hide identical", and one toggle per status (choosing any shows only those). */
export function TreeToolbar({ counts }: { counts: StatusCounts }) {
  const filter = useDiffStore((state) => state.filter)
  const setFilter = useDiffStore((state) => state.setFilter)
  const toggleStatus = (status: MemberStatus) => {
    const statuses = filter.statuses.includes(status) ? filter.statuses.filter((s) => s !== status) : [...filter.statuses, status]
    setFilter({ statuses })
  }

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
        <label className="checkbox" title={filter.statuses.length ? 'A status choice below overrides this' : undefined}>
          <input
            type="checkbox"
            data-testid="hide-identical"
            checked={filter.hideIdentical}
            onChange={(event) => setFilter({ hideIdentical: event.target.checked })}
          />
          Hide identical
        </label>
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
      </div>
    </div>
  )
}
