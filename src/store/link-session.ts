/**
 * The page's side of links (link-state.ts holds the format): the link the page was opened with, restored once
 * its files are given and checked, and the fragment kept current as the reviewer moves around.
 *
 * A link is written by someone else, so opening one does nothing by itself: no side is fetched (a URL side waits
 * for its button) and no file is compared until it has the SHA-256 the link names. The check goes through the
 * sources store (the link's digest becomes the side's expected digest, as if pasted), so a side restored from a
 * link reports `source.expectedDigest` and `digestOk` like any other checked side.
 */
import { create } from 'zustand'
import { sha256OfBlob } from '../core/index'
import type { Side } from '../core/types-public'
import { findMember, useDiffStore, type DiffState } from './diff-store'
import { decodeLink, encodeLink, isFetchableUrl, MAX_LINK_CHARACTERS, type LinkProblem, type LinkSide, type LinkState } from './link-state'
import { useSourceStore } from './sources'
import { useViewPrefs, type ViewPrefs } from './view-prefs'

export type LinkSideCheck =
  | { status: 'waiting' }
  | { status: 'checking'; name: string }
  | { status: 'ok'; file: File }
  /** The file given is not the link's: named, and never compared. */
  | { status: 'mismatch'; name: string; expected: string; got: string }
  | { status: 'failed'; message: string }

export interface LinkSession {
  /** The link being restored; null when the page was opened without one (or it was restored or set aside). */
  link: LinkState | null
  /** Why the fragment the page was opened with is not a usable link. */
  problem: LinkProblem | null
  /** What was left out of the link (a view option this page does not know, a member not in the comparison). */
  notes: LinkProblem[]
  sides: Record<Side, LinkSideCheck>
  /** The files were given and checked; the comparison and the link's view are being restored. */
  isRestoring: boolean
  /** Reads the fragment the page opened with. */
  open(fragment: string): void
  /** A local file given for one side: compared only if it has the link's SHA-256. */
  giveFile(side: Side, file: File): Promise<void>
  /** Fetches a URL side from its host: only ever called from its button. */
  fetchSide(side: Side): Promise<void>
  /** Sets the link aside (the page goes on as if opened without it). */
  dismiss(): void
}

const WAITING: Record<Side, LinkSideCheck> = { left: { status: 'waiting' }, right: { status: 'waiting' } }

/** A local file's SHA-256 by the core's whole-file hash (the one a reading gives the file; bounded memory at any size). */
export async function sha256OfFile(file: Blob): Promise<string> {
  return sha256OfBlob(file)
}

export const useLinkSession = create<LinkSession>((set, get) => {
  const check = (side: Side, value: LinkSideCheck) => set((state) => ({ sides: { ...state.sides, [side]: value } }))

  /** The side's file, checked by the sources store against the link's digest; named when it is another file. */
  const judge = async (side: Side, file: File | null, expected: LinkSide) => {
    const download = useSourceStore.getState().sides[side]
    if (!file) return check(side, { status: 'failed', message: download.error?.message ?? 'The file could not be fetched' })
    const ok = download.file === file ? download.source?.digestOk : undefined
    if (ok === true) {
      check(side, { status: 'ok', file })
      return restoreWhenReady()
    }
    if (ok === undefined) return check(side, { status: 'failed', message: download.error?.message ?? `${file.name} could not be checked against the link` })
    check(side, { status: 'mismatch', name: file.name, expected: expected.sha256, got: await sha256OfFile(file).catch(() => 'unknown (the file could not be read again)') })
  }

  const restoreWhenReady = () => {
    const { link, sides } = get()
    if (!link || sides.left.status !== 'ok' || sides.right.status !== 'ok' || get().isRestoring) return
    set({ isRestoring: true })
    void restore(link, { left: sides.left.file, right: sides.right.file })
  }

  const restore = async (link: LinkState, files: Record<Side, File>) => {
    const { layout, collapseUnchanged } = link.view
    useViewPrefs.getState().setViewPrefs({ ...(layout ? { layout } : {}), ...(collapseUnchanged !== undefined ? { collapseUnchanged } : {}) })
    const diff = useDiffStore.getState()
    diff.setFile('left', files.left)
    diff.setFile('right', files.right)
    const compared = await comparisonSettled()
    const notes = [...get().notes]
    if (compared.phase === 'done' && compared.report) notes.push(...applyView(link, compared))
    set({ link: null, isRestoring: false, notes, sides: WAITING })
  }

  return {
    link: null,
    problem: null,
    notes: [],
    sides: WAITING,
    isRestoring: false,

    open(fragment) {
      const decoded = decodeLink(fragment)
      if (decoded.kind === 'problem') set({ problem: decoded.problem })
      if (decoded.kind === 'link') set({ link: decoded.link, notes: decoded.notes, problem: null, sides: WAITING })
    },

    async giveFile(side, file) {
      const expected = get().link?.[side]
      if (!expected) return
      check(side, { status: 'checking', name: file.name })
      const sources = useSourceStore.getState()
      sources.setExpected(side, expected.sha256)
      await sources.localFile(side, file)
      if (get().link?.[side] === expected) await judge(side, file, expected)
    },

    async fetchSide(side) {
      const expected = get().link?.[side]
      if (!expected?.url) return
      check(side, { status: 'checking', name: expected.name })
      const sources = useSourceStore.getState()
      sources.setExpected(side, expected.sha256)
      const file = await sources.fetchSide(side, { kind: 'url', url: expected.url }, useDiffStore.getState().limits)
      if (get().link?.[side] === expected) await judge(side, file, expected)
    },

    dismiss() {
      set({ link: null, problem: null, notes: [], sides: WAITING, isRestoring: false })
    },
  }
})

