import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import type { MemberComparison, Report } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { causeMemberPaths } from '../../store/findings'
import { formatBytes } from '../../store/format'
import { memberTreeOf } from '../../store/navigation'
import { filterMemberTree } from '../../store/selectors'
import { layoutTreemap, type MapLayout, type MapTile } from '../../store/treemap'
import { indexTiles } from '../../store/treemap-hit'
import { cssColor, drawMap, drawOverlay, prepareCanvas } from '../map-draw'
import '../map.css'
import { STATUS_LOOK } from '../status'

/** How many changed tiles the hidden test hook lists (their drawn rectangles), so it stays small at any size. */
const HOOK_TILES = 500

/** The map's CSS size: the panel's width, and a height that keeps tiles near square on a wide pane. */
function useBoxSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 })
  useEffect(() => {
    if (!element) return
    const observer = new ResizeObserver(() => setSize({ width: Math.floor(element.clientWidth), height: Math.floor(element.clientHeight) }))
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return size
}

/** A counter that moves whenever `<html data-theme>` changes: the map reads its colours at draw time and redraws. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((current) => current + 1))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => observer.disconnect()
  }, [])
  return version
}

function securityPaths(report: Report): Set<string> {
  const paths = new Set<string>()
  for (const finding of report.findings) if (finding.severity === 'security') for (const path of finding.members) paths.add(path)
  return paths
}

/** The layout of the filtered tree (the tree's own filter and cause filter), and its hit index. */
function useLayout(report: Report, width: number, height: number) {
  const filter = useDeferredValue(useDiffStore((state) => state.filter))
  const causeFilter = useDiffStore((state) => state.causeFilter)
  const tree = useMemo(() => memberTreeOf(report.members), [report])
  const marked = useMemo(() => securityPaths(report), [report])
  const only = useMemo(() => causeMemberPaths(report.findings, causeFilter), [report, causeFilter])
  const filtered = useMemo(() => filterMemberTree(tree, filter, only), [tree, filter, only])
  const layout = useMemo(() => layoutTreemap(filtered, width, height, { marked }), [filtered, width, height, marked])
  const index = useMemo(() => indexTiles(layout), [layout])
  return { layout, index }
}

function sizes(member: MemberComparison): string {
  const side = (name: string, size: number | undefined) => (size === undefined ? `${name}: absent` : `${name} ${formatBytes(size)}`)
  return `${side('left', member.left?.size)} · ${side('right', member.right?.size)}`
}

function describe(tile: MapTile): string {
  const member = tile.member!
  return `${member.path}: ${STATUS_LOOK[member.status].title}, ${sizes(member)}${tile.marked ? ', security finding' : ''}`
}

function hookTiles(layout: MapLayout): string {
  const changed = layout.members.map((index) => layout.tiles[index]).filter((tile) => tile.member && (tile.member.status !== 'identical' || tile.marked))
  return JSON.stringify(changed.slice(0, HOOK_TILES).map((tile) => {
    const { x, y, w, h } = tile.lifted ?? tile
    return { path: tile.label, status: tile.member!.status, x, y, w, h }
  }))
}

const KEY_STEPS: Record<string, (position: number, count: number) => number> = {
  ArrowRight: (position, count) => Math.min(count - 1, position + 1),
  ArrowDown: (position, count) => Math.min(count - 1, position + 1),
  ArrowLeft: (position) => Math.max(0, position - 1),
  ArrowUp: (position) => Math.max(0, position - 1),
  Home: () => 0,
  End: (_, count) => count - 1,
}

/** The base canvas, drawn once per layout, size and theme; `drawMs` (the canvas's `data-draw-ms`) is how long that took. */
function useBaseCanvas(layout: MapLayout, theme: number) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [drawMs, setDrawMs] = useState<number | null>(null)
  useEffect(() => {
    if (!canvas.current || layout.width === 0 || layout.height === 0) return
    const started = performance.now()
    const context = prepareCanvas(canvas.current, layout.width, layout.height)
    if (context) drawMap(context, layout)
    setDrawMs(Math.round(performance.now() - started))
  }, [layout, theme])
  return { canvas, drawMs }
}

/** The overlay canvas: the selected member (accent), the hovered tile, the keyboard's tile (dashed focus colour). */
function useOverlay(layout: MapLayout, theme: number, selected: number, hovered: number, focused: number) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (!canvas.current || layout.width === 0 || layout.height === 0) return
    const context = prepareCanvas(canvas.current, layout.width, layout.height)
    if (!context) return
    const marks = []
    if (selected >= 0) marks.push({ tile: layout.tiles[selected], color: cssColor('--accent'), width: 3 })
    if (hovered >= 0) marks.push({ tile: layout.tiles[hovered], color: cssColor('--text'), width: 2 })
    if (focused >= 0) marks.push({ tile: layout.tiles[focused], color: cssColor('--focus'), width: 3, dashed: true })
    drawOverlay(context, marks)
  }, [layout, theme, selected, hovered, focused])
  return canvas
}

