/**
 * The one store of the page: inputs, progress, the report, the selection and the content of the
 * selected member. Actions are the only writers; they call the worker client and `set` the results.
 */
import { create } from 'zustand'
import type { ContentPair, CoreError, Limits, MemberComparison, MemberStatus, ReadProgress, Report, Side } from '../core/types-public'
import { describeUnloadedPair, isTooLargeToLoad } from '../core/index'
import { createCompareClient, type CompareClient, type CompareMode, type SourcePairing } from '../worker/client'
import { loadLimits, saveLimits } from './limits'
import { checkAgainstSaved, type SavedCheck } from './saved-report'
import { sourcedReport, useSourceStore } from './sources'
import { isDiffPending, memberOrder, stepChange, stepMember, type ChangeCursor, type ChangeTarget, type Direction } from './navigation'
import { contentChains } from './selectors'
import { defaultHideMetadataOnly, type TreeSort } from './tree-filter'

export type Phase = 'idle' | 'reading' | 'done' | 'failed'

export type ContentState =
  | { status: 'idle' }
  | { status: 'loading'; path: string }
  | { status: 'ready'; path: string; content: ContentPair }
  | { status: 'failed'; path: string; error: CoreError }

/** The tree's filter; how its parts combine is `memberFilter` in store/tree-filter.ts (one precedence, documented there). */
export interface Filter {
  text: string
  hideIdentical: boolean
  /** Set to `defaultHideMetadataOnly(counts)` when a report arrives: real changes first, metadata-only rows one click away. */
  hideMetadataOnly: boolean
  statuses: MemberStatus[]
  /** Row order: the folder tree by path (default), or one flat list by status or by size of change. */
  sort: TreeSort
}

/** What the right-hand pane shows: the causes, the package metadata, the archive fields, or the selected member. */
export type Panel = 'causes' | 'package' | 'archive' | 'member' | 'map'

export interface DiffState {
  files: Record<Side, File | null>
  phase: Phase
  progress: Record<Side, ReadProgress | null>
  startedAt: number | null
  elapsedMs: number | null
  report: Report | null
  failure: CoreError | null
  /**
   * Set when the members were compared but explaining them failed: the report (verdict, members) stays shown,
   * without findings, and the page says that no cause and no security check could be worked out.
   */
  analysisFailure: CoreError | null
  selectedPath: string | null
  content: ContentState
  filter: Filter
  /** Id of the finding (store/findings.ts) whose members alone the tree shows; null shows all. */
  causeFilter: string | null
  panel: Panel
  /**
   * A request to bring the causes panel (id null) or one finding card into view; a new object per
   * request, so asking twice for the same card scrolls again. Cleared on select.
   */
  causeRequest: { id: string | null } | null
  /** The reading and display limits in force: the defaults, or what was set in the Limits panel (kept between visits). */
  limits: Limits
  /** Whether the Limits panel is open; findings and errors that name a limit open it too. */
  isLimitsOpen: boolean
  /** Whether the two files read are an sdist and its wheel (the left one the sdist once read: a pair dropped wheel first is swapped). */
  pairing: SourcePairing
  /** The mode chosen with the trace view's switch; null: a source/build pair is traced, any other pair compared. A new file resets it. */
  modeChoice: CompareMode | null
  /** Trace the pair, or compare it as two builds: the one-click switch of a source/build pair. */
  setMode(mode: CompareMode): void
  /** Whether the archives inside with the same bytes on both sides are opened too (`openSameBytes`); a new file resets it. */
  openSameBytes: boolean
  /** Compares the pair again with those archives opened (MemberDetail's not-opened note). */
  openSameBytesContainers(): void
  setFile(side: Side, file: File | null): void
  compare(): Promise<void>
  cancel(): void
  select(path: string | null): Promise<void>
  setFilter(filter: Partial<Filter>): void
  setCauseFilter(id: string | null): void
  showPanel(panel: Panel): void
  /** Opens the causes panel, optionally on one finding (from the banner, a member's cause chips, an archive field). */
  showCause(id: string | null): void
  loadSample(): Promise<void>
  /** Shows a saved report (store/saved-report.ts) without its artefacts: browsing only, content views say the files are missing. */
  openReport(report: Report): void
  /** True while the report shown is a saved one (openReport): the workers hold no files for it. A comparison clears it. */
  browsingSaved: boolean
  /** Files dropped over a saved report: whether they are the files it was made from (their SHA-256 against its digests). */
  savedCheck: SavedCheck | null
  /**
   * Changes some limits, saves them, and applies them: a loaded pair is compared again (the reading limits
   * decide what was read); a change of the text size alone only reloads the selected member's content.
   */
  setLimits(limits: Partial<Limits>): void
  showLimits(open: boolean): void
  /** The open member's line changes, written by the diff editor once it has computed them (null: none computed). */
  changes: ChangeCursor | null
  /** A request to the diff editor to reveal one change of member `path`; a new object per request (store/navigation.ts). */
  changeRequest: { path: string; target: ChangeTarget } | null
  setChanges(changes: ChangeCursor | null): void
  /** Next/previous change, rolling over into the next/previous changed member (navigation.ts `stepChange`). */
  stepChange(direction: Direction): void
  /** Next/previous changed member in the tree's order, opened at its first change. */
  stepMember(direction: Direction): void
  /** Whether the list of the page's keys (`?`) is open. */
  isKeyHelpOpen: boolean
  showKeyHelp(open: boolean): void
}

