/**
 * A plain controller around Monaco's diff editor: the React view only creates, updates and disposes
 * it. It owns its two models and their view model, so nothing is disposed while the widget still uses it
 * (the bug @monaco-editor/react has on unmount).
 */
import type { editor } from 'monaco-editor/editor'
import type { monaco as MonacoApi } from './monaco-env'

export interface DiffInput {
  leftText: string
  rightText: string
  language: string
}

/** Where a revealed change starts, for the page's "change 3 of 13" and the tests. */
export interface RevealedChange {
  index: number
  /** The line of the modified (right) side where it starts; a pure deletion: the line after it, at least 1. */
  line: number
}

export interface DiffController {
  update(input: DiffInput): void
  setHideUnchanged(hide: boolean): void
  /** Side by side (left | right) or inline (one column, the left's lines struck above the right's). */
  setSideBySide(sideBySide: boolean): void
  /**
   * Called each time the editor has (re)computed the line changes of the current pair, with their number; `fresh`
   * on the first computation after `update` (a new pair), not on a recomputation (the whitespace option changed).
   */
  onChanges(listener: (count: number, fresh: boolean) => void): void
  /** Puts the cursor on change `index` and scrolls it to the middle (as Monaco's own goToDiff), or null if there is none. */
  revealChange(index: number): RevealedChange | null
  /** Whether changes of leading/trailing whitespace are ignored; off by default, since indentation is meaning in Python. */
  setIgnoreTrimWhitespace(ignore: boolean): void
  dispose(): void
}

export function createDiffController(host: HTMLElement, monaco: typeof MonacoApi): DiffController {
  const diffEditor = monaco.editor.createDiffEditor(host, {
    readOnly: true,
    originalEditable: false,
    renderSideBySide: true,
    // Keep two columns even in a narrow pane: "left against right" is the point of the page.
    useInlineViewWhenSpaceIsLimited: false,
    automaticLayout: true,
    // Collapsed until the page says otherwise (the toggle defaults on); each region can be expanded in place.
    hideUnchangedRegions: { enabled: true },
    // Monaco's default (true) hides indentation changes: in Python they change what the code does.
    ignoreTrimWhitespace: false,
    maxComputationTime: 5000,
    renderOverviewRuler: true,
    scrollBeyondLastLine: false,
    minimap: { enabled: false },
    fontSize: 13,
    renderWhitespace: 'boundary',
    // Never offer to remove U+2028/U+2029 from a member: the text shown is the text read.
    unusualLineTerminators: 'off',
    unicodeHighlight: { ambiguousCharacters: true, invisibleCharacters: true },
  })
  let models: editor.IDiffEditorModel | null = null
  let viewModel: editor.IDiffEditorViewModel | null = null
  let listener: ((count: number, fresh: boolean) => void) | null = null
  let fresh = true
  // getLineChanges() is null while a diff is computed (and for a pair being replaced): only a result is reported.
  const subscription = diffEditor.onDidUpdateDiff(() => {
    const changes = diffEditor.getLineChanges()
    if (!changes || !models) return
    const first = fresh
    fresh = false
    listener?.(changes.length, first)
  })

  /**
   * Lets go of a model pair. Its view model is disposed first: that cancels a diff computation still running
   * in the editor worker. The widget itself defers the disposal of the view model it replaced to a later task
   * (DiffEditorWidget.setDiffModel), so disposing the text models right after `setModel` used to leave that
   * computation running on models the worker no longer had, and it threw "no diff result available" when
   * members were switched quickly.
   */
  function release(oldViewModel: editor.IDiffEditorViewModel | null, oldModels: editor.IDiffEditorModel | null): void {
    oldViewModel?.dispose()
    oldModels?.original.dispose()
    oldModels?.modified.dispose()
  }

  return {
    update({ leftText, rightText, language }) {
      const previous = { viewModel, models }
      models = {
        original: monaco.editor.createModel(leftText, language),
        modified: monaco.editor.createModel(rightText, language),
      }
      viewModel = diffEditor.createViewModel(models)
      fresh = true
      diffEditor.setModel(viewModel)
      // Only after the widget has moved to the new pair.
      release(previous.viewModel, previous.models)
    },
    setHideUnchanged(hide) {
      diffEditor.updateOptions({ hideUnchangedRegions: { enabled: hide } })
    },
    setIgnoreTrimWhitespace(ignore) {
      diffEditor.updateOptions({ ignoreTrimWhitespace: ignore })
    },
    setSideBySide(sideBySide) {
      diffEditor.updateOptions({ renderSideBySide: sideBySide })
    },
    onChanges(next) {
      listener = next
    },
    revealChange(index) {
      const change = diffEditor.getLineChanges()?.[index]
      const modified = diffEditor.getModifiedEditor()
      const lineCount = modified.getModel()?.getLineCount() ?? 0
      if (!change || lineCount === 0) return null
      // ILineChange writes a deletion as modifiedEndLineNumber 0, modifiedStartLineNumber the line before it.
      const deletion = change.modifiedEndLineNumber === 0
      const line = Math.max(1, Math.min(lineCount, deletion ? change.modifiedStartLineNumber + 1 : change.modifiedStartLineNumber))
      const end = deletion ? line : Math.min(lineCount, change.modifiedEndLineNumber)
      modified.setPosition({ lineNumber: line, column: 1 })
      modified.revealRangeInCenter({ startLineNumber: line, startColumn: 1, endLineNumber: end, endColumn: 1 })
      return { index, line }
    },
    dispose() {
      subscription.dispose()
      listener = null
      diffEditor.setModel(null)
      diffEditor.dispose()
      release(viewModel, models)
      viewModel = null
      models = null
    },
  }
}