function Tooltip({ tile, x, y, width, height }: { tile: MapTile; x: number; y: number; width: number; height: number }) {
  const member = tile.member!
  const look = STATUS_LOOK[member.status]
  const top = y + 16 > height - 60 ? Math.max(0, y - 64) : y + 16
  return (
    <div className="map-tooltip" role="tooltip" data-testid="overview-map-tooltip" style={{ left: Math.min(x + 12, Math.max(0, width - 260)), top }}>
      <span className="map-tooltip-path">{member.path}</span>
      <span>{look.icon} {look.title}{tile.marked ? ' · ⚠ security finding' : ''}</span>
      <span className="muted">{sizes(member)}</span>
    </div>
  )
}

/**
 * The overview map: every member a tile sized by its larger side, coloured by status, in folders (a squarified
 * treemap, store/treemap.ts), following the tree's filters. Hover names a member, a click opens it; the canvas is one
 * Tab stop whose arrow keys step through the tiles in the tree's order (its tiles are the tree's rows).
 */
export function OverviewMap({ report }: { report: Report }) {
  const [box, setBox] = useState<HTMLDivElement | null>(null)
  const { width, height } = useBoxSize(box)
  const { layout, index } = useLayout(report, width, height)
  const theme = useThemeVersion()
  const select = useDiffStore((state) => state.select)
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const [hovered, setHovered] = useState<{ tile: number; x: number; y: number } | null>(null)
  // A place in `layout.members` (tree order), or -1 while the canvas is not focused.
  const [focused, setFocused] = useState(-1)

  // A new layout (a filter, a resize) renumbers the tiles: the hover and the keyboard's place start again.
  useEffect(() => {
    setHovered(null)
    setFocused(-1)
  }, [layout])

  const selectedTile = useMemo(() => layout.members.find((tile) => layout.tiles[tile].member?.path === selectedPath) ?? -1, [layout, selectedPath])
  const focusedTile = focused >= 0 ? layout.members[focused] ?? -1 : -1
  const { canvas, drawMs } = useBaseCanvas(layout, theme)
  const overlay = useOverlay(layout, theme, selectedTile, hovered?.tile ?? -1, focusedTile)
  const hook = useMemo(() => hookTiles(layout), [layout])

  const tileAt = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect()
    const x = event.clientX - rect.left
    const y = event.clientY - rect.top
    return { tile: index.hit(x, y), x, y }
  }
  const open = (tile: number) => {
    const member = tile >= 0 ? layout.tiles[tile].member : null
    if (member) void select(member.path)
  }
  const onMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const { tile, x, y } = tileAt(event)
    setHovered(tile < 0 ? null : { tile, x, y })
  }
  // Focus lands on the selected member's tile, or the first one, so a screen reader hears where it is at once.
  const onFocus = () => setFocused(layout.members.length === 0 ? -1 : Math.max(0, layout.members.indexOf(selectedTile)))
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = KEY_STEPS[event.key]
    if (event.key === 'Enter' || event.key === ' ') open(focusedTile)
    else if (step && layout.members.length > 0) setFocused(step(Math.max(0, focused), layout.members.length))
    else return
    event.preventDefault()
  }

  const hoveredTile = hovered ? layout.tiles[hovered.tile] : null
  return (
    <section className="overview-map" aria-label="Overview map">
      <p id="overview-map-help" className="map-help muted">
        Each tile is a member, its area the larger side&rsquo;s size, in folders; changed members always get a visible tile,
        and a security finding is hatched and framed. The tiles are the member tree&rsquo;s rows, in the same order and under
        the same filters: on the map, the arrow keys step from tile to tile in tree order and Enter opens one; the tree
        lists them as text.
      </p>
      <div className="map-box" ref={setBox}>
        <canvas ref={canvas} data-testid="overview-map" className="map-canvas" style={{ width, height }} tabIndex={0}
          role="application" aria-roledescription="overview map" aria-label={`Overview map of ${layout.members.length} members`}
          aria-describedby="overview-map-help" data-tile-count={layout.members.length} data-draw-ms={drawMs ?? undefined}
          onMouseMove={onMove} onMouseLeave={() => setHovered(null)} onClick={(event) => open(tileAt(event).tile)}
          onFocus={onFocus} onBlur={() => setFocused(-1)} onKeyDown={onKeyDown} />
        <canvas ref={overlay} className="map-overlay" style={{ width, height }} aria-hidden="true" />
        {hoveredTile?.member && hovered && <Tooltip tile={hoveredTile} x={hovered.x} y={hovered.y} width={width} height={height} />}
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="overview-map-focus">{focusedTile >= 0 ? describe(layout.tiles[focusedTile]) : ''}</p>
      <output hidden data-testid="overview-map-tiles" data-tiles={hook} />
    </section>
  )
}
