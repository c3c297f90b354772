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

export interface DiffController {
  update(input: DiffInput): void
  setHideUnchanged(hide: boolean): void
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
    hideUnchangedRegions: { enabled: false },
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
    dispose() {
      diffEditor.setModel(null)
      diffEditor.dispose()
      release(viewModel, models)
      viewModel = null
      models = null
    },
  }
}
