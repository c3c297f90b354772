/**
 * The hex view's runs of differing bytes as plain data (no store, no worker): merging the runs found chunk by
 * chunk, and the count shown ("difference 2 of 17", "of at least 5" until every differing chunk is scanned).
 */
import type { ByteRun } from '../core/index'
import type { HexState } from './hex-view'

/** Both lists sorted; a run that touches another (one continuing across a chunk boundary) becomes one. */
export function mergeRuns(known: ByteRun[], found: ByteRun[]): ByteRun[] {
  const all = [...known, ...found].sort((a, b) => a.start - b.start)
  const merged: ByteRun[] = []
  for (const run of all) {
    const last = merged[merged.length - 1]
    if (last && run.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, run.end) }
    else merged.push({ ...run })
  }
  return merged
}

/** "difference 2 of 17", or "of at least 5" while some differing chunks are not scanned yet. */
export function hexCountWords(state: Pick<HexState, 'runs' | 'current' | 'complete' | 'chunkRanges'>): string {
  if (state.runs.length === 0) return state.complete ? 'no differing bytes' : 'looking for the first difference…'
  const unscanned = state.chunkRanges ? state.chunkRanges.filter((range) => !state.runs.some((run) => run.start < range.end && run.end > range.start)).length : 0
  const total = state.runs.length + (state.complete ? 0 : unscanned)
  return `difference ${state.current + 1} of ${state.complete ? '' : 'at least '}${total}`
}
