/**
 * The page-wide keys: next/previous change and changed member from anywhere on the page, and `?` for the list of
 * keys. One table (`PAGE_KEYS`) drives both the handler and the help dialog, so what is shown is what works.
 *
 * Choices, following the tools reviewers already drive:
 * - F7 / Shift+F7 and Alt+F5 / Shift+Alt+F5: VS Code's diff editor ("Go to Next/Previous Difference", "Next/Previous
 *   Change"). Function keys work everywhere, in the editor too (inside Monaco, F7 would open its accessible diff
 *   viewer instead, which the review found confusing).
 * - `n` / `p`: next/previous change, as in Gerrit's diff view; `j` / `k` and `]` / `[`: next/previous file, as in
 *   Gerrit's and GitHub's lists (`j`/`k`) and Gerrit's file keys (`]`/`[`).
 * - `?`: this list (GitHub, Gerrit, Gmail).
 * Single-character keys never fire in a text field, in the editor or in the focused tree (there letters are
 * type-ahead), nor with Ctrl, Alt or Meta held (the browser's and the system's shortcuts).
 */

export type PageAction = 'next-change' | 'prev-change' | 'next-member' | 'prev-member' | 'help'

export interface KeyChord {
  key: string
  shift?: boolean
  alt?: boolean
}

export interface PageKey {
  action: PageAction
  chords: readonly KeyChord[]
  description: string
}

export const PAGE_KEYS: readonly PageKey[] = [
  { action: 'next-change', chords: [{ key: 'n' }, { key: 'F7' }, { key: 'F5', alt: true }], description: 'Next change (past the last one: the next changed member)' },
  { action: 'prev-change', chords: [{ key: 'p' }, { key: 'F7', shift: true }, { key: 'F5', shift: true, alt: true }], description: 'Previous change (before the first one: the previous changed member)' },
  { action: 'next-member', chords: [{ key: 'j' }, { key: ']' }], description: 'Next changed member, in the tree\u2019s order' },
  { action: 'prev-member', chords: [{ key: 'k' }, { key: '[' }], description: 'Previous changed member' },
  { action: 'help', chords: [{ key: '?' }], description: 'Show these keys' },
]

/** What the handler needs of a key event and of where it happened (a fake is enough in tests). */
export interface KeyInput {
  key: string
  shiftKey: boolean
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  /** The focused element is a text field, a select or editable content. */
  inTextField: boolean
  /** It is inside the Monaco editor. */
  inEditor: boolean
  /** It is inside the member tree (letters are its type-ahead). */
  inTree: boolean
}

const isSingleCharacter = (key: string) => [...key].length === 1

function matches(chord: KeyChord, input: KeyInput): boolean {
  if (input.ctrlKey || input.metaKey) return false
  if (isSingleCharacter(chord.key)) {
    // A character already says its Shift (`?` is Shift+/ on most layouts): only Alt must be absent.
    return !input.altKey && input.key.toLowerCase() === chord.key && (chord.key === input.key || !input.shiftKey)
  }
  return input.key === chord.key && Boolean(chord.shift) === input.shiftKey && Boolean(chord.alt) === input.altKey
}

/** The action a key asks for, or null: none, or a single character where it is typing (field, editor, tree). */
export function pageKeyAction(input: KeyInput): PageAction | null {
  for (const entry of PAGE_KEYS) {
    const chord = entry.chords.find((candidate) => matches(candidate, input))
    if (!chord) continue
    if (isSingleCharacter(chord.key) && (input.inTextField || input.inEditor || input.inTree)) return null
    return entry.action
  }
  return null
}

/** "Shift+Alt+F5", "n": how a chord is written in the help. */
export function chordLabel(chord: KeyChord): string {
  return [chord.shift ? 'Shift' : '', chord.alt ? 'Alt' : '', chord.key].filter(Boolean).join('+')
}

/** Where the event happened, read from the DOM (the one part that is not pure). */
export function keyInputOf(event: KeyboardEvent): KeyInput {
  const target = event.target instanceof Element ? event.target : null
  const field = target?.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')
  // A checkbox or a button takes no text: single keys still navigate from there.
  const isTextField = Boolean(field) && !(field instanceof HTMLInputElement && ['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(field.type))
  return {
    key: event.key,
    shiftKey: event.shiftKey,
    altKey: event.altKey,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    inTextField: isTextField,
    inEditor: Boolean(target?.closest('.monaco-editor')),
    inTree: Boolean(target?.closest('[role="tree"]')),
  }
}

/**
 * Listens on the window in the capture phase, so F7 reaches the page before Monaco takes it; a handled key is
 * stopped there. A key pressed while a modal dialog is open (the help, the limits) is left to the dialog.
 * Returns the function that removes the listener.
 */
export function installPageKeys(target: Window, run: (action: PageAction) => void): () => void {
  const listener = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return
    if (target.document.querySelector('dialog[open]')) return
    const action = pageKeyAction(keyInputOf(event))
    if (!action) return
    event.preventDefault()
    event.stopPropagation()
    run(action)
  }
  target.addEventListener('keydown', listener, true)
  return () => target.removeEventListener('keydown', listener, true)
}
