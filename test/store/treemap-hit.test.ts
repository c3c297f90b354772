import { describe, expect, it } from 'vitest'
import type { MemberComparison } from '../../src/core/types-public'
import { buildMemberTree } from '../../src/store/selectors'
import { layoutTreemap } from '../../src/store/treemap'
import { indexTiles } from '../../src/store/treemap-hit'

function member(path: string, size: number, status: MemberComparison['status'] = 'identical'): MemberComparison {
  const side = { index: 0, offset: 0, size, sha256: null, type: 'file' as const }
  return { path, leftPath: path, rightPath: path, type: 'file', status, changed: [], left: side, right: side }
}

describe('indexTiles', () => {
  it('finds the member tile under every point, the same as a scan of all tiles, and nothing outside', () => {
    const members = Array.from({ length: 5000 }, (_, i) => member(`d${i % 37}/e${i % 5}/m${i}`, 1 + ((i * 7919) % 5000), i % 97 === 0 ? 'modified' : 'identical'))
    const layout = layoutTreemap(buildMemberTree(members), 640, 480)
    const index = indexTiles(layout)
    const within = (rect: { x: number; y: number; w: number; h: number }, x: number, y: number) => x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h
    // Lifted tiles (changed members drawn wider than their sliver) are on top.
    const scan = (x: number, y: number) => layout.members.find((at) => layout.tiles[at].lifted && within(layout.tiles[at].lifted!, x, y))
      ?? layout.members.find((at) => within(layout.tiles[at], x, y)) ?? -1
    let found = 0
    for (let y = 0.5; y < 480; y += 3.7) {
      for (let x = 0.5; x < 640; x += 3.3) {
        const hit = index.hit(x, y)
        expect(hit).toBe(scan(x, y))
        if (hit >= 0) found++
      }
    }
    expect(found).toBeGreaterThan(20_000)
    expect(index.hit(-1, 10)).toBe(-1)
    expect(index.hit(10, 480)).toBe(-1)
    expect(index.hit(Number.NaN, 10)).toBe(-1)
  })

  it('hits the small changed tile where it is drawn, over its large neighbour', () => {
    const layout = layoutTreemap(buildMemberTree([member('big.so', 30_000_000), member('evil.pth', 40, 'right-only')]), 300, 200)
    const pth = layout.tiles.find((tile) => tile.label === 'evil.pth')!
    expect(pth.lifted).toBeDefined()
    const drawn = pth.lifted!
    const index = indexTiles(layout)
    expect(layout.tiles[index.hit(drawn.x + 0.2, drawn.y + drawn.h / 2)].label).toBe('evil.pth')
    expect(layout.tiles[index.hit(drawn.x + drawn.w - 0.2, drawn.y + drawn.h / 2)].label).toBe('evil.pth')
    expect(layout.tiles[index.hit(drawn.x - 1, drawn.y + drawn.h / 2)].label).toBe('big.so')
  })

  it('answers on an empty map', () => {
    expect(indexTiles(layoutTreemap(buildMemberTree([]), 100, 100)).hit(5, 5)).toBe(-1)
  })
})
