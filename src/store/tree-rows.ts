/**
 * The rows the tree renders, filtered and flattened in one depth-first pass over the whole tree (the same rows as
 * `flattenTree(filterMemberTree(…))`, without building the filtered tree in between): at 200,000 members the two
 * passes and the count after them took most of the 100 ms a keystroke in the path filter may take.
 */
import type { Filter } from './diff-store'
import type { FolderNode, TreeRow } from './selectors'
import { memberFilter } from './tree-filter'

interface Frame {
  folder: FolderNode
  depth: number
  /** This folder's row, or -1 (the root, or a folder inside a collapsed one: not drawn). */
  row: number
  /** Whether the folder's children are drawn (it is open, and so is everything above it). */
  emit: boolean
  next: number
  /** Children drawn so far: the next one's `aria-posinset`. */
  drawn: number
  /** Whether any member in the subtree passes the filter: a folder with none is taken out again. */
  visible: boolean
}

/** Rows in display order and the number of members that pass the filter (those inside collapsed folders included). */
export function visibleTreeRows(root: FolderNode, filter: Filter, only: ReadonlySet<string> | null, collapsed: ReadonlySet<string>): { rows: TreeRow[]; shown: number } {
  const isVisible = memberFilter(filter, only)
  const rows: TreeRow[] = []
  let shown = 0
  const stack: Frame[] = [{ folder: root, depth: 0, row: -1, emit: true, next: 0, drawn: 0, visible: false }]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    if (top.next >= top.folder.children.length) {
      stack.pop()
      const parent = stack[stack.length - 1]
      if (!parent) break
      if (top.visible) parent.visible = true
      else if (top.row >= 0) {
        rows.length = top.row
        parent.drawn--
      }
      continue
    }
    const child = top.folder.children[top.next++]
    if (child.kind === 'member') {
      if (!isVisible(child.member, child.search)) continue
      shown++
      top.visible = true
      if (top.emit) rows.push({ node: child, depth: top.depth, parent: top.row, position: ++top.drawn, setSize: 0 })
      continue
    }
    const ownMember = child.member !== null && isVisible(child.member, child.search)
    if (ownMember) shown++
    // A folder whose own directory member is filtered out is still drawn while anything inside it shows, without the member.
    const node = ownMember || child.member === null ? child : { ...child, member: null, search: '' }
    let row = -1
    if (top.emit) {
      row = rows.length
      rows.push({ node, depth: top.depth, parent: top.row, position: ++top.drawn, setSize: 0 })
    }
    stack.push({ folder: child, depth: top.depth + 1, row, emit: top.emit && !collapsed.has(child.key), next: 0, drawn: 0, visible: ownMember })
  }
  setSizes(rows)
  return { rows, shown }
}

/** `aria-setsize`: the number of drawn rows sharing each row's parent, counted in one pass and written in another. */
function setSizes(rows: TreeRow[]): void {
  const children = new Int32Array(rows.length + 1)
  for (const row of rows) children[row.parent + 1]++
  for (const row of rows) row.setSize = children[row.parent + 1]
}
