/**
 * The hex view's state: one member pair at a time, its bytes read on demand in 64 KiB windows (a small LRU per
 * side, never the whole member), and the runs of differing bytes found so far. Differences are located from the
 * chunk digests (`differingChunks`; taken while reading for compressed members, computed from slices when the
 * view opens for stored ones): only chunks that differ are scanned, one 1 MiB chunk per read; without digests
 * (a member under 1 MiB, a sparse tar member) the view scans from the start. A chunk is never skipped as equal
 * unless both sides' digests say so.
 */
import { create } from 'zustand'
import type { CoreError, MemberComparison, ReadProgress, Side } from '../core/types-public'
import { byteRuns, type ByteRun, chunkRanges, differingChunks, HEX_CHUNK_SIZE } from '../core/index'
import { currentCompareClient, type CompareClient } from '../worker/client'
import { startWorkers } from './diff-store'
import { mergeRuns } from './hex-runs'

export { hexCountWords, mergeRuns } from './hex-runs'

/** Bytes per display window (what the viewport reads), and windows kept per side. */
export const HEX_WINDOW = 64 * 1024
const CACHE_WINDOWS = 48
export const HEX_ROW_BYTES = 16

export interface HexState {
  /** The member shown (its report path), null when closed. */
  path: string | null
  status: 'idle' | 'opening' | 'ready' | 'failed'
  sizes: Record<Side, number>
  /** Differing chunk ranges from the digests; null when unknown (the view scans). */
  chunkRanges: ByteRun[] | null
  /** Exact runs of differing bytes found so far, in order, neighbours merged. */
  runs: ByteRun[]
  /** The run the view is on (index into `runs`), -1 before the first is found. */
  current: number
  /** Whether every run is known (every differing chunk, or the whole member, scanned). */
  complete: boolean
  /** Offset of the first row shown (a multiple of 16). */
  top: number
  /** Set while bytes are decoded to reach a range (a compressed member): how far, and against what. */
  seeking: ReadProgress | null
  error: CoreError | null
  /** Bumped whenever a window arrives, so rows re-read the cache. */
  loaded: number
  open(member: MemberComparison): Promise<void>
  close(): void
  scrollTo(offset: number): void
  next(): Promise<void>
  previous(): Promise<void>
  cancelSeek(): void
}

interface SideSource {
  index: number | null
  containerIndexes?: number[]
}

/** What is held for the open member outside the reactive state (bytes are not state: only `loaded` is). */
interface Session {
  id: number
  sources: Record<Side, SideSource>
  windows: Record<Side, Map<number, Uint8Array>>
  /** Scan units (1 MiB chunks) whose runs are in `runs`. */
  scanned: Set<number>
  differing: Set<number> | null
  inFlight: Map<string, Promise<void>>
  controller: AbortController
}

let session: Session | null = null
let sessionIds = 0

const client = (): CompareClient => {
  startWorkers()
  return currentCompareClient() ?? fail('The compare workers are not running')
}

function fail(message: string): never {
  throw { code: 'READ_FAILED', message } satisfies CoreError
}

const asCoreError = (error: unknown): CoreError =>
  error && typeof error === 'object' && 'code' in error ? (error as CoreError) : { code: 'READ_FAILED', message: String(error) }

