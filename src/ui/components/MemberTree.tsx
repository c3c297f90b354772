import { useDeferredValue, useMemo, useState } from 'react'
import type { Report } from '../../core/types-public'
import { useDiffStore, type Filter } from '../../store/diff-store'
import { causeMemberPaths, causesByMember, findFinding } from '../../store/findings'
import { memberTreeOf, sortedMembersOf } from '../../store/navigation'
import { flatMemberRows, type TreeRow as TreeRowData } from '../../store/selectors'
import { visibleTreeRows } from '../../store/tree-rows'
import { causeLabel } from '../causes'
import '../tree.css'
import { TreeList } from './TreeList'
import { TreeToolbar } from './TreeToolbar'

function emptyMessage(report: Report, filter: Filter, causeFilter: string | null): string {
  if (causeFilter) return 'None of this cause\u2019s members matches the path or status filter.'
  const allIdentical = report.members.length > 0 && report.counts.identical === report.members.length
  const unfiltered = !filter.text.trim() && filter.statuses.length === 0
  if (allIdentical && filter.hideIdentical && unfiltered) {
    return `All ${report.members.length} members are identical. Untick “Hide identical” to list them.`
  }
  if (filter.hideMetadataOnly && unfiltered && report.counts.metadata > 0) {
    return `The ${report.counts.metadata} members that differ differ only in metadata. Untick “Hide metadata-only” to list them.`
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

/** The rows the tree shows: the filtered folder tree by path, or one flat list in the chosen order; each computed in one pass. */
function useRows(report: Report, filter: Filter, only: ReadonlySet<string> | null, collapsed: ReadonlySet<string>) {
  // One tree and one sorted list per report, shared with the page's navigation and the map (store/navigation.ts).
  const tree = useMemo(() => memberTreeOf(report.members), [report])
  const sorted = useMemo(() => (filter.sort === 'path' ? null : sortedMembersOf(report.members, filter.sort)), [report, filter.sort])
  const { rows, shown } = useMemo(() => {
    if (!sorted) return visibleTreeRows(tree, filter, only, collapsed)
    const flat = flatMemberRows(sorted, filter, only)
    return { rows: flat, shown: flat.length }
  }, [tree, sorted, filter, only, collapsed])
  return { tree, rows, shown }
}

/** The members as a folder tree, filtered by the store's filter (and a cause, if chosen); a click or Enter selects a member. */
export function MemberTree({ report }: { report: Report }) {
  // Typing in the path filter stays responsive: the rows follow the text as soon as the main thread is free.
  const filter = useDeferredValue(useDiffStore((state) => state.filter))
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const select = useDiffStore((state) => state.select)
  const causeFilter = useDiffStore((state) => state.causeFilter)
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())

  const only = useMemo(() => causeMemberPaths(report.findings, causeFilter), [report, causeFilter])
  const causes = useMemo(() => causesByMember(report.findings), [report])
  const { tree, rows, shown } = useRows(report, filter, only, collapsed)
  const selected = useMemo(() => (selectedPath === null ? -1 : rows.findIndex((row) => row.node.member?.path === selectedPath)), [rows, selectedPath])

  const setOpen = (row: TreeRowData, open: boolean) => {
    if (row.node.kind !== 'folder') return
    const key = row.node.key
    setCollapsed((current) => {
      if (current.has(key) !== open) return current
      const next = new Set(current)
      if (open) next.delete(key)
      else next.add(key)
      return next
    })
  }
  const activate = (row: TreeRowData) => {
    if (row.node.member) void select(row.node.member.path)
    else setOpen(row, row.node.kind === 'folder' && collapsed.has(row.node.key))
  }
  const causesOf = (row: TreeRowData) => (row.node.member ? causes.get(row.node.member.path) : undefined)

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
        <TreeList rows={rows} collapsed={collapsed} selected={selected} causesOf={causesOf} activate={activate} setOpen={setOpen} />
      )}
    </nav>
  )
}
