import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberStatus } from '../../src/core/types-public'
import { buildMemberTree, filterMemberTree, flattenTree } from '../../src/store/selectors'
import { layoutTreemap, MIN_VISIBLE_SIDE, squarify, type MapLayout, type MapTile } from '../../src/store/treemap'

function member(path: string, status: MemberStatus, size: number, rightSize = size): MemberComparison {
  const side = (bytes: number) => ({ index: 0, offset: 0, size: bytes, sha256: null, type: 'file' as const })
  return {
    path, leftPath: status === 'right-only' ? null : path, rightPath: status === 'left-only' ? null : path,
    type: 'file', status, changed: [], left: status === 'right-only' ? null : side(size), right: status === 'left-only' ? null : side(rightSize),
  }
}

const area = (tile: MapTile) => tile.w * tile.h
const aspect = (tile: { w: number; h: number }) => Math.max(tile.w / tile.h, tile.h / tile.w)
const tileOf = (layout: MapLayout, path: string) => layout.tiles.find((tile) => tile.kind === 'member' && tile.label === path)!
const inside = (inner: MapTile, outer: { x: number; y: number; w: number; h: number }, eps = 1e-6) =>
  inner.x >= outer.x - eps && inner.y >= outer.y - eps && inner.x + inner.w <= outer.x + outer.w + eps && inner.y + inner.h <= outer.y + outer.h + eps

describe('squarify', () => {
  it('lays the paper\'s example (6, 6, 4, 3, 2, 2, 1 in 6 × 4) with areas in proportion and the same rows', () => {
    const out = new Float64Array(28)
    squarify([6, 6, 4, 3, 2, 2, 1], 0, 0, 6, 4, out)
    const rects = Array.from({ length: 7 }, (_, i) => ({ x: out[4 * i], y: out[4 * i + 1], w: out[4 * i + 2], h: out[4 * i + 3] }))
    rects.forEach((rect, i) => expect(rect.w * rect.h).toBeCloseTo([6, 6, 4, 3, 2, 2, 1][i], 9))
    // Figure 2 of Bruls et al.: the two 6s form the first column, 3 wide.
    expect(rects[0]).toMatchObject({ x: 0, y: 0, w: 3 })
    expect(rects[1].x).toBe(0)
    expect(Math.max(...rects.map(aspect))).toBeLessThan(3)
  })

  it('beats slice-and-dice on 100 equal members in a square: worst aspect near 1, where strips would be 100:1', () => {
    const members = Array.from({ length: 100 }, (_, i) => member(`m${String(i).padStart(3, '0')}`, 'identical', 10))
    const layout = layoutTreemap(buildMemberTree(members), 100, 100)
    const worst = Math.max(...layout.tiles.map(aspect))
    // Slice-and-dice: 100 strips of 1 × 100, aspect 100.
    expect(worst).toBeLessThan(2)
  })
})

