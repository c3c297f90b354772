/**
 * Painting the overview map on a canvas, from a layout (store/treemap.ts). Colours are the page's CSS variables,
 * read at draw time (so both themes, and a theme switch, are right); the member tiles are written into the pixels
 * (`rasterTiles`), the few lifted and marked ones and the folder outlines drawn over them. The base is drawn once per
 * layout and theme; hover, keyboard focus and the selection go on an overlay canvas, so moving the mouse never
 * repaints 200,000 tiles.
 */
import type { MemberStatus } from '../core/types-public'
import type { MapLayout, MapTile } from '../store/treemap'

type Rect = { x: number; y: number; w: number; h: number }

const STATUSES: readonly MemberStatus[] = ['identical', 'metadata', 'modified', 'left-only', 'right-only']

/** Identical members are drawn muted (their pale background colour); every other status in its full colour. */
const FILL: Record<MemberStatus, string> = {
  identical: '--identical-bg', metadata: '--metadata', modified: '--modified', 'left-only': '--left-only', 'right-only': '--right-only',
}

export function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'gray'
}

/** Sizes the canvas's backing store for the device pixel ratio and returns its context, scaled to CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1
  const pixelWidth = Math.max(1, Math.round(width * ratio))
  const pixelHeight = Math.max(1, Math.round(height * ratio))
  if (canvas.width !== pixelWidth) canvas.width = pixelWidth
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight
  const context = canvas.getContext('2d')
  if (!context) return null
  context.setTransform(ratio, 0, 0, ratio, 0, 0)
  context.clearRect(0, 0, width, height)
  return context
}

function shown(tile: MapTile): Rect {
  return tile.lifted ?? tile
}

function fillTiles(context: CanvasRenderingContext2D, tiles: readonly MapTile[], color: string): void {
  if (tiles.length === 0) return
  context.beginPath()
  for (const tile of tiles) {
    const { x, y, w, h } = shown(tile)
    context.rect(x, y, w, h)
  }
  context.fillStyle = color
  context.fill()
}

/** Diagonal stripes over a marked tile, then a 2 px outline: a security finding is a pattern and a frame, not a colour alone. */
function markTile(context: CanvasRenderingContext2D, rect: Rect, stripe: string, frame: string): void {
  context.save()
  context.beginPath()
  context.rect(rect.x, rect.y, rect.w, rect.h)
  context.clip()
  context.beginPath()
  for (let offset = -rect.h; offset < rect.w; offset += 5) {
    context.moveTo(rect.x + offset, rect.y + rect.h)
    context.lineTo(rect.x + offset + rect.h, rect.y)
  }
  context.strokeStyle = stripe
  context.lineWidth = 1.5
  context.stroke()
  context.restore()
  context.strokeStyle = frame
  context.lineWidth = 2
  context.strokeRect(rect.x - 1, rect.y - 1, rect.w + 2, rect.h + 2)
}

function baseName(label: string): string {
  return label.replace(/\/$/, '').split('/').pop() || label
}

/** Names in tiles with room for them; at most a few hundred, the largest tiles come first in squarified rows anyway. */
function drawLabels(context: CanvasRenderingContext2D, members: readonly MapTile[]): void {
  context.font = '11px system-ui, sans-serif'
  context.textBaseline = 'top'
  const onStatus = cssColor('--on-status')
  const text = cssColor('--text')
  const panel = cssColor('--panel')
  let drawn = 0
  for (const tile of members) {
    if (drawn >= 300 || tile.w < 70 || tile.h < 18 || !tile.member) continue
    drawn++
    context.save()
    context.beginPath()
    context.rect(tile.x, tile.y, tile.w, tile.h)
    context.clip()
    const name = baseName(tile.label)
    if (tile.marked) {
      // Over the hatching, the name sits on a plate of the panel colour so it stays readable.
      context.fillStyle = panel
      context.fillRect(tile.x + 2, tile.y + 2, context.measureText(name).width + 4, 15)
    }
    context.fillStyle = tile.marked || tile.member.status === 'identical' ? text : onStatus
    context.fillText(name, tile.x + 4, tile.y + 4)
    context.restore()
  }
}

/** A CSS colour as packed RGBA for an ImageData's Uint32Array (little-endian: R in the low byte), through the canvas's own parser. */
function packedColor(context: CanvasRenderingContext2D, css: string): number {
  context.fillStyle = '#000000'
  context.fillStyle = css
  const value = String(context.fillStyle)
  const channels = value.startsWith('#')
    ? [1, 3, 5].map((at) => parseInt(value.slice(at, at + 2), 16)).concat(255)
    : (value.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number).map((channel, position) => (position === 3 ? Math.round(channel * 255) : channel))
  const [r, g, b, a = 255] = channels
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
}

