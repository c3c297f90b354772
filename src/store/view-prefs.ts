/**
 * How the reviewer likes the page laid out, kept in this browser (localStorage) between visits: the diff's layout
 * (side by side or inline; inline by default on a narrow screen), whether unchanged regions are collapsed (on by default, as GitHub shows only hunks),
 * and the width of the member tree beside the detail pane (the split). Missing or blocked storage means defaults.
 */
import { create } from 'zustand'

export type DiffLayout = 'side-by-side' | 'inline'

export interface ViewPrefs {
  layout: DiffLayout
  collapseUnchanged: boolean
  /** The tree's width in CSS pixels; clamped to `TREE_WIDTH` when set. */
  treeWidth: number
}

export const TREE_WIDTH = { min: 200, max: 900, default: 360, step: 24 } as const
export const DEFAULT_VIEW_PREFS: ViewPrefs = { layout: 'side-by-side', collapseUnchanged: true, treeWidth: TREE_WIDTH.default }
const STORAGE_KEY = 'reprodiff.view'

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function clampTreeWidth(width: number): number {
  if (!Number.isFinite(width)) return TREE_WIDTH.default
  return Math.round(Math.max(TREE_WIDTH.min, Math.min(TREE_WIDTH.max, width)))
}

/**
 * What was saved, field by field: a field of the wrong type (an older page, a hand edit) falls back to its default.
 * `defaultLayout` is the layout when none was chosen: inline on a narrow screen (`defaultLayoutFor`).
 */
export function parseViewPrefs(saved: unknown, defaultLayout: DiffLayout = DEFAULT_VIEW_PREFS.layout): ViewPrefs {
  const value = saved && typeof saved === 'object' ? (saved as Record<string, unknown>) : {}
  return {
    layout: value.layout === 'inline' || value.layout === 'side-by-side' ? value.layout : defaultLayout,
    collapseUnchanged: typeof value.collapseUnchanged === 'boolean' ? value.collapseUnchanged : DEFAULT_VIEW_PREFS.collapseUnchanged,
    treeWidth: typeof value.treeWidth === 'number' ? clampTreeWidth(value.treeWidth) : TREE_WIDTH.default,
  }
}

/** Below this width two diff columns would each be narrower than a line of code: inline, as GitHub does on a phone. */
export const NARROW_SCREEN_PX = 700

export function defaultLayoutFor(viewportWidth: number): DiffLayout {
  return viewportWidth < NARROW_SCREEN_PX ? 'inline' : 'side-by-side'
}

function load(): ViewPrefs {
  const defaultLayout = defaultLayoutFor(typeof innerWidth === 'number' ? innerWidth : Infinity)
  try {
    return parseViewPrefs(JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null'), defaultLayout)
  } catch {
    return { ...DEFAULT_VIEW_PREFS, layout: defaultLayout }
  }
}

function save(prefs: ViewPrefs): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(prefs))
  } catch {
    // Full or blocked storage: the choice holds for this visit.
  }
}

interface ViewPrefsState extends ViewPrefs {
  setViewPrefs(prefs: Partial<ViewPrefs>): void
}

export const useViewPrefs = create<ViewPrefsState>()((set, get) => ({
  ...load(),
  setViewPrefs(partial) {
    const { layout, collapseUnchanged, treeWidth } = { ...get(), ...partial }
    const next = { layout, collapseUnchanged, treeWidth: clampTreeWidth(treeWidth) }
    set(next)
    save(next)
  },
}))
