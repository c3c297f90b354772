import type { MouseEvent } from 'react'
import type { MemberComparison, MemberStatus } from '../../core/types-public'
import type { FolderNode, TreeRow as Row } from '../../store/selectors'
import { causeLabel } from '../causes'
import { CONFUSABLE_NAME, unreadSides, unreadTitle } from '../member-marks'
import { STATUS_LOOK } from '../status'
import { StatusIcon } from './StatusIcon'
import { TRACE_LOOK } from './TraceVerdict'

interface TreeRowProps {
  row: Row
  /** The row's index in the whole (virtualised) list; `data-index` carries it for the list's focus handling. */
  index: number
  /** Its top in the list, in pixels: rows are placed absolutely, at a fixed height (tree.css). */
  top: number
  isSelected: boolean
  isCollapsed: boolean
  /** The one row in the Tab order (roving tabindex). */
  isActive: boolean
  /** Causes (finding ids' causes) that name this row's member; shown in its tooltip. */
  causes?: string[]
  /** A click on the row: selects its member, or opens/closes a folder without one. */
  onActivate(index: number): void
  /** A click on a folder's chevron: opens or closes it. */
  onToggle(index: number): void
}

/** Statuses a folder summarises; identical ones are the quiet majority, shown last. */
const FOLDER_COUNT_ORDER: readonly MemberStatus[] = ['modified', 'left-only', 'right-only', 'metadata', 'identical']

function hasError(member: MemberComparison): boolean {
  return Boolean(member.left?.error || member.right?.error)
}

/** Hooks for automated checks: every member row carries its path and status. */
function memberAttributes(member: MemberComparison | null) {
  if (!member) return {}
  return { 'data-testid': 'member-row', 'data-path': member.path, 'data-status': member.status, ...(member.trace ? { 'data-trace': member.trace.status } : {}) }
}

/**
 * Indentation stops growing past this depth: a path 20,000 levels deep would push its row thousands of
 * screens to the right. The row's aria-level and title keep the real depth and path.
 */
const MAX_INDENT_DEPTH = 24

function RowLabel({ member, name, causes }: { member: MemberComparison; name: string; causes?: string[] }) {
  const unread = unreadSides(member)
  return (
    <>
      <StatusIcon status={member.status} />
      <span className="row-name">{name}</span>
      {member.trace && <span className={`row-trace trace-text-${member.trace.status}`} title={TRACE_LOOK[member.trace.status].title}>{TRACE_LOOK[member.trace.status].glyph} {TRACE_LOOK[member.trace.status].label}</span>}
      {causes?.includes(CONFUSABLE_NAME) && (
        <span className="row-badge is-security" data-testid="confusable-badge" title="This name hides what it is (invisible characters or mixed scripts): see the member's detail">
          confusable name
        </span>
      )}
      {unread.length > 0 && <span className="row-badge is-unread" data-testid="unread-badge" title={unreadTitle(unread)}>unread</span>}
      {unread.length === 0 && hasError(member) && <span className="row-error" title="This member could not be read">!</span>}
      {/* Takes only the room the name leaves (tree.css): the name is what identifies the row; the list is in the title too. */}
      {member.changed.length > 0 && <span className="row-changed">{member.changed.join(', ')}</span>}
    </>
  )
}

/** The path, what changed and why: a quiet answer on hover, so rows stay one readable line. */
function rowTitle(path: string, member: MemberComparison | null, causes: string[] | undefined): string {
  const lines = [path]
  if (member && member.changed.length > 0) lines.push(`changed: ${member.changed.join(', ')}`)
  if (causes?.length) lines.push(`why: ${causes.map(causeLabel).join(', ')}`)
  return lines.join('\n')
}

/** The WAI-ARIA attributes of a row: its level and place among its siblings, the roving tabindex, the selection. */
function treeItemProps(row: Row, index: number, isActive: boolean, isSelected: boolean) {
  return {
    role: 'treeitem', 'aria-level': row.depth + 1, 'aria-posinset': row.position, 'aria-setsize': row.setSize, 'aria-selected': isSelected,
    tabIndex: isActive ? 0 : -1, 'data-row': '', 'data-index': index,
  } as const
}

function FolderCounts({ counts }: { counts: FolderNode['counts'] }) {
  return (
    <span className="folder-counts">
      {FOLDER_COUNT_ORDER.filter((status) => counts[status] > 0).map((status) => (
        <span key={status} className={`folder-count status-text-${status}`} title={`${counts[status]} ${STATUS_LOOK[status].label}`}>
          {STATUS_LOOK[status].icon}{counts[status]}
        </span>
      ))}
    </span>
  )
}

/** One line of the member tree: a folder (collapsible, with counts) or a member (status, name, changed fields). */
export function TreeRow({ row, index, top, isSelected, isCollapsed, isActive, causes, onActivate, onToggle }: TreeRowProps) {
  const { node, depth } = row
  const style = { transform: `translateY(${top}px)`, paddingLeft: `${0.5 + Math.min(depth, MAX_INDENT_DEPTH) * 1.1}rem` }
  const item = treeItemProps(row, index, isActive, isSelected)
  if (node.kind === 'member') {
    return (
      <div className="tree-row" style={style} {...item} title={rowTitle(node.member.path, node.member, causes)} {...memberAttributes(node.member)} onClick={() => onActivate(index)}>
        <span className="chevron" aria-hidden="true" />
        <RowLabel member={node.member} name={node.name} causes={causes} />
      </div>
    )
  }
  const folder = node
  const onChevron = (event: MouseEvent) => {
    // A folder that is itself a member (tar `pkg-1.0/`) is selected by a click on the row; the chevron opens and closes it.
    event.stopPropagation()
    onToggle(index)
  }
  return (
    <div className="tree-row is-folder" style={style} {...item} aria-expanded={!isCollapsed} data-folder-key={folder.key}
      title={rowTitle(folder.key, folder.member, causes)} {...memberAttributes(folder.member)} onClick={() => onActivate(index)}>
      <span className="chevron is-toggle" aria-hidden="true" onClick={onChevron}>{isCollapsed ? '▸' : '▾'}</span>
      {folder.member ? <RowLabel member={folder.member} name={`${folder.name}${folder.container ? '!/' : '/'}`} causes={causes} /> : <span className="row-name">{folder.name}/</span>}
      <FolderCounts counts={folder.counts} />
    </div>
  )
}
