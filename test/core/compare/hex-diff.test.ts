/**
 * Issue 8, hex view, item 2: which chunks of two members differ, from their chunk digests; a missing list is
 * "unknown" (null), never "equal"; and the exact byte runs inside two windows.
 */
import { describe, expect, it } from 'vitest'
import { byteRuns, chunkRanges, differingChunks, HEX_CHUNK_SIZE } from '../../../src/core/compare/hex-diff'
import { CHUNK_DIGEST_SIZE } from '../../../src/core/archive/chunk-digests'

const MiB = 1024 * 1024
const list = (...names: string[]) => names

describe('differingChunks', () => {
  it('uses the chunk size the readers record', () => {
    expect(HEX_CHUNK_SIZE).toBe(CHUNK_DIGEST_SIZE)
  })

  it('names the chunks whose digests differ', () => {
    expect(differingChunks({ size: 4 * MiB, chunkSha256: list('a', 'b', 'c', 'd') }, { size: 4 * MiB, chunkSha256: list('a', 'x', 'c', 'y') })).toEqual([1, 3])
    expect(differingChunks({ size: 3 * MiB, chunkSha256: list('a', 'b', 'c') }, { size: 3 * MiB, chunkSha256: list('a', 'b', 'c') })).toEqual([])
  })

  it('unequal sizes: a chunk present on one side only differs', () => {
    expect(differingChunks({ size: 2 * MiB, chunkSha256: list('a', 'b') }, { size: 4 * MiB - 1, chunkSha256: list('a', 'b', 'c', 'd') })).toEqual([2, 3])
    // A small side (no list, under one chunk) against a large one is unknown for the first chunk: not guessed.
    expect(differingChunks({ size: 10 }, { size: 2 * MiB, chunkSha256: list('a', 'b') })).toBeNull()
    expect(differingChunks({ size: 0 }, { size: 2 * MiB, chunkSha256: list('a', 'b') })).toEqual([0, 1])
  })

  it('a missing or short list is unknown, never equal', () => {
    expect(differingChunks({ size: 2 * MiB }, { size: 2 * MiB, chunkSha256: list('a', 'b') })).toBeNull()
    expect(differingChunks({ size: 2 * MiB, chunkSha256: list('a') }, { size: 2 * MiB, chunkSha256: list('a', 'b') })).toBeNull()
    expect(differingChunks({ size: 100 }, { size: 100 })).toBeNull()
  })
})

describe('chunkRanges', () => {
  it('joins neighbouring chunks and stops at the larger side', () => {
    expect(chunkRanges([1, 2, 5], 5 * MiB + 10, 5 * MiB + 3)).toEqual([{ start: MiB, end: 3 * MiB }, { start: 5 * MiB, end: 5 * MiB + 10 }])
  })
})

describe('byteRuns', () => {
  const left = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])
  it('finds each run of differing bytes at its member offset', () => {
    const right = new Uint8Array([1, 9, 9, 4, 5, 6, 0, 8])
    expect(byteRuns(left, right, 100, 108, 200, 200)).toEqual([{ start: 101, end: 103 }, { start: 106, end: 107 }])
  })

  it('bytes past one side\'s end differ; nothing past both', () => {
    expect(byteRuns(left, left.subarray(0, 5), 0, 8, 8, 5)).toEqual([{ start: 5, end: 8 }])
    expect(byteRuns(left.subarray(0, 5), left.subarray(0, 5), 0, 8, 5, 5)).toEqual([])
  })

  it('a run open at the window end stops there', () => {
    const right = new Uint8Array([1, 2, 3, 4, 5, 6, 0, 0])
    expect(byteRuns(left, right, 0, 8, 100, 100)).toEqual([{ start: 6, end: 8 }])
  })
})
