import type { MouseEvent } from 'react'
import type { MemberComparison, MemberStatus } from '../../core/types-public'
import type { TreeRow as Row } from '../../store/selectors'
import { causeLabel } from '../causes'
import { CONFUSABLE_NAME, unreadSides, unreadTitle } from '../member-marks'
import { STATUS_LOOK } from '../status'
import { StatusIcon } from './StatusIcon'

interface TreeRowProps {
  row: Row
  isSelected: boolean
  isCollapsed: boolean
  /** Causes (finding ids' causes) that name this row's member; shown in its tooltip. */
  causes?: string[]
  onSelect(member: MemberComparison): void
  onToggle(folderKey: string): void
}

/** Statuses a folder summarises; identical ones are the quiet majority, shown last. */
const FOLDER_COUNT_ORDER: readonly MemberStatus[] = ['modified', 'left-only', 'right-only', 'metadata', 'identical']

function hasError(member: MemberComparison): boolean {
  return Boolean(member.left?.error || member.right?.error)
}

/** Hooks for automated checks: every member row carries its path and status. */
function memberAttributes(member: MemberComparison | null) {
  if (!member) return {}
  return { 'data-testid': 'member-row', 'data-path': member.path, 'data-status': member.status }
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
      {causes?.includes(CONFUSABLE_NAME) && (
        <span className="row-badge is-security" data-testid="confusable-badge" title="This name hides what it is (invisible characters or mixed scripts): see the member's detail">
          confusable name
        </span>
      )}
      {unread.length > 0 && <span className="row-badge is-unread" data-testid="unread-badge" title={unreadTitle(unread)}>unread</span>}
      {unread.length === 0 && hasError(member) && <span className="row-error" title="This member could not be read">!</span>}
      {member.changed.length > 0 && <span className="row-changed">{member.changed.join(', ')}</span>}
    </>
  )
}

/** The path, and why it differs: a quiet answer on hover, so rows stay one readable line. */
function rowTitle(path: string, causes: string[] | undefined): string {
  return causes?.length ? `${path}\nwhy: ${causes.map(causeLabel).join(', ')}` : path
}

/** One line of the member tree: a folder (collapsible, with counts) or a member (status, name, changed fields). */
export function TreeRow({ row, isSelected, isCollapsed, causes, onSelect, onToggle }: TreeRowProps) {
  const { node, depth } = row
  const indent = { paddingLeft: `${0.5 + Math.min(depth, MAX_INDENT_DEPTH) * 1.1}rem` }
  if (node.kind === 'member') {
    return (
      <li role="none">
        <button type="button" role="treeitem" className="tree-row" style={indent} aria-selected={isSelected} aria-level={depth + 1}
          title={rowTitle(node.member.path, causes)} data-row="" {...memberAttributes(node.member)} onClick={() => onSelect(node.member)}>
          <span className="chevron" aria-hidden="true" />
          <RowLabel member={node.member} name={node.name} causes={causes} />
        </button>
      </li>
    )
  }
  const folder = node
  // A folder that is itself a member (tar `pkg-1.0/`) is selected by a click; the chevron opens and closes it.
  const onClick = () => (folder.member ? onSelect(folder.member) : onToggle(folder.key))
  const onChevron = (event: MouseEvent) => {
    event.stopPropagation()
    onToggle(folder.key)
  }
  return (
    <li role="none">
      <button type="button" role="treeitem" className="tree-row is-folder" style={indent} aria-expanded={!isCollapsed}
        aria-selected={isSelected} aria-level={depth + 1} title={folder.member ? rowTitle(folder.key, causes) : folder.key} data-row="" data-folder-key={folder.key}
        {...memberAttributes(folder.member)} onClick={onClick}>
        <span className="chevron is-toggle" aria-hidden="true" onClick={onChevron}>{isCollapsed ? '▸' : '▾'}</span>
        {folder.member ? <RowLabel member={folder.member} name={`${folder.name}${folder.container ? '!/' : '/'}`} causes={causes} /> : <span className="row-name">{folder.name}/</span>}
        <span className="folder-counts">
          {FOLDER_COUNT_ORDER.filter((status) => folder.counts[status] > 0).map((status) => (
            <span key={status} className={`folder-count status-text-${status}`} title={`${folder.counts[status]} ${STATUS_LOOK[status].label}`}>
              {STATUS_LOOK[status].icon}{folder.counts[status]}
            </span>
          ))}
        </span>
      </button>
    </li>
  )
}