/**
 * The member tiles written straight into the pixels: each tile's rectangle rounded to device pixels (neighbours share
 * their rounded edges, so nothing overlaps or gaps), less a one-pixel edge at its right and bottom when it is at least
 * 4 px each way. Canvas paths of 200,000 rectangles took 0.8 s to rasterise in Chromium; this is one write per pixel.
 */
function rasterTiles(context: CanvasRenderingContext2D, tiles: readonly MapTile[], ratio: number, colorOf: (tile: MapTile) => number, background: number): void {
  const { width, height } = context.canvas
  const image = context.createImageData(width, height)
  const pixels = new Uint32Array(image.data.buffer)
  pixels.fill(background)
  for (const tile of tiles) {
    const x0 = Math.max(0, Math.round(tile.x * ratio))
    const y0 = Math.max(0, Math.round(tile.y * ratio))
    let x1 = Math.min(width, Math.round((tile.x + tile.w) * ratio))
    let y1 = Math.min(height, Math.round((tile.y + tile.h) * ratio))
    if (x1 - x0 >= 4 * ratio && y1 - y0 >= 4 * ratio) {
      x1--
      y1--
    }
    const color = colorOf(tile)
    for (let y = y0; y < y1; y++) pixels.fill(color, y * width + x0, y * width + x1)
  }
  context.putImageData(image, 0, 0)
}

/** The whole map: members by status, folder outlines, lifted and marked tiles on top, names. */
export function drawMap(context: CanvasRenderingContext2D, layout: MapLayout): void {
  const ratio = context.canvas.width / Math.max(1, layout.width)
  const packed = new Map<MemberStatus, number>(STATUSES.map((status) => [status, packedColor(context, cssColor(FILL[status]))]))
  const lifted: MapTile[] = []
  const members: MapTile[] = []
  for (const index of layout.members) {
    const tile = layout.tiles[index]
    if (!tile.member) continue
    members.push(tile)
    if (tile.lifted) lifted.push(tile)
  }
  rasterTiles(context, members.filter((tile) => !tile.lifted), ratio, (tile) => packed.get(tile.member!.status)!, packedColor(context, cssColor('--panel')))

  // Folder outlines: the top two levels strong, deeper ones light, so 2,000 small folders do not turn into a grid.
  for (const [strong, color] of [[false, cssColor('--border')], [true, cssColor('--border-strong')]] as const) {
    context.beginPath()
    for (const tile of layout.tiles) {
      if (tile.kind === 'folder' && tile.w >= 6 && tile.h >= 6 && tile.depth < 2 === strong) context.rect(tile.x + 0.5, tile.y + 0.5, tile.w - 1, tile.h - 1)
    }
    context.strokeStyle = color
    context.lineWidth = 1
    context.stroke()
  }

  for (const status of STATUSES) fillTiles(context, lifted.filter((tile) => tile.member!.status === status), cssColor(FILL[status]))
  // A lifted mark is a few pixels: a frame in the text colour sets it off from whatever it is drawn over.
  context.beginPath()
  for (const tile of lifted) context.rect(tile.lifted!.x - 0.5, tile.lifted!.y - 0.5, tile.lifted!.w + 1, tile.lifted!.h + 1)
  context.strokeStyle = cssColor('--text')
  context.lineWidth = 1
  context.stroke()
  // Stripes in the panel colour over a status colour, in the security colour over a muted (identical) tile.
  const frame = cssColor('--security')
  const panel = cssColor('--panel')
  for (const tile of members) if (tile.marked) markTile(context, shown(tile), tile.member!.status === 'identical' ? frame : panel, frame)
  drawLabels(context, members)
}

/** The overlay: the selected member, the hovered tile and the keyboard's tile, each framed. */
export function drawOverlay(context: CanvasRenderingContext2D, marks: { tile: MapTile; color: string; width: number; dashed?: boolean }[]): void {
  for (const { tile, color, width, dashed } of marks) {
    const { x, y, w, h } = shown(tile)
    context.setLineDash(dashed ? [4, 3] : [])
    context.strokeStyle = color
    context.lineWidth = width
    // A small tile is framed from outside (a frame inside a 4 px mark would cover it), a large one from inside.
    if (w < 12 || h < 12) context.strokeRect(x - width / 2 - 1, y - width / 2 - 1, w + width + 2, h + width + 2)
    else context.strokeRect(x + width / 2, y + width / 2, w - width, h - width)
  }
  context.setLineDash([])
}
