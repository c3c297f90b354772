/**
 * The overview map's layout: a squarified treemap (Bruls, Huizing and van Wijk, "Squarified Treemaps", 2000) of the
 * filtered member tree, by folder as disk-usage tools draw it. A pure function of the tree and a rectangle: no React,
 * no DOM, tested in Node.
 *
 * - A member's tile has the area of the larger side's bytes, in proportion to the whole.
 * - A member that is not identical, or that a security finding names, gets at least `minTileArea` px²: a 40-byte
 *   injected `.pth` next to a 30 MiB `.so` must never be a sub-pixel tile. Those members' weights are raised to a
 *   threshold solved so that their share of the canvas is exactly that area (the boost changes the total it is a share of).
 * - Folders (and nested archives, which the tree already shows as folders) are tiles holding their children; there is
 *   no padding, so areas stay exactly proportional, and folders are drawn as outlines.
 * - Tiles come out in the tree's row order (folders first, then by name, depth first), so the keyboard steps through
 *   the map as through the tree. Explicit stacks throughout: a path 20,000 folders deep must not overflow.
 */
import type { MemberComparison } from '../core/types-public'
import { foldersOf, type FolderNode } from './selectors'

export interface MapTile {
  x: number
  y: number
  w: number
  h: number
  kind: 'member' | 'folder'
  /** The member this tile is (a member tile), or the folder's own directory or container member (a folder tile), if any. */
  member: MemberComparison | null
  /** The folder's key (`a/b/`) for folder tiles, the member's path for member tiles. */
  label: string
  /** Whether a security finding names this member. */
  marked: boolean
  /** 0 for the top level. */
  depth: number
  /**
   * A changed or marked member whose tile is thinner than `MIN_VISIBLE_SIDE` (the minimum area can still be a
   * 0.04 × 400 px sliver beside a huge folder): the rectangle it is drawn in (`liftedRect`), drawn over its
   * neighbours; the hit test finds it there first.
   */
  lifted?: { x: number; y: number; w: number; h: number }
}

/** The least width and height a changed or marked member is drawn with, in px. */
export const MIN_VISIBLE_SIDE = 4

export interface MapLayout {
  width: number
  height: number
  /** Every tile in tree order: each folder before what it holds. Zero-area members (empty identical files) have none. */
  tiles: MapTile[]
  /** Indexes into `tiles` of the member tiles, in tree order: what the arrow keys step through. */
  members: number[]
  /** The area (px²) every changed or marked member gets at least; smaller than asked when there are too many of them to fit. */
  minTileArea: number
}

export interface TreemapOptions {
  /** Paths of the members a security finding names. */
  marked?: ReadonlySet<string>
  /** The least area of a changed or marked member's tile, in px² (default 36: a 6 × 6 tile). */
  minTileArea?: number
}

/** At most this share of the canvas goes to minimum tiles, so identical bulk still shows when thousands changed. */
const MAX_BOOSTED_SHARE = 0.5

function largerSize(member: MemberComparison): number {
  return Math.max(member.left?.size ?? 0, member.right?.size ?? 0, 0)
}

function isBoosted(member: MemberComparison, marked: ReadonlySet<string>): boolean {
  return member.status !== 'identical' || marked.has(member.path)
}

function forEachMember(folders: readonly FolderNode[], visit: (member: MemberComparison) => void): void {
  for (const folder of folders) {
    if (folder.member) visit(folder.member)
    for (const child of folder.children) if (child.kind === 'member') visit(child.member)
  }
}

/**
 * The weight `t` every boosted member is raised to: the fixed point of t = m·W(t)/A, where W(t) is the total weight
 * with the boost applied. With m·k ≤ A/2 the map is a contraction (factor ≤ 1/2), so the loop converges fast.
 */
