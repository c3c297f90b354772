/**
 * Pure views of the report for the page: the member tree (folders with per-status counts), the
 * filter, and the flat row list the tree renders. No React, no DOM: tested in Node.
 */
import type { MemberComparison, MemberStatus } from '../core/types-public'
import type { Filter } from './diff-store'
import { memberFilter, searchText, type SortedMember } from './tree-filter'

export type StatusCounts = Record<MemberStatus, number>

export interface FolderNode {
  kind: 'folder'
  /** One path segment; a leading `/` or an empty segment gets a visible name, never nothing. */
  name: string
  /** Segments joined with `/`, ending in `/`: unique per folder, used as its key. */
  key: string
  /** The directory member stored for this folder (tar `pkg-1.0/`, zip `pkg/`), if any. */
  member: MemberComparison | null
  children: TreeNode[]
  /** Members anywhere under this folder (its own directory member included), by status, before filtering. */
  counts: StatusCounts
  /** A nested archive (wheel, zip, tar, …) opened like a folder: `member` is the container entry, its members below. */
  container?: true
  /** `searchText(member)` once `member` is set, else empty: what the path filter matches. */
  search: string
}

export interface MemberNode {
  kind: 'member'
  name: string
  member: MemberComparison
  /** `searchText(member)`, made once when the tree is built. */
  search: string
}

export type TreeNode = FolderNode | MemberNode

export interface TreeRow {
  node: TreeNode
  depth: number
  /** Row index of the folder holding this row, -1 at the top (Left goes there). */
  parent: number
  /** 1-based place among the shown siblings, and their number (`aria-posinset`, `aria-setsize`). */
  position: number
  setSize: number
}

export const STATUS_ORDER: readonly MemberStatus[] = ['modified', 'left-only', 'right-only', 'metadata', 'identical']

export function emptyCounts(): StatusCounts {
  return { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }
}

/** Folders first, then by name in code-point order, so the tree looks the same on every machine. */
function compareNodes(a: TreeNode, b: TreeNode): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

function segmentName(segment: string, position: number): string {
  if (segment !== '') return segment
  // An absolute or doubled-slash path must stay visible: a reviewer has to notice `/etc/...` in a tarball.
  return position === 0 ? '/' : '(empty name)'
}

function newFolder(name: string, key: string, container = false): FolderNode {
  const folder: FolderNode = { kind: 'folder', name, key, member: null, children: [], counts: emptyCounts(), search: '' }
  if (container) folder.container = true
  return folder
}

/** One step of a member's path: a directory, or a nested archive (`x.whl` in `x.whl!/x/a.py`), and its place in its own archive's path. */
interface Segment {
  name: string
  container: boolean
  position: number
}

/**
 * The steps of a report path: split at each `!/` (a nested archive; a stored `!/` is shown `!\/` and is not
 * split), then at `/`. The last piece before each `!/` is the container, opened like a folder.
 */
function pathSegments(path: string): Segment[] {
  const segments: Segment[] = []
  const parts = path.split('!/')
  parts.forEach((part, partIndex) => {
    const pieces = part.split('/')
    pieces.forEach((name, position) => segments.push({ name, container: position === pieces.length - 1 && partIndex < parts.length - 1, position }))
  })
  return segments
}

/** Child folders by segment while a tree is built: a folder with 500,000 sub-folders must not be scanned per member. */
type FolderIndex = Map<FolderNode, Map<string, FolderNode>>

/**
 * Walks (creating as needed) the folders for `segments` and counts the member in each folder on the
 * way, the root included, so every folder's counts cover its whole subtree.
 */
function walkFolders(root: FolderNode, segments: Segment[], status: MemberStatus, index: FolderIndex): FolderNode {
  let folder = root
  folder.counts[status]++
  segments.forEach(({ name, container, position }) => {
    let byName = index.get(folder)
    if (!byName) index.set(folder, (byName = new Map()))
    // A container and a directory of the same name are two folders (`x.whl!/` and `x.whl/`).
    const step = `${name}${container ? '!/' : '/'}`
    let next = byName.get(step)
    if (!next) {
      next = newFolder(segmentName(name, position), `${folder.key}${step}`, container)
      folder.children.push(next)
      byName.set(step, next)
    }
    next.counts[status]++
    folder = next
  })
  return folder
}

function memberNode(name: string, member: MemberComparison): MemberNode {
  return { kind: 'member', name, member, search: searchText(member) }
}

function setFolderMember(folder: FolderNode, member: MemberComparison): void {
  folder.member = member
  folder.search = searchText(member)
}