export const useHexStore = create<HexState>((set, get) => ({
  path: null,
  status: 'idle',
  sizes: { left: 0, right: 0 },
  chunkRanges: null,
  runs: [],
  current: -1,
  complete: false,
  top: 0,
  seeking: null,
  error: null,
  loaded: 0,

  async open(member) {
    session?.controller.abort()
    const id = ++sessionIds
    const sources: Record<Side, SideSource> = {
      left: { index: member.left?.index ?? null, containerIndexes: member.left?.containerIndexes },
      right: { index: member.right?.index ?? null, containerIndexes: member.right?.containerIndexes },
    }
    session = { id, sources, windows: { left: new Map(), right: new Map() }, scanned: new Set(), differing: null, inFlight: new Map(), controller: new AbortController() }
    set({ path: member.path, status: 'opening', sizes: { left: member.left?.size ?? 0, right: member.right?.size ?? 0 }, chunkRanges: null, runs: [], current: -1, complete: false, top: 0, seeking: null, error: null })
    try {
      const [left, right] = await Promise.all((['left', 'right'] as Side[]).map((side) => firstWindow(session!, side)))
      if (session?.id !== id) return
      const chunks = differingChunks({ size: left.size, chunkSha256: left.chunks }, { size: right.size, chunkSha256: right.chunks })
      session.differing = chunks === null ? null : new Set(chunks)
      set({ sizes: { left: left.size, right: right.size }, chunkRanges: chunks === null ? null : chunkRanges(chunks, left.size, right.size), status: 'ready' })
      set({ complete: allScanned(session) })
      await moveTo(null, 'next')
    } catch (error) {
      if (session?.id === id) set({ status: 'failed', error: asCoreError(error), seeking: null })
    }
  },

  close() {
    session?.controller.abort()
    session = null
    set({ path: null, status: 'idle', runs: [], current: -1, seeking: null, error: null })
  },

  scrollTo(offset) {
    const end = Math.max(get().sizes.left, get().sizes.right)
    const top = Math.max(0, Math.min(rowStart(offset), rowStart(Math.max(0, end - 1))))
    set({ top })
    void guarded(ensureVisible(top))
  },

  async next() {
    const { runs, current } = get()
    await guarded(moveTo(current >= 0 ? runs[current].start : null, 'next'))
  },

  async previous() {
    const { runs, current } = get()
    if (current >= 0) await guarded(moveTo(runs[current].start, 'previous'))
  },

  cancelSeek() {
    if (!session) return
    session.controller.abort()
    session.controller = new AbortController()
    session.inFlight.clear()
    set({ seeking: null })
  },
}))

/** A failed or cancelled read is shown, not thrown at the button that started it. */
async function guarded(task: Promise<void>): Promise<void> {
  try {
    await task
  } catch (error) {
    useHexStore.setState({ error: asCoreError(error), seeking: null })
  }
}

const rowStart = (offset: number) => offset - (offset % HEX_ROW_BYTES)
const chunkOf = (offset: number) => Math.floor(offset / HEX_CHUNK_SIZE)

/** One side's first window, with its size and chunk digests (a missing side: nothing). */
async function firstWindow(current: Session, side: Side): Promise<{ size: number; chunks: string[] | null }> {
  const source = current.sources[side]
  if (source.index === null) return { size: 0, chunks: [] }
  const answer = await client().memberRange(side, source.index, 0, HEX_WINDOW, { containerIndexes: source.containerIndexes, withChunks: true, signal: current.controller.signal })
  remember(current, side, 0, answer.bytes)
  return { size: answer.size, chunks: answer.chunkSha256 }
}

function remember(current: Session, side: Side, start: number, bytes: Uint8Array): void {
  const cache = current.windows[side]
  for (let at = 0; at < bytes.length; at += HEX_WINDOW) {
    cache.delete(start + at)
    // A copy: a view would keep the whole chunk it came in alive for as long as one window of it is cached.
    cache.set(start + at, bytes.length > HEX_WINDOW ? bytes.slice(at, at + HEX_WINDOW) : bytes)
  }
  // Oldest first in a Map: drop from the front.
  while (cache.size > CACHE_WINDOWS) cache.delete(cache.keys().next().value!)
}

/** The byte at `offset` on `side`, or undefined when its window is not loaded (or past the side's end). */
export function hexByte(side: Side, offset: number): number | undefined {
  const window = session?.windows[side].get(offset - (offset % HEX_WINDOW))
  return window?.[offset % HEX_WINDOW]
}

