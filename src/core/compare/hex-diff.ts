/**
 * Where two members' bytes differ, for the hex view: which 1 MiB chunks differ, from the chunk digests taken
 * while reading (`Member.chunkSha256`), and the exact runs of differing bytes inside two windows read on
 * demand. A chunk is only ever called equal when it was hashed on both sides with the same digest: a missing
 * list is "unknown", and the view then compares bytes it reads.
 */

/** Chunk size of the digests (archive/chunk-digests.ts `CHUNK_DIGEST_SIZE`; not imported: compare sees no archive internals at run time). */
export const HEX_CHUNK_SIZE = 1024 * 1024

export interface ChunkSide {
  size: number
  /** One digest per chunk; absent when the member was not hashed by chunk (under 1 MiB, or a path that keeps none). */
  chunkSha256?: string[] | null
}

/** A run of differing bytes, [start, end) in member offsets. */
export interface ByteRun {
  start: number
  end: number
}

/**
 * The differing chunk indexes, in order, or null when they cannot be known (a side without a list that
 * should have one, or a list that does not cover its size). A chunk past one side's end differs.
 */
export function differingChunks(left: ChunkSide, right: ChunkSide): number[] | null {
  const leftList = listFor(left)
  const rightList = listFor(right)
  if (leftList === null || rightList === null) return null
  const count = Math.max(leftList.length, rightList.length)
  const differing: number[] = []
  for (let index = 0; index < count; index++) {
    // Both present and equal is the only "same"; an index one side lacks differs.
    if (index >= leftList.length || index >= rightList.length || leftList[index] !== rightList[index]) differing.push(index)
  }
  return differing
}

/** A side's list when it covers the side exactly (an empty side has none to cover); null when unknown. */
function listFor(side: ChunkSide): string[] | null {
  const expected = Math.ceil(side.size / HEX_CHUNK_SIZE)
  if (expected === 0) return []
  const list = side.chunkSha256
  return list && list.length === expected ? list : null
}

/** Consecutive differing chunks as byte ranges: each holds at least one differing run (the exact runs need the bytes). */
export function chunkRanges(chunks: number[], leftSize: number, rightSize: number): ByteRun[] {
  const end = Math.max(leftSize, rightSize)
  const ranges: ByteRun[] = []
  for (const index of chunks) {
    const start = index * HEX_CHUNK_SIZE
    const stop = Math.min(end, start + HEX_CHUNK_SIZE)
    const last = ranges[ranges.length - 1]
    if (last && last.end === start) last.end = stop
    else ranges.push({ start, end: stop })
  }
  return ranges
}

/**
 * The runs of differing bytes between `start` and `end`, from two windows that both begin at `start` (each may
 * stop early where its side ends: bytes one side has and the other lacks differ). `leftSize`/`rightSize` bound
 * what a side holds, so a window cut by the side's end is told from one cut by the request.
 */
export function byteRuns(left: Uint8Array, right: Uint8Array, start: number, end: number, leftSize: number, rightSize: number): ByteRun[] {
  const runs: ByteRun[] = []
  let open = -1
  for (let offset = start; offset < end; offset++) {
    const at = offset - start
    const inLeft = offset < leftSize
    const inRight = offset < rightSize
    if (!inLeft && !inRight) break
    const differs = inLeft !== inRight || left[at] !== right[at]
    if (differs && open < 0) open = offset
    if (!differs && open >= 0) {
      runs.push({ start: open, end: offset })
      open = -1
    }
  }
  if (open >= 0) runs.push({ start: open, end: Math.min(end, Math.max(leftSize, rightSize)) })
  return runs
}
