/**
 * Moving between changes, as pure functions of the report, the tree's filter and what the diff editor found:
 * next/previous changed member in the order the tree lists them (its filter and its order, folders all open), and
 * next/previous change within the open member, rolling over into the next or previous changed member at either
 * end (VS Code's diff editor F7 / Alt+F5, Gerrit's `n`/`p`). No React, no DOM: tested in Node.
 */
import type { MemberComparison, Report } from '../core/types-public'
import type { Filter } from './diff-store'
import { causeMemberPaths } from './findings'
import { buildMemberTree, flatMemberRows, type FolderNode } from './selectors'
import { sortMembers, type SortedMember, type TreeSort } from './tree-filter'
import { visibleTreeRows } from './tree-rows'

export type Direction = 1 | -1

/** The open member's line changes as the diff editor computed them, and the one last revealed (-1: none yet). */
export interface ChangeCursor {
  path: string
  count: number
  current: number
}

/** Which change of a member the diff editor should reveal: its first, its last, or one by index. */
export type ChangeTarget = 'first' | 'last' | number

/** The members the tree shows, in its order, and which of them changed (anything but identical). */
export interface MemberOrder {
  paths: readonly string[]
  /** Positions in `paths` of the changed members, ascending. */
  changed: readonly number[]
  /** Path → its first position in `paths` (a hostile archive may repeat a path; selection is by path anyway). */
  position: ReadonlyMap<string, number>
}

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set()

// One tree and one sorted list per report (and order), made on first use: building them costs ~0.3 s at 200,000 members.
const trees = new WeakMap<readonly MemberComparison[], FolderNode>()
const sorted = new WeakMap<readonly MemberComparison[], Map<TreeSort, SortedMember[]>>()

/** The report's folder tree, built once per report (the tree's own and this module's can share it). */
export function memberTreeOf(members: readonly MemberComparison[]): FolderNode {
  let tree = trees.get(members)
  if (!tree) trees.set(members, (tree = buildMemberTree(members)))
  return tree
}

/** The members in a flat order, sorted once per report and order (shared with the tree, like `memberTreeOf`). */
export function sortedMembersOf(members: readonly MemberComparison[], sort: Exclude<TreeSort, 'path'>): SortedMember[] {
  let bySort = sorted.get(members)
  if (!bySort) sorted.set(members, (bySort = new Map()))
  let list = bySort.get(sort)
  if (!list) bySort.set(sort, (list = sortMembers(members, sort)))
  return list
}

/** The visible members in tree order (members inside collapsed folders included: they are shown once opened). */
function visibleMembers(members: readonly MemberComparison[], filter: Filter, only: ReadonlySet<string> | null): MemberComparison[] {
  const rows = filter.sort === 'path'
    ? visibleTreeRows(memberTreeOf(members), filter, only, NOTHING_COLLAPSED).rows
    : flatMemberRows(sortedMembersOf(members, filter.sort), filter, only)
  const found: MemberComparison[] = []
  for (const row of rows) if (row.node.member) found.push(row.node.member)
  return found
}

let lastOrder: { report: Report; filter: Filter; causeFilter: string | null; order: MemberOrder } | null = null

/**
 * The tree's order for this filter and cause filter (the store's `causeFilter` id), remembered for the last ones
 * asked: each key press and each render of the navigator asks again.
 */
export function memberOrder(report: Report, filter: Filter, causeFilter: string | null): MemberOrder {
  const cached = lastOrder
  if (cached && cached.report === report && cached.filter === filter && cached.causeFilter === causeFilter) return cached.order
  const members = visibleMembers(report.members, filter, causeMemberPaths(report.findings, causeFilter))
  const paths: string[] = []
  const changed: number[] = []
  const position = new Map<string, number>()
  members.forEach((member, index) => {
    paths.push(member.path)
    if (member.status !== 'identical') changed.push(index)
    if (!position.has(member.path)) position.set(member.path, index)
  })
  const order = { paths, changed, position }
  lastOrder = { report, filter, causeFilter, order }
  return order
}

/** First index in the ascending list whose value is above `value` (binary search: 500,000 members). */
function firstAbove(list: readonly number[], value: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (list[middle] > value) high = middle
    else low = middle + 1
  }
  return low
}

/**
 * The changed member after (or before) the selected one in the tree's order. With no selection, or one the filter
 * hides, next is the first changed member and previous the last. Null: none further that way.
 */
export function stepMember(order: MemberOrder, selected: string | null, direction: Direction): string | null {
  const { changed, paths } = order
  if (changed.length === 0) return null
  const at = selected === null ? undefined : order.position.get(selected)
  if (at === undefined) return paths[changed[direction === 1 ? 0 : changed.length - 1]]
  const after = firstAbove(changed, at)
  // Before `at`: the last changed index below it (the one at `at` itself, if changed, is skipped either way).
  const before = after - 1 - (changed[after - 1] === at ? 1 : 0)
  const index = direction === 1 ? after : before
  return index >= 0 && index < changed.length ? paths[changed[index]] : null
}

/** "member 2 of 13": the selected member's place among the changed members shown (0 when it is not one of them). */
export function memberPlace(order: MemberOrder, selected: string | null): { place: number; total: number } {
  const total = order.changed.length
  const at = selected === null ? undefined : order.position.get(selected)
  if (at === undefined) return { place: 0, total }
  const index = firstAbove(order.changed, at) - 1
  return { place: index >= 0 && order.changed[index] === at ? index + 1 : 0, total }
}

export type ChangeStep =
  | { kind: 'reveal'; index: number }
  | { kind: 'open'; path: string; at: 'first' | 'last' }
  /** The open member's changes are still being computed: the step would skip them, so nothing moves yet. */
  | { kind: 'wait' }
  | { kind: 'none' }

/**
 * Next or previous change. Within the open member while it has one that way; past its last (first) change, or when
 * it has none (binary, metadata only, not text), the next (previous) changed member opens at its first (last) change.
 * `pending`: the open member is text whose diff is not computed yet.
 */
export function stepChange(order: MemberOrder, selected: string | null, changes: ChangeCursor | null, direction: Direction, pending: boolean): ChangeStep {
  const cursor = changes && changes.path === selected ? changes : null
  if (selected !== null && !cursor && pending) return { kind: 'wait' }
  if (cursor && cursor.count > 0) {
    // Nothing revealed yet (scrolled by hand before the first reveal): next is the first change, previous the last.
    const index = cursor.current < 0 ? (direction === 1 ? 0 : cursor.count - 1) : cursor.current + direction
    if (index >= 0 && index < cursor.count) return { kind: 'reveal', index }
  }
  const path = stepMember(order, selected, direction)
  return path === null ? { kind: 'none' } : { kind: 'open', path, at: direction === 1 ? 'first' : 'last' }
}

/**
 * Whether the open member's text diff is still to come: its content is loading, or is text the editor is comparing.
 * Links, directories and special files never get a diff (ContentView shows a summary), so they never wait.
 */
export function isDiffPending(member: MemberComparison | undefined, content: { status: string; isText?: boolean }): boolean {
  if (!member || member.type === 'dir' || member.type === 'other') return false
  const types = [member.left?.type, member.right?.type]
  if (types.includes('symlink') || types.includes('hardlink')) return false
  return content.status === 'loading' || (content.status === 'ready' && content.isText === true)
}

/** The index a target names among `count` changes (-1 when there are none). */
export function targetIndex(target: ChangeTarget, count: number): number {
  if (count === 0) return -1
  if (target === 'first') return 0
  if (target === 'last') return count - 1
  return Math.max(0, Math.min(count - 1, target))
}