let client: CompareClient | null = null
/** Workers start with the page, not on drop, so the first comparison does not pay for their start-up. */
export function startWorkers(): void {
  client ??= createCompareClient()
}
function getClient(): CompareClient {
  startWorkers()
  return client!
}

let runId = 0

export const useDiffStore = create<DiffState>((set, get) => ({
  files: { left: null, right: null },
  phase: 'idle',
  progress: { left: null, right: null },
  startedAt: null,
  elapsedMs: null,
  report: null,
  failure: null,
  analysisFailure: null,
  selectedPath: null,
  content: { status: 'idle' },
  filter: { text: '', hideIdentical: true, hideMetadataOnly: false, statuses: [], sort: 'path' },
  causeFilter: null,
  panel: 'causes',
  causeRequest: null,
  limits: loadLimits(),
  isLimitsOpen: false,
  changes: null,
  changeRequest: null,
  isKeyHelpOpen: false,
  browsingSaved: false,
  savedCheck: null,
  pairing: null,
  modeChoice: null,
  openSameBytes: false,

  setMode(mode) {
    set({ modeChoice: mode })
    void get().compare()
  },

  openSameBytesContainers() {
    set({ openSameBytes: true })
    void get().compare()
  },

  setFile(side, file) {
    set((state) => ({ files: { ...state.files, [side]: file }, modeChoice: null, openSameBytes: false }))
    const { files } = get()
    if (files.left && files.right) void get().compare()
  },

  async compare() {
    const { left: dropped, right: droppedRight } = get().files
    if (!dropped || !droppedRight) return
    // The sides as read: a source/build pair dropped wheel first comes back swapped (onPairing), the sdist left.
    let left = dropped
    let right = droppedRight
    const run = ++runId
    const startedAt = performance.now()
    let compared: Report | null = null
    const saved = get().browsingSaved ? get().report : null
    set({
      phase: 'reading', progress: { left: null, right: null }, report: null, failure: null, analysisFailure: null, selectedPath: null, content: { status: 'idle' }, browsingSaved: false, savedCheck: null,
      startedAt, elapsedMs: null, causeFilter: null, panel: 'causes', causeRequest: null, pairing: null,
    })
    try {
      const onProgress = (side: Side, progress: ReadProgress) => {
        if (run === runId) set((state) => ({ progress: { ...state.progress, [side]: progress } }))
      }
      // The verdict and the tree show as soon as the comparison is done; the causes follow a moment later.
      const onCompared = (plain: Report) => {
        const report = sourcedReport(plain, { left, right })
        compared = report
        if (run === runId) {
          set((state) => ({
            phase: 'done', report, elapsedMs: performance.now() - startedAt,
            // In a trace, a wheel file's mtime against its source's is no news: every wheel file is shown with its trace status.
            filter: { ...state.filter, hideMetadataOnly: report.mode === 'trace' ? false : defaultHideMetadataOnly(report.counts) },
          }))
        }
      }
      const onPairing = (pairing: SourcePairing, swapped: boolean) => {
        if (swapped) [left, right] = [right, left]
        if (run === runId) set({ pairing, ...(swapped ? { files: { left, right } } : {}) })
      }
      const mode = get().modeChoice ?? undefined
      const report = await getClient().compare(left, right, onProgress, get().limits, onCompared, { mode, onPairing, openSameBytes: get().openSameBytes })
      if (run === runId && saved) set({ savedCheck: checkAgainstSaved(saved, report) })
      if (run === runId) set({ phase: 'done', report: sourcedReport(report, { left, right }) })
    } catch (error) {
      if (run !== runId) return
      // A failure while explaining must not take the verdict and the members away again.
      if (compared) set({ analysisFailure: asCoreError(error) })
      else set({ phase: 'failed', failure: asCoreError(error) })
    }
  },

  cancel() {
    runId++
    getClient().cancel()
    set({ phase: 'failed', failure: { code: 'CANCELLED', message: 'Comparison cancelled' } })
  },

  async select(path) {
    // Choosing a member means wanting to see it: the pane switches to it from whatever it showed.
    set((state) => ({
      selectedPath: path, content: path ? { status: 'loading', path } : { status: 'idle' }, causeRequest: null, ...(path ? { panel: 'member' as const } : {}),
      // A member opens at its first change unless a step asked for another (its last, when stepping back into it).
      changes: null, changeRequest: state.changeRequest?.path === path ? state.changeRequest : null,
    }))
    await loadSelectedContent()
  },

  setFilter(filter) {
    set((state) => ({ filter: { ...state.filter, ...filter } }))
  },

  setCauseFilter(id) {
    set({ causeFilter: id })
  },

  showPanel(panel) {
    set({ panel })
  },

  showCause(id) {
    set({ panel: 'causes', causeRequest: { id } })
  },

  openReport(report) {
    runId++
    set({
      files: { left: null, right: null }, phase: 'done', progress: { left: null, right: null }, report, failure: null, analysisFailure: null,
      selectedPath: null, content: { status: 'idle' }, startedAt: null, elapsedMs: null, causeFilter: null, panel: 'causes', causeRequest: null, browsingSaved: true,
    })
  },

  async loadSample() {
    const base = new URL('sample/', document.baseURI)
    const manifest = (await (await fetch(new URL('manifest.json', base))).json()) as Record<Side, string>
    const load = async (side: Side) => {
      const url = new URL(manifest[side], base)
      const blob = await (await fetch(url)).blob()
      return new File([blob], url.pathname.split('/').pop() ?? side)
    }
    const [left, right] = await Promise.all([load('left'), load('right')])
    set({ files: { left, right } })
    await get().compare()
  },

  setLimits(partial) {
    const before = get().limits
    const limits = { ...before, ...partial }
    set({ limits })
    saveLimits(limits)
    // The text size is applied when content is shown, after reading: re-reading both files for it would waste time.
    const readingChanged = (Object.keys(limits) as (keyof Limits)[]).some((name) => name !== 'maxTextBytes' && limits[name] !== before[name])
    if (readingChanged) void get().compare()
    else if (limits.maxTextBytes !== before.maxTextBytes) void loadSelectedContent()
  },

  showLimits(open) {
    set({ isLimitsOpen: open })
  },

  setChanges(changes) {
    // A request for this member is answered by the cursor it produced.
    set((state) => ({ changes, changeRequest: changes && state.changeRequest?.path === changes.path ? null : state.changeRequest }))
  },

  stepChange(direction) {
    const { report, filter, causeFilter, selectedPath, changes, content } = get()
    if (!report) return
    const order = memberOrder(report, filter, causeFilter)
    // Text still loading or being compared: stepping now would skip the member's own changes.
    const pending = selectedPath !== null && isDiffPending(findMember(report, selectedPath), contentShape(content))
    const step = stepChange(order, selectedPath, changes, direction, pending)
    if (step.kind === 'reveal' && selectedPath !== null) set({ panel: 'member', changeRequest: { path: selectedPath, target: step.index } })
    else if (step.kind === 'open') {
      set({ changeRequest: { path: step.path, target: step.at } })
      void get().select(step.path)
    }
  },

  showKeyHelp(open) {
    set({ isKeyHelpOpen: open })
  },

  stepMember(direction) {
    const { report, filter, causeFilter, selectedPath } = get()
    if (!report) return
    const path = stepMember(memberOrder(report, filter, causeFilter), selectedPath, direction)
    if (path !== null) void get().select(path)
  },
}))

