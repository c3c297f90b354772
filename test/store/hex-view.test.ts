/**
 * Issue 8, hex view, item 4 (the store behind HexView): it opens at the first differing byte, steps through
 * differing runs with next/previous (a run across a chunk boundary is one run), reads only the chunks the
 * digests say differ, never asks for more than a chunk at once, counts "at least" until every differing chunk
 * is scanned, and scans from the start when a side has no digests.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { MemberComparison } from '../../src/core/types-public'
import type { MemberRangeOptions } from '../../src/worker/client'

const MiB = 1024 * 1024
const sides: Record<'left' | 'right', { bytes: Uint8Array; chunks: boolean }> = { left: { bytes: new Uint8Array(0), chunks: true }, right: { bytes: new Uint8Array(0), chunks: true } }
const requests: { side: string; start: number; length: number }[] = []
/** Reads from this offset on wait until cancelled (a long seek into a compressed member). */
let hangFrom: number | null = null

function digests(bytes: Uint8Array): string[] {
  const list: string[] = []
  for (let at = 0; at < bytes.length; at += MiB) list.push(createHash('sha256').update(bytes.subarray(at, at + MiB)).digest('hex'))
  return list
}

const client = {
  memberRange: vi.fn(async (side: 'left' | 'right', _index: number, start: number, length: number, options: MemberRangeOptions = {}) => {
    requests.push({ side, start, length })
    if (hangFrom !== null && start >= hangFrom) {
      options.onProgress?.({ bytesRead: 10, totalBytes: start + length, membersRead: 0 })
      await new Promise((_resolve, reject) => options.signal?.addEventListener('abort', () => reject({ code: 'CANCELLED', message: 'cancelled' })))
    }
    const { bytes, chunks } = sides[side]
    return { bytes: bytes.slice(start, start + length), size: bytes.length, chunkSha256: options.withChunks && chunks && bytes.length >= MiB ? digests(bytes) : null }
  }),
}
vi.mock('../../src/worker/client', () => ({ createCompareClient: () => client, currentCompareClient: () => client }))

const { useHexStore, hexByte, hexCountWords, mergeRuns } = await import('../../src/store/hex-view')

const side = (size: number) => ({ index: 0, offset: 0, size, sha256: null, type: 'file' as const })
const member = (size: number): MemberComparison => ({ path: `m${size}`, leftPath: 'm', rightPath: 'm', type: 'file', status: 'modified', changed: [], left: side(size), right: side(size) })

function setUp(size: number, changes: number[], chunks = true) {
  const left = new Uint8Array(size).map((_, i) => (i * 7) & 0xff)
  const right = left.slice()
  for (const at of changes) right[at] ^= 0xff
  sides.left = { bytes: left, chunks }
  sides.right = { bytes: right, chunks }
  requests.length = 0
}

const state = () => useHexStore.getState()

describe('the hex store', () => {
  it('opens at the first difference and steps through the runs, reading only differing chunks', async () => {
    // A run across the chunk boundary at 2 MiB (two bytes), and one 5 MiB further.
    setUp(8 * MiB, [2 * MiB - 1, 2 * MiB, 7 * MiB + 3])
    await state().open(member(8 * MiB))
    expect(state().runs[state().current]).toEqual({ start: 2 * MiB - 1, end: 2 * MiB + 1 })
    expect(hexCountWords(state())).toBe('difference 1 of at least 2')
    expect(hexByte('right', 2 * MiB - 1)).toBe(sides.right.bytes[2 * MiB - 1])
    await state().next()
    expect(state().runs).toEqual([{ start: 2 * MiB - 1, end: 2 * MiB + 1 }, { start: 7 * MiB + 3, end: 7 * MiB + 4 }])
    expect(state().current).toBe(1)
    expect(hexCountWords(state())).toBe('difference 2 of 2')
    await state().previous()
    expect(state().current).toBe(0)
    // Chunks 0, 3-6 hold no difference and were never read beyond the first window; no read is over one chunk.
    const read = new Set(requests.filter((request) => request.length > 64 * 1024).map((request) => request.start / MiB))
    expect([...read].sort()).toEqual([1, 2, 7])
    expect(Math.max(...requests.map((request) => request.length))).toBeLessThanOrEqual(MiB)
  })

  it('without digests it scans from the start, and never calls unscanned bytes equal', async () => {
    setUp(3 * MiB, [MiB + 10], false)
    await state().open(member(3 * MiB))
    expect(state().chunkRanges).toBeNull()
    expect(state().runs[state().current]).toEqual({ start: MiB + 10, end: MiB + 11 })
    expect(hexCountWords(state())).toBe('difference 1 of at least 1')
    await state().next()
    expect(state().complete).toBe(true)
    expect(hexCountWords(state())).toBe('difference 1 of 1')
  })

  it('equal members: no difference, and nothing scanned when the digests agree', async () => {
    setUp(2 * MiB, [])
    await state().open(member(2 * MiB))
    expect(state().runs).toEqual([])
    expect(state().complete).toBe(true)
    expect(requests.every((request) => request.start === 0)).toBe(true)
  })
})

describe('mergeRuns', () => {
  it('joins touching runs and keeps order', () => {
    expect(mergeRuns([{ start: 5, end: 8 }], [{ start: 8, end: 9 }, { start: 1, end: 2 }])).toEqual([{ start: 1, end: 2 }, { start: 5, end: 9 }])
  })
})

describe('sides of different sizes', () => {
  it('bytes past the shorter side are one run to the longer side\'s end, found without reading them', async () => {
    setUp(4 * MiB, [10])
    sides.right = { bytes: sides.right.bytes.slice(0, MiB + 5), chunks: true }
    const pairOf: MemberComparison = { ...member(4 * MiB), path: 'unequal', right: side(MiB + 5) }
    await state().open(pairOf)
    await state().next()
    expect(state().runs).toEqual([{ start: 10, end: 11 }, { start: MiB + 5, end: 4 * MiB }])
    expect(state().current).toBe(1)
    expect(state().complete).toBe(true)
    expect(requests.some((request) => request.start >= 2 * MiB)).toBe(false)
  })
})

describe('a long seek', () => {
  it('shows its progress and stops on cancel, as a named error', async () => {
    setUp(4 * MiB, [3 * MiB + 1])
    hangFrom = 3 * MiB
    const opening = state().open({ ...member(4 * MiB), path: 'slow' })
    await vi.waitFor(() => expect(state().seeking).toMatchObject({ bytesRead: 10 }))
    state().cancelSeek()
    await opening
    hangFrom = null
    expect(state().seeking).toBeNull()
    expect(state().error).toMatchObject({ code: 'CANCELLED' })
    expect(state().runs).toEqual([])
  })
})
