/**
 * A plain controller around Monaco's diff editor: the React view only creates, updates and disposes
 * it. It owns its two models, so nothing is disposed while the widget still shows it (the bug
 * @monaco-editor/react has on unmount).
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
    maxComputationTime: 5000,
    renderOverviewRuler: true,
    scrollBeyondLastLine: false,
    minimap: { enabled: false },
    fontSize: 13,
    renderWhitespace: 'boundary',
    unicodeHighlight: { ambiguousCharacters: true, invisibleCharacters: true },
  })
  let models: editor.IDiffEditorModel | null = null

  return {
    update({ leftText, rightText, language }) {
      const previous = models
      models = {
        original: monaco.editor.createModel(leftText, language),
        modified: monaco.editor.createModel(rightText, language),
      }
      diffEditor.setModel(models)
      // Only after the widget has let go of them.
      previous?.original.dispose()
      previous?.modified.dispose()
    },
    setHideUnchanged(hide) {
      diffEditor.updateOptions({ hideUnchangedRegions: { enabled: hide } })
    },
    dispose() {
      diffEditor.dispose()
      models?.original.dispose()
      models?.modified.dispose()
      models = null
    },
  }
}