function boostThreshold(folders: readonly FolderNode[], marked: ReadonlySet<string>, area: number, asked: number): { threshold: number; minTileArea: number } {
  const boosted: number[] = []
  let fixed = 0
  forEachMember(folders, (member) => {
    if (isBoosted(member, marked)) boosted.push(largerSize(member))
    else fixed += largerSize(member)
  })
  if (boosted.length === 0 || area <= 0) return { threshold: 0, minTileArea: asked }
  const minTileArea = Math.min(asked, (MAX_BOOSTED_SHARE * area) / boosted.length)
  const total = (threshold: number) => {
    let sum = fixed
    for (const raw of boosted) sum += raw > threshold ? raw : threshold
    return sum
  }
  // Weight units are bytes; a pair of empty files still needs some scale, so it starts at 1.
  let threshold = Math.max((minTileArea * total(0)) / area, 1e-9)
  for (let round = 0; round < 60; round++) {
    const next = (minTileArea * total(threshold)) / area
    if (Math.abs(next - threshold) <= threshold * 1e-12) break
    threshold = next
  }
  return { threshold: (minTileArea * total(threshold)) / area, minTileArea }
}

/** Worst aspect ratio of a row of areas summing to `sum`, laid along a side of length `side` (the paper's `worst`). */
function worst(largest: number, smallest: number, sum: number, side: number): number {
  const side2 = side * side
  const sum2 = sum * sum
  return Math.max((side2 * largest) / sum2, sum2 / (side2 * smallest))
}

/**
 * Lays `weights` (any order) into the rectangle, writing x, y, w, h of item i at out[4i…4i+3]. Items are placed
 * largest first in rows along the shorter side; a row grows while its worst aspect ratio does not get worse.
 */
export function squarify(weights: ArrayLike<number>, x: number, y: number, w: number, h: number, out: Float64Array): void {
  const order: number[] = []
  let total = 0
  for (let index = 0; index < weights.length; index++) {
    out.fill(0, 4 * index, 4 * index + 4)
    if (weights[index] > 0) {
      order.push(index)
      total += weights[index]
    }
  }
  if (total <= 0 || w <= 0 || h <= 0) return
  order.sort((a, b) => weights[b] - weights[a] || a - b)
  const scale = (w * h) / total
  let start = 0
  while (start < order.length) {
    const side = Math.min(w, h)
    const largest = weights[order[start]] * scale
    let sum = largest
    let end = start + 1
    let current = worst(largest, largest, sum, side)
    while (end < order.length) {
      const area = weights[order[end]] * scale
      const next = worst(largest, area, sum + area, side)
      if (next > current) break
      current = next
      sum += area
      end++
    }
    // The last row takes what is left, so rounding never leaves a gap or spills out of the rectangle.
    const isLast = end === order.length
    const vertical = w >= h
    const thickness = isLast ? (vertical ? w : h) : Math.min(sum / side, vertical ? w : h)
    let along = 0
    for (let position = start; position < end; position++) {
      const index = order[position]
      const length = position === end - 1 ? side - along : (weights[index] * scale) / thickness
      const at = 4 * index
      out[at] = vertical ? x : x + along
      out[at + 1] = vertical ? y + along : y
      out[at + 2] = vertical ? thickness : length
      out[at + 3] = vertical ? length : thickness
      along += length
    }
    if (vertical) {
      x += thickness
      w -= thickness
    } else {
      y += thickness
      h -= thickness
    }
    start = end
  }
}

interface Frame {
  folder: FolderNode
  depth: number
  /** Rectangles of the folder's children by child index; the folder's own member's at the end. */
  rects: Float64Array
  next: number
}

