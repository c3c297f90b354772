/**
 * The member tree's keys as a WAI-ARIA tree view (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/), a pure
 * function of the rows, the active row and the key: the component only carries out what it answers, so a
 * virtualised tree (most rows not in the DOM) is driven by row indexes, never by querying rendered elements.
 */
import type { TreeRow } from '../store/selectors'

export type TreeKeyAction =
  | { kind: 'move'; index: number }
  | { kind: 'open'; index: number; open: boolean }
  | { kind: 'activate'; index: number }
  | { kind: 'none' }

/** Type-ahead: letters typed within this many milliseconds of each other make one prefix (as in file managers). */
export const TYPE_AHEAD_MS = 700

export interface TypeAhead {
  prefix: string
  at: number
}

interface KeyInput {
  key: string
  /** Ctrl, Alt or Meta held: the browser's or the page's shortcut, never type-ahead. */
  modified: boolean
  now: number
}

const isOpenFolder = (row: TreeRow, collapsed: ReadonlySet<string>) => row.node.kind === 'folder' && !collapsed.has(row.node.key)

/** Right: opens a closed folder, enters an open one (its first child); nothing on a member. */
function right(rows: readonly TreeRow[], active: number, collapsed: ReadonlySet<string>): TreeKeyAction {
  const row = rows[active]
  if (row.node.kind !== 'folder') return { kind: 'none' }
  if (!isOpenFolder(row, collapsed)) return { kind: 'open', index: active, open: true }
  return rows[active + 1]?.parent === active ? { kind: 'move', index: active + 1 } : { kind: 'none' }
}

/** Left: closes an open folder, else goes to the folder holding the row; nothing at the top. */
function left(rows: readonly TreeRow[], active: number, collapsed: ReadonlySet<string>): TreeKeyAction {
  const row = rows[active]
  if (isOpenFolder(row, collapsed)) return { kind: 'open', index: active, open: false }
  return row.parent >= 0 ? { kind: 'move', index: row.parent } : { kind: 'none' }
}

/**
 * The next row, after the active one and wrapping round, whose name starts with the prefix (case-insensitive).
 * A prefix of one letter repeated (`aaa`) cycles through the rows starting with that letter, as in the APG.
 */
export function typeAheadMatch(rows: readonly TreeRow[], active: number, prefix: string): number {
  const lower = prefix.toLowerCase()
  const repeated = [...lower].every((letter) => letter === lower[0])
  const wanted = repeated ? lower[0] : lower
  // A longer prefix may still match the active row itself (typing "co" on "core.py" stays there).
  const first = repeated ? 1 : 0
  for (let step = first; step < rows.length + first; step++) {
    const index = (active + step) % rows.length
    if (rows[index].node.name.toLowerCase().startsWith(wanted)) return index
  }
  return -1
}

/** What a key does on the active row, and the type-ahead state after it. */
export function treeKeyAction(
  rows: readonly TreeRow[], active: number, collapsed: ReadonlySet<string>, input: KeyInput, typed: TypeAhead,
): { action: TreeKeyAction; typed: TypeAhead } {
  const none = { action: { kind: 'none' } as TreeKeyAction, typed }
  if (rows.length === 0) return none
  const current = Math.max(0, Math.min(rows.length - 1, active))
  const moves: Record<string, number> = { ArrowDown: Math.min(rows.length - 1, current + 1), ArrowUp: Math.max(0, current - 1), Home: 0, End: rows.length - 1 }
  if (input.key in moves) return { action: { kind: 'move', index: moves[input.key] }, typed }
  if (input.key === 'ArrowRight') return { action: right(rows, current, collapsed), typed }
  if (input.key === 'ArrowLeft') return { action: left(rows, current, collapsed), typed }
  if (input.key === 'Enter' || input.key === ' ') {
    // Space continues a type-ahead prefix that holds one ("my file"); otherwise it selects, like Enter.
    if (input.key === ' ' && typed.prefix && input.now - typed.at < TYPE_AHEAD_MS) return typeAhead(rows, current, input, typed)
    return { action: { kind: 'activate', index: current }, typed }
  }
  if (input.key.length === 1 && !input.modified) return typeAhead(rows, current, input, typed)
  return none
}

function typeAhead(rows: readonly TreeRow[], current: number, input: KeyInput, typed: TypeAhead) {
  const prefix = (input.now - typed.at < TYPE_AHEAD_MS ? typed.prefix : '') + input.key
  const index = typeAheadMatch(rows, current, prefix)
  const next = { prefix, at: input.now }
  return { action: index >= 0 ? ({ kind: 'move', index } as const) : ({ kind: 'none' } as const), typed: next }
}