/** Builds the folder tree of the members; a directory member becomes its folder's own row. */
export function buildMemberTree(members: readonly MemberComparison[]): FolderNode {
  const root = newFolder('', '')
  const index: FolderIndex = new Map()
  const containers = new Set<string>()
  for (const member of members) if (member.container !== undefined) containers.add(member.container)
  for (const member of members) {
    const trailingSlash = member.path.endsWith('/')
    const segments = pathSegments(trailingSlash ? member.path.slice(0, -1) : member.path)
    if (containers.has(member.path)) {
      // A nested archive: its own row is the folder that holds its members (counts per status include them).
      segments[segments.length - 1].container = true
      const folder = walkFolders(root, segments, member.status, index)
      if (!folder.member) setFolderMember(folder, member)
      else folder.children.push(memberNode(folder.name, member))
      continue
    }
    if (member.type === 'dir' || trailingSlash) {
      const folder = walkFolders(root, segments, member.status, index)
      if (!folder.member) {
        setFolderMember(folder, member)
        continue
      }
      // Two members claim the same folder (`pkg/` and a `pkg` dir entry): list the second as a row inside it.
      folder.children.push(memberNode(folder.name, member))
      continue
    }
    const leaf = segments.pop()!
    const parent = walkFolders(root, segments, member.status, index)
    parent.children.push(memberNode(segmentName(leaf.name, leaf.position), member))
  }
  sortTree(root)
  return root
}

/**
 * Every folder of the tree in tree order, each before its descendants (the map lays them out in this order). A
 * loop over an explicit stack: a path 20,000 levels deep would overflow the call stack of a recursive walk.
 */
export function foldersOf(root: FolderNode): FolderNode[] {
  const folders: FolderNode[] = []
  const stack = [root]
  while (stack.length > 0) {
    const folder = stack.pop()!
    folders.push(folder)
    for (let index = folder.children.length - 1; index >= 0; index--) {
      const child = folder.children[index]
      if (child.kind === 'folder') stack.push(child)
    }
  }
  return folders
}

function sortTree(root: FolderNode): void {
  for (const folder of foldersOf(root)) folder.children.sort(compareNodes)
}

/** Whether a member passes the filter (precedence: `memberFilter` in tree-filter.ts). */
export function isMemberVisible(member: MemberComparison, filter: Filter, only: ReadonlySet<string> | null = null): boolean {
  return memberFilter(filter, only)(member, searchText(member))
}

/**
 * The tree with hidden members removed (`only`: see isMemberVisible). A folder stays while anything inside it is visible; its own
 * directory member is dropped when that member is filtered out. Counts keep their unfiltered values. Folders are
 * filtered deepest first (the reverse of foldersOf), so each finds its sub-folders already done, without recursion.
 */
export function filterMemberTree(root: FolderNode, filter: Filter, only: ReadonlySet<string> | null = null): FolderNode {
  const folders = foldersOf(root)
  const isVisible = memberFilter(filter, only)
  const kept = new Map<FolderNode, FolderNode>()
  for (let position = folders.length - 1; position >= 0; position--) {
    const folder = folders[position]
    const children: TreeNode[] = []
    for (const child of folder.children) {
      const shown = child.kind === 'member' ? (isVisible(child.member, child.search) ? child : undefined) : kept.get(child)
      if (shown) children.push(shown)
      if (child.kind === 'folder') kept.delete(child)
    }
    const member = folder.member && isVisible(folder.member, folder.search) ? folder.member : null
    if (member || children.length > 0 || folder === root) kept.set(folder, { ...folder, member, children })
  }
  return kept.get(root)!
}

/** Rows in display order; children of folders whose key is in `collapsed` are left out. Depth-first over an explicit stack. */
export function flattenTree(root: FolderNode, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = []
  const stack: { folder: FolderNode; next: number; depth: number; row: number }[] = [{ folder: root, next: 0, depth: 0, row: -1 }]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    const siblings = top.folder.children
    if (top.next >= siblings.length) {
      stack.pop()
      continue
    }
    const child = siblings[top.next++]
    rows.push({ node: child, depth: top.depth, parent: top.row, position: top.next, setSize: siblings.length })
    if (child.kind === 'folder' && !collapsed.has(child.key)) stack.push({ folder: child, next: 0, depth: top.depth + 1, row: rows.length - 1 })
  }
  return rows
}

/** One flat row per visible member, in the order given (`sortMembers`), each named by its full path. One pass. */
export function flatMemberRows(sorted: readonly SortedMember[], filter: Filter, only: ReadonlySet<string> | null = null): TreeRow[] {
  const isVisible = memberFilter(filter, only)
  const rows: TreeRow[] = []
  for (const { member, search } of sorted) {
    if (isVisible(member, search)) rows.push({ node: { kind: 'member', name: member.path, member, search }, depth: 0, parent: -1, position: 0, setSize: 0 })
  }
  for (let index = 0; index < rows.length; index++) {
    rows[index].position = index + 1
    rows[index].setSize = rows.length
  }
  return rows
}

/** Number of members a filtered tree still shows (folder rows without a member are not members). */
export function countVisibleMembers(root: FolderNode): number {
  let count = 0
  for (const folder of foldersOf(root)) {
    if (folder.member) count++
    for (const child of folder.children) if (child.kind === 'member') count++
  }
  return count
}

/**
 * The extra argument of `loadContent` for a member of a nested archive (each side's enclosing containers,
 * outermost first), or none at the top level: `loadContent(l, r, max, ...contentChains(member))`.
 */
export function contentChains(member: MemberComparison): [] | [{ left?: number[]; right?: number[] }] {
  if (member.container === undefined) return []
  return [{ left: member.left?.containerIndexes, right: member.right?.containerIndexes }]
}