/** The treemap of a (filtered) member tree in a `width` × `height` rectangle at the origin. */
export function layoutTreemap(root: FolderNode, width: number, height: number, options: TreemapOptions = {}): MapLayout {
  const marked = options.marked ?? new Set<string>()
  // Before the box is measured there is nothing to lay out (and 200,000 members would be walked for nothing).
  if (!(width > 0 && height > 0)) return { width, height, tiles: [], members: [], minTileArea: options.minTileArea ?? 36 }
  const folders = foldersOf(root)
  const { threshold, minTileArea } = boostThreshold(folders, marked, width * height, options.minTileArea ?? 36)
  const memberWeight = (member: MemberComparison) => {
    const raw = largerSize(member)
    return isBoosted(member, marked) && raw < threshold ? threshold : raw
  }
  const folderWeight = new Map<FolderNode, number>()
  for (let position = folders.length - 1; position >= 0; position--) {
    const folder = folders[position]
    let sum = folder.member ? memberWeight(folder.member) : 0
    for (const child of folder.children) sum += child.kind === 'member' ? memberWeight(child.member) : folderWeight.get(child) ?? 0
    folderWeight.set(folder, sum)
  }

  const layout: MapLayout = { width, height, tiles: [], members: [], minTileArea }
  const enter = (folder: FolderNode, depth: number, x: number, y: number, w: number, h: number): Frame => {
    const weights = new Float64Array(folder.children.length + 1)
    folder.children.forEach((child, index) => {
      weights[index] = child.kind === 'member' ? memberWeight(child.member) : folderWeight.get(child) ?? 0
    })
    weights[folder.children.length] = folder.member ? memberWeight(folder.member) : 0
    const rects = new Float64Array(4 * weights.length)
    squarify(weights, x, y, w, h, rects)
    const own = 4 * folder.children.length
    if (folder.member && rects[own + 2] * rects[own + 3] > 0) addTile(layout, 'member', folder.member, folder.member.path, rects, own, depth, marked)
    return { folder, depth, rects, next: 0 }
  }

  const stack: Frame[] = [enter(root, 0, 0, 0, width, height)]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    if (top.next >= top.folder.children.length) {
      stack.pop()
      continue
    }
    const index = top.next++
    const child = top.folder.children[index]
    const at = 4 * index
    if (top.rects[at + 2] * top.rects[at + 3] <= 0) continue
    if (child.kind === 'member') {
      addTile(layout, 'member', child.member, child.member.path, top.rects, at, top.depth, marked)
      continue
    }
    addTile(layout, 'folder', child.member, child.key, top.rects, at, top.depth, marked)
    stack.push(enter(child, top.depth + 1, top.rects[at], top.rects[at + 1], top.rects[at + 2], top.rects[at + 3]))
  }
  return layout
}

function addTile(layout: MapLayout, kind: MapTile['kind'], member: MemberComparison | null, label: string, rects: Float64Array, at: number, depth: number, marked: ReadonlySet<string>): void {
  const tile: MapTile = {
    x: rects[at], y: rects[at + 1], w: rects[at + 2], h: rects[at + 3],
    kind, member, label, marked: kind === 'member' && member !== null && marked.has(member.path), depth,
  }
  if (kind === 'member') {
    layout.members.push(layout.tiles.length)
    if (member && isBoosted(member, marked) && Math.min(tile.w, tile.h) < MIN_VISIBLE_SIDE) tile.lifted = liftedRect(tile, layout.width, layout.height)
  }
  layout.tiles.push(tile)
}

/**
 * Where a sliver is drawn: each side at least MIN_VISIBLE_SIDE and at most twice the side of a square of its area, about
 * its centre, kept on the canvas. A 16 px² member beside a 30 MB folder is laid out 0.04 × 400 px (the treemap has no
 * other room for it); drawing it 400 px tall would claim a size it does not have, so it becomes a small near-square mark.
 */
function liftedRect(tile: MapTile, width: number, height: number): { x: number; y: number; w: number; h: number } {
  const most = 2 * Math.max(MIN_VISIBLE_SIDE, Math.sqrt(tile.w * tile.h))
  const fit = (start: number, length: number, limit: number) => {
    const size = Math.min(limit, Math.max(MIN_VISIBLE_SIDE, Math.min(length, most)))
    return [Math.min(limit - size, Math.max(0, start + length / 2 - size / 2)), size]
  }
  const [x, w] = fit(tile.x, tile.w, width)
  const [y, h] = fit(tile.y, tile.h, height)
  return { x, y, w, h }
}