describe('layoutTreemap', () => {
  const members = [
    member('pkg/core.so', 'modified', 30_000_000, 29_000_000),
    member('pkg/__init__.py', 'identical', 1_000),
    member('pkg/data/a.txt', 'identical', 2_000_000),
    member('pkg/data/b.txt', 'metadata', 3_000_000),
    member('evil.pth', 'right-only', 40),
    member('README', 'identical', 500_000),
  ]

  it('gives each member an area proportional to its larger side, and the whole canvas is covered', () => {
    const plain = members.filter((entry) => entry.status === 'identical')
    const layout = layoutTreemap(buildMemberTree(plain), 800, 600)
    const total = plain.reduce((sum, entry) => sum + entry.left!.size, 0)
    for (const entry of plain) expect(area(tileOf(layout, entry.path)) / (800 * 600)).toBeCloseTo(entry.left!.size / total, 9)
    const sum = layout.members.reduce((acc, index) => acc + area(layout.tiles[index]), 0)
    expect(sum).toBeCloseTo(800 * 600, 6)
    // The larger side counts: a modified member that shrank is drawn at its left size.
    const grown = layoutTreemap(buildMemberTree([member('a', 'modified', 100, 300), member('b', 'identical', 300)]), 100, 100)
    expect(area(tileOf(grown, 'a'))).toBeCloseTo(area(tileOf(grown, 'b')), 6)
  })

  it('gives a 40-byte right-only member next to a 30 MB .so at least the minimum tile, and so a marked identical one', () => {
    const layout = layoutTreemap(buildMemberTree(members), 800, 600, { minTileArea: 16 })
    const pth = tileOf(layout, 'evil.pth')
    expect(area(pth)).toBeGreaterThanOrEqual(16 * (1 - 1e-9))
    // Squeezed beside the 35 MB folder its area is a sliver; it is drawn (and hit) at least 4 px each way, and not
    // as a strip the canvas's height that would claim a size it does not have.
    const drawn = pth.lifted ?? pth
    expect(Math.min(drawn.w, drawn.h)).toBeGreaterThanOrEqual(MIN_VISIBLE_SIDE)
    expect(Math.max(drawn.w, drawn.h)).toBeLessThanOrEqual(2 * Math.sqrt(area(pth)) + 1e-9)
    expect(inside({ ...pth, ...drawn }, { x: 0, y: 0, w: 800, h: 600 })).toBe(true)
    // Unboosted, 40 bytes of 35.5 MB would be 0.27 px².
    const marked = layoutTreemap(buildMemberTree([...members, member('x/hidden.pth', 'identical', 10)]), 800, 600, { marked: new Set(['x/hidden.pth']) })
    const hidden = tileOf(marked, 'x/hidden.pth')
    expect(hidden.marked).toBe(true)
    expect(area(hidden)).toBeGreaterThanOrEqual(16 * (1 - 1e-9))
    // An identical unmarked member gets no such floor.
    expect(area(tileOf(layout, 'pkg/__init__.py'))).toBeLessThan(16)
  })

  it('keeps every tile inside its folder, and lists tiles in the tree\'s row order', () => {
    const layout = layoutTreemap(buildMemberTree(members), 800, 600)
    const folders = new Map(layout.tiles.filter((tile) => tile.kind === 'folder').map((tile) => [tile.label, tile]))
    expect([...folders.keys()]).toEqual(['pkg/', 'pkg/data/'])
    for (const tile of layout.tiles) {
      expect(inside(tile, { x: 0, y: 0, w: 800, h: 600 })).toBe(true)
      const path = tile.kind === 'folder' ? tile.label.slice(0, -1) : tile.label
      const parent = path.includes('/') ? folders.get(path.slice(0, path.lastIndexOf('/') + 1)) : undefined
      if (parent) expect(inside(tile, parent)).toBe(true)
    }
    const treeOrder = flattenTree(buildMemberTree(members), new Set()).filter((row) => row.node.kind === 'member').map((row) => row.node.member!.path)
    expect(layout.members.map((index) => layout.tiles[index].label)).toEqual(treeOrder)
  })

  it('follows the filtered tree: hidden members have no tile', () => {
    const tree = filterMemberTree(buildMemberTree(members), { text: '', hideIdentical: true, hideMetadataOnly: true, statuses: [], sort: 'path' })
    const layout = layoutTreemap(tree, 400, 300)
    expect(layout.members.map((index) => layout.tiles[index].label).sort()).toEqual(['evil.pth', 'pkg/core.so'])
  })

  it('shrinks the minimum tile when the changed members could not all get it, leaving room for the rest', () => {
    const many = Array.from({ length: 1000 }, (_, i) => member(`c/${i}`, 'modified', 1))
    const layout = layoutTreemap(buildMemberTree([...many, member('big', 'identical', 1_000_000)]), 100, 100, { minTileArea: 16 })
    expect(layout.minTileArea).toBeCloseTo(5, 9)
    expect(area(tileOf(layout, 'big'))).toBeGreaterThanOrEqual(100 * 100 * 0.5 - 1e-6)
  })

  it('lays out 200,000 members in 2,000 folders 3,000 deep without overflowing the stack', () => {
    const wide = Array.from({ length: 200_000 }, (_, i) => member(`d${i % 2000}/m${i}`, i % 1000 === 0 ? 'modified' : 'identical', 100 + (i % 7) * 1000))
    const deep = member(`${Array.from({ length: 3000 }, () => 'x').join('/')}/leaf`, 'modified', 5)
    const layout = layoutTreemap(buildMemberTree([...wide, deep]), 1200, 800)
    expect(layout.members).toHaveLength(200_001)
    expect(area(tileOf(layout, deep.path))).toBeGreaterThanOrEqual(16 * (1 - 1e-9))
  })
})
