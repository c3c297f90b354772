import { useMemo, useState } from 'react'
import type { MemberComparison, Report } from '../../core/types-public'
import { useDiffStore, type Filter } from '../../store/diff-store'
import { causeMemberPaths, causesByMember, findFinding } from '../../store/findings'
import { buildMemberTree, countVisibleMembers, filterMemberTree, flattenTree, type TreeRow as TreeRowData } from '../../store/selectors'
import { causeLabel } from '../causes'
import { useTreeKeyboard } from '../hooks/useTreeKeyboard'
import { TreeRow } from './TreeRow'
import { TreeToolbar } from './TreeToolbar'

/** Rendering more rows than this makes the page sluggish; past it, ask for a narrower filter instead. */
const MAX_ROWS = 3000

function emptyMessage(report: Report, filter: Filter, causeFilter: string | null): string {
  if (causeFilter) return 'None of this cause\u2019s members matches the path or status filter.'
  const allIdentical = report.members.length > 0 && report.counts.identical === report.members.length
  if (allIdentical && filter.hideIdentical && !filter.text.trim() && filter.statuses.length === 0) {
    return `All ${report.members.length} members are identical. Untick “Hide identical” to list them.`
  }
  return report.members.length === 0 ? 'No members could be read.' : 'No member matches the filter.'
}

/** While the tree shows one finding's members only: which one, and the way back to all of them. */
function CauseFilterBar({ report, id }: { report: Report; id: string }) {
  const setCauseFilter = useDiffStore((state) => state.setCauseFilter)
  const showCause = useDiffStore((state) => state.showCause)
  const entry = findFinding(report.findings, id)
  if (!entry) return null
  return (
    <div className="cause-filter" data-testid="cause-filter" data-cause={entry.finding.cause}>
      <span>Only members of</span>
      <button type="button" className="link-button" title={entry.finding.title} onClick={() => showCause(id)}>{causeLabel(entry.finding.cause)}</button>
      <button type="button" className="button small" data-testid="clear-cause-filter" onClick={() => setCauseFilter(null)}>Show all</button>
    </div>
  )
}

/** The members as a folder tree, filtered by the store's filter (and a cause, if chosen); a click selects a member. */
export function MemberTree({ report }: { report: Report }) {
  const filter = useDiffStore((state) => state.filter)
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const select = useDiffStore((state) => state.select)
  const causeFilter = useDiffStore((state) => state.causeFilter)
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())

  const tree = useMemo(() => buildMemberTree(report.members), [report])
  const only = useMemo(() => causeMemberPaths(report.findings, causeFilter), [report, causeFilter])
  const visible = useMemo(() => filterMemberTree(tree, filter, only), [tree, filter, only])
  const causes = useMemo(() => causesByMember(report.findings), [report])
  const rows = useMemo(() => flattenTree(visible, collapsed), [visible, collapsed])
  const shown = countVisibleMembers(visible)

  const setOpen = (key: string, open: boolean) => {
    setCollapsed((current) => {
      if (current.has(key) !== open) return current
      const next = new Set(current)
      if (open) next.delete(key)
      else next.add(key)
      return next
    })
  }
  const toggle = (key: string) => setOpen(key, collapsed.has(key))
  const onKeyDown = useTreeKeyboard(setOpen)
  const onSelect = (member: MemberComparison) => void select(member.path)
  const isSelected = (row: TreeRowData) => row.node.member !== null && row.node.member.path === selectedPath
  const rowKey = ({ node }: TreeRowData) =>
    // Paths can repeat in a hostile archive; the side indices keep keys unique.
    node.kind === 'folder' ? node.key : `${node.member.path}\u0000${node.member.left?.index}\u0000${node.member.right?.index}`

  return (
    <nav className="member-tree" aria-label="Members">
      <TreeToolbar counts={tree.counts} />
      {only && causeFilter && <CauseFilterBar report={report} id={causeFilter} />}
      <p className="tree-summary muted" data-testid="tree-summary">
        Showing {shown} of {report.members.length} members
      </p>
      {rows.length === 0 ? (
        <p className="tree-empty muted">{emptyMessage(report, filter, only ? causeFilter : null)}</p>
      ) : (
        <ul className="tree" role="tree" aria-label="Archive members" onKeyDown={onKeyDown}>
          {rows.slice(0, MAX_ROWS).map((row) => (
            <TreeRow
              key={rowKey(row)}
              row={row}
              isSelected={isSelected(row)}
              causes={row.node.member ? causes.get(row.node.member.path) : undefined}
              isCollapsed={row.node.kind === 'folder' && collapsed.has(row.node.key)}
              onSelect={onSelect}
              onToggle={toggle}
            />
          ))}
        </ul>
      )}
      {rows.length > MAX_ROWS && <p className="muted tree-more">{rows.length - MAX_ROWS} more rows not shown: narrow the filter.</p>}
    </nav>
  )
}