/** Resolves once the comparison started by the link is done (the verdict and the tree, before the causes) or failed. */
function comparisonSettled(): Promise<DiffState> {
  return new Promise((resolve) => {
    const settled = (state: DiffState) => state.phase === 'done' || state.phase === 'failed'
    if (settled(useDiffStore.getState())) return resolve(useDiffStore.getState())
    const stop = useDiffStore.subscribe((state) => {
      if (!settled(state)) return
      stop()
      resolve(state)
    })
  })
}

/** The link's tree options, member and panel on the fresh comparison; what could not be applied, as notes. */
function applyView(link: LinkState, state: DiffState): LinkProblem[] {
  const { sort, hideIdentical, hideMetadataOnly, panel } = link.view
  state.setFilter({ ...(sort ? { sort } : {}), ...(hideIdentical !== undefined ? { hideIdentical } : {}), ...(hideMetadataOnly !== undefined ? { hideMetadataOnly } : {}) })
  if (link.member !== null && !findMember(state.report, link.member)) {
    return [{ code: 'LINK_MEMBER', message: `The member the link opens, ${JSON.stringify(link.member)}, is not in this comparison` }]
  }
  if (link.member !== null) void state.select(link.member)
  if (panel && panel !== 'member') state.showPanel(panel)
  return []
}

/** The link for what the page shows now, or null before a comparison is done (or when a side has no digest). */
export function pageLink(diff: DiffState, prefs: ViewPrefs): LinkState | null {
  const { report } = diff
  if (diff.phase !== 'done' || !report) return null
  const side = (which: Side): LinkSide | null => {
    const summary = report[which]
    if (!summary.sha256) return null
    // The URL a side was downloaded from (the sources store put it into the report), when a link may carry it.
    const url = summary.source?.url
    return { name: summary.name, size: summary.size, sha256: summary.sha256, ...(url && isFetchableUrl(url) ? { url } : {}) }
  }
  const left = side('left')
  const right = side('right')
  if (!left || !right) return null
  const { filter } = diff
  return {
    left, right, member: diff.selectedPath,
    view: { panel: diff.panel, layout: prefs.layout, collapseUnchanged: prefs.collapseUnchanged, sort: filter.sort, hideIdentical: filter.hideIdentical, hideMetadataOnly: filter.hideMetadataOnly },
  }
}

/** The fragment for the page now; a member path too long for a link is left out rather than the whole link. */
export function pageFragment(): string | null {
  const link = pageLink(useDiffStore.getState(), useViewPrefs.getState())
  if (!link) return null
  const fragment = encodeLink(link)
  return fragment.length <= MAX_LINK_CHARACTERS ? fragment : encodeLink({ ...link, member: null })
}

/** The link to copy: this page without its query (`?sample` would load the sample pair) and with the fragment. */
export function pageLinkHref(): string | null {
  const fragment = pageFragment()
  return fragment === null ? null : `${location.origin}${location.pathname}#${fragment}`
}

/** Writes the fragment into the address bar without navigating (no history entry, no hashchange, no request). */
export function writeFragment(): void {
  const session = useLinkSession.getState()
  // A link still being restored keeps its fragment: the page is not showing its state yet.
  if (session.link || session.isRestoring) return
  const fragment = pageFragment()
  if (fragment === null || location.hash.slice(1) === fragment) return
  history.replaceState(history.state, '', `${location.pathname}${location.search}#${fragment}`)
}

/** How long the page waits after a change before writing it (a drag of the split or a burst of keys writes once). */
export const FRAGMENT_WRITE_DELAY_MS = 250

let started = false
/** Reads the fragment the page opened with, then keeps it current; once per page (StrictMode runs effects twice). */
export function startLinkSync(): void {
  if (started) return
  started = true
  useLinkSession.getState().open(location.hash)
  let timer: ReturnType<typeof setTimeout> | null = null
  const schedule = () => {
    if (timer !== null) return
    timer = setTimeout(() => {
      timer = null
      writeFragment()
    }, FRAGMENT_WRITE_DELAY_MS)
  }
  useDiffStore.subscribe(schedule)
  useViewPrefs.subscribe(schedule)
  useLinkSession.subscribe(schedule)
}