/** Reads [start, start + length) of both sides into the cache (one request per side, shared by callers). */
async function load(start: number, length: number): Promise<void> {
  const current = session
  if (!current) return
  const key = `${start}:${length}`
  const running = current.inFlight.get(key)
  if (running) return running
  const { sizes } = useHexStore.getState()
  const onProgress = (progress: ReadProgress) => {
    if (session === current) useHexStore.setState({ seeking: progress })
  }
  const task = Promise.all((['left', 'right'] as Side[]).map(async (side) => {
    const source = current.sources[side]
    if (source.index === null || start >= sizes[side]) return
    const answer = await client().memberRange(side, source.index, start, length, { containerIndexes: source.containerIndexes, onProgress, signal: current.controller.signal })
    remember(current, side, start, answer.bytes)
  })).then(() => {
    if (session === current) useHexStore.setState((state) => ({ loaded: state.loaded + 1, seeking: null }))
  }).finally(() => current.inFlight.delete(key))
  current.inFlight.set(key, task)
  return task
}

const hasWindow = (current: Session, side: Side, start: number, size: number) => start >= size || current.windows[side].has(start)

/** Most rows the view shows at once (HexView.tsx): a screenful is far below one window, so at most two windows. */
export const HEX_MAX_ROWS = 64

/** Loads the windows the rows from `top` need. */
async function ensureVisible(top: number): Promise<void> {
  const current = session
  if (!current) return
  const { sizes } = useHexStore.getState()
  for (const start of [rowWindow(top), rowWindow(top + HEX_MAX_ROWS * HEX_ROW_BYTES)]) {
    if ((['left', 'right'] as Side[]).every((side) => hasWindow(current, side, start, sizes[side]))) continue
    await load(start, HEX_WINDOW)
  }
}

const rowWindow = (offset: number) => offset - (offset % HEX_WINDOW)

/** Scans one 1 MiB chunk of both sides (one read each), adds its runs, and notes whether every run is now known. */
async function scanChunk(current: Session, chunk: number): Promise<void> {
  const { sizes } = useHexStore.getState()
  const start = chunk * HEX_CHUNK_SIZE
  const end = Math.min(Math.max(sizes.left, sizes.right), start + HEX_CHUNK_SIZE)
  await load(start, end - start)
  if (session !== current) return
  const bytes = (side: Side) => {
    const out = new Uint8Array(Math.max(0, Math.min(sizes[side], end) - start))
    for (let at = 0; at < out.length; at += HEX_WINDOW) {
      const window = current.windows[side].get(start + at)
      if (!window) fail(`The bytes at ${start + at} were dropped before they were compared`)
      out.set(window.subarray(0, Math.min(HEX_WINDOW, out.length - at)), at)
    }
    return out
  }
  const runs = mergeRuns(useHexStore.getState().runs, byteRuns(bytes('left'), bytes('right'), start, end, sizes.left, sizes.right))
  current.scanned.add(chunk)
  useHexStore.setState({ runs, complete: allScanned(current) })
}

/** Every run is known once every chunk that may differ has been scanned (none, when the digests all agree). */
function allScanned(current: Session): boolean {
  for (const chunk of chunksFrom(current, 0, 'next')) if (!current.scanned.has(chunk)) return false
  return true
}

/**
 * A run that reaches the end of its chunk may go on in the next one: that chunk is scanned before the run is
 * shown, for a few chunks at most (each may mean decoding a compressed member from its start again; a longer
 * run is shown with the end found so far). A run that reaches the shorter side's end goes on to the longer
 * side's end without reading: those bytes are on one side only.
 */
