/**
 * Which member tile lies under a point of the overview map: a uniform grid over the member tiles (which never
 * overlap), built once per layout, so a hover at 200,000 tiles looks at a handful of tiles, not all of them.
 * Buckets are one flat Int32Array (counts, then prefix sums, then a fill): no array per cell.
 */
import type { MapLayout } from './treemap'

export interface TileIndex {
  /** The index into `layout.tiles` of the member tile holding (x, y), or -1. */
  hit(x: number, y: number): number
}

/** About this many member tiles per cell; cells are kept between 8 and 64 px wide. */
const TILES_PER_CELL = 2

export function indexTiles(layout: MapLayout): TileIndex {
  const { width, height, tiles, members } = layout
  if (members.length === 0 || width <= 0 || height <= 0) return { hit: () => -1 }
  const cell = Math.min(64, Math.max(8, Math.sqrt((width * height * TILES_PER_CELL) / members.length)))
  const columns = Math.max(1, Math.ceil(width / cell))
  const rows = Math.max(1, Math.ceil(height / cell))
  const clampColumn = (x: number) => Math.min(columns - 1, Math.max(0, Math.floor(x / cell)))
  const clampRow = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor(y / cell)))
  // A lifted tile (treemap.ts) is drawn over its neighbours in its wider rectangle, so it is found there first.
  const span = (tile: number) => {
    const { x, y, w, h } = tiles[tile].lifted ?? tiles[tile]
    return [clampColumn(x), clampColumn(x + w), clampRow(y), clampRow(y + h)]
  }

  const starts = new Int32Array(columns * rows + 1)
  for (const tile of members) {
    const [c0, c1, r0, r1] = span(tile)
    for (let row = r0; row <= r1; row++) for (let column = c0; column <= c1; column++) starts[row * columns + column + 1]++
  }
  for (let index = 1; index < starts.length; index++) starts[index] += starts[index - 1]
  const entries = new Int32Array(starts[starts.length - 1])
  const filled = starts.slice(0, -1)
  for (const tile of members) {
    const [c0, c1, r0, r1] = span(tile)
    for (let row = r0; row <= r1; row++) for (let column = c0; column <= c1; column++) entries[filled[row * columns + column]++] = tile
  }

  return {
    hit(x, y) {
      if (!(x >= 0 && y >= 0 && x < width && y < height)) return -1
      const bucket = clampRow(y) * columns + clampColumn(x)
      let found = -1
      for (let at = starts[bucket]; at < starts[bucket + 1]; at++) {
        const tile = tiles[entries[at]]
        if (tile.lifted && contains(tile.lifted, x, y)) return entries[at]
        if (found < 0 && contains(tile, x, y)) found = entries[at]
      }
      return found
    },
  }
}

function contains(rect: { x: number; y: number; w: number; h: number }, x: number, y: number): boolean {
  return x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h
}