/** What a content view says when a saved report was opened without its artefacts. */
export const ARTEFACTS_NOT_LOADED = 'The artefacts are not loaded: drop them to see contents.'

// A digest checked after the report arrived (typed, or a local file hashed) joins it, with its finding.
useSourceStore.subscribe(() => {
  const { report, files } = useDiffStore.getState()
  if (report) useDiffStore.setState({ report: sourcedReport(report, files) })
})

let contentRun = 0
/** Loads the selected member's content under the current text limit; only the latest load (member or limit) lands. */
async function loadSelectedContent(): Promise<void> {
  const run = ++contentRun
  const { report, selectedPath: path, limits, browsingSaved } = useDiffStore.getState()
  const member = path ? findMember(report, path) : undefined
  if (!path || !member) return
  // A saved report opened without its files (openReport): the workers hold nothing to read the member from.
  if (browsingSaved) {
    useDiffStore.setState({ content: { status: 'failed', path, error: { code: 'READ_FAILED', message: ARTEFACTS_NOT_LOADED } } })
    return
  }
  // A side too large to hold is never loaded whole: the summary comes from the report, the hex view reads by range.
  if (isTooLargeToLoad(member.left, member.right)) {
    useDiffStore.setState({ content: { status: 'ready', path, content: describeUnloadedPair(member.left, member.right) } })
    return
  }
  useDiffStore.setState({ content: { status: 'loading', path } })
  const isLatest = () => run === contentRun && useDiffStore.getState().selectedPath === path
  try {
    const content = await getClient().loadContent(member.left?.index ?? null, member.right?.index ?? null, limits.maxTextBytes, ...contentChains(member))
    if (isLatest()) useDiffStore.setState({ content: { status: 'ready', path, content } })
  } catch (error) {
    if (isLatest()) useDiffStore.setState({ content: { status: 'failed', path, error: asCoreError(error) } })
  }
}

/** Both sides of one member through the workers, as the diff view loads them (the page's HTML export reads its text diffs so). */
export function loadMemberContent(member: MemberComparison, maxTextBytes: number): Promise<ContentPair> {
  return getClient().loadContent(member.left?.index ?? null, member.right?.index ?? null, maxTextBytes, ...contentChains(member))
}

export function findMember(report: Report | null, path: string): MemberComparison | undefined {
  return report?.members.find((member) => member.path === path)
}

/** The content state as `isDiffPending` reads it. */
export function contentShape(content: ContentState): { status: string; isText?: boolean } {
  return { status: content.status, isText: content.status === 'ready' ? content.content.isText : undefined }
}

function asCoreError(error: unknown): CoreError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) return error as CoreError
  return { code: 'READ_FAILED', message: error instanceof Error ? error.message : String(error) }
}