async function completeRun(current: Session, start: number): Promise<number> {
  for (let extended = 0; ; extended++) {
    const { runs, sizes } = useHexStore.getState()
    const index = runAt(runs, start)
    const shorter = Math.min(sizes.left, sizes.right)
    const longer = Math.max(sizes.left, sizes.right)
    if (runs[index].end >= shorter && runs[index].end < longer) {
      for (let chunk = chunkOf(shorter); chunk <= chunkOf(longer - 1); chunk++) current.scanned.add(chunk)
      useHexStore.setState({ runs: mergeRuns(runs, [{ start: runs[index].end, end: longer }]), complete: allScanned(current) })
      return index
    }
    const next = chunkOf(runs[index].end)
    const mayContinue = runs[index].end % HEX_CHUNK_SIZE === 0 && runs[index].end < longer && !current.scanned.has(next) && (current.differing === null || current.differing.has(next))
    if (!mayContinue || extended >= MAX_RUN_CHUNKS) return index
    await scanChunk(current, next)
    if (session !== current) return index
  }
}

/** Chunks a run is followed into before it is shown. */
const MAX_RUN_CHUNKS = 8

/** Whether every chunk that may hold a difference in [from, to) has been scanned. */
function coveredBetween(current: Session, from: number, to: number): boolean {
  if (to <= from) return true
  for (let chunk = chunkOf(from); chunk <= chunkOf(to - 1); chunk++) {
    if (!current.scanned.has(chunk) && (current.differing === null || current.differing.has(chunk))) return false
  }
  return true
}

/** The chunks to scan from `from` in one direction: only differing ones when the digests say which. */
function* chunksFrom(current: Session, from: number, direction: 'next' | 'previous'): Generator<number> {
  const { sizes } = useHexStore.getState()
  const end = Math.max(sizes.left, sizes.right)
  if (end === 0) return
  const step = direction === 'next' ? 1 : -1
  for (let chunk = chunkOf(Math.min(from, end - 1)); chunk >= 0 && chunk <= chunkOf(end - 1); chunk += step) {
    if (current.differing === null || current.differing.has(chunk)) yield chunk
  }
}

/** The run holding `offset`, or -1. */
const runAt = (runs: ByteRun[], offset: number) => runs.findIndex((run) => run.start <= offset && offset < run.end)

/**
 * Goes to the next run after the one holding `anchor` (the first run when `anchor` is null), or to the one
 * before it. The chunks between are scanned first, in order, so no run is skipped; the anchor's run may grow
 * while its next chunk is scanned (a run across a chunk boundary), so its end is looked up after each scan.
 */
async function moveTo(anchor: number | null, direction: 'next' | 'previous'): Promise<void> {
  const current = session
  if (!current) return
  const bound = () => {
    const runs = useHexStore.getState().runs
    const own = anchor === null ? -1 : runAt(runs, anchor)
    return own < 0 ? (anchor ?? 0) : direction === 'next' ? runs[own].end : runs[own].start
  }
  for (const chunk of chunksFrom(current, bound(), direction)) {
    if (!current.scanned.has(chunk)) await scanChunk(current, chunk)
    if (session !== current) return
    const runs = useHexStore.getState().runs
    const from = bound()
    const found = direction === 'next' ? runs.findIndex((run) => run.start >= from) : findLastIndex(runs, (run) => run.end <= from)
    if (found < 0) continue
    const covered = direction === 'next' ? coveredBetween(current, from, runs[found].start) : coveredBetween(current, runs[found].end, from)
    // Going back, a run that starts a chunk may begin in the chunk before: that one is scanned first (next turn).
    const startOpen = direction === 'previous' && runs[found].start > 0 && !coveredBetween(current, runs[found].start - 1, runs[found].start)
    if (covered && !startOpen) return select(await completeRun(current, runs[found].start))
  }
  if (useHexStore.getState().current < 0) await ensureVisible(0)
}

function findLastIndex<T>(list: T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i
  return -1
}

/** Shows run `index`: its first byte on the third row, so a little context comes before it. */
function select(index: number): void {
  const run = useHexStore.getState().runs[index]
  const top = Math.max(0, rowStart(run.start) - 2 * HEX_ROW_BYTES)
  useHexStore.setState({ current: index, top })
  void ensureVisible(top).catch((error) => useHexStore.setState({ error: asCoreError(error), seeking: null }))
}
