/**
 * Side-by-side, read-only text diff of one member (left = Monaco "original", right = "modified").
 * Default export so App can `lazy()`-load it: this module pulls in Monaco.
 */
import { useEffect, useRef } from 'react'
import { useThemeStore } from '../../store/theme'
import { createDiffController, type DiffController } from './diff-controller'
import { languageForPath } from './language'
import { monaco } from './monaco-env'

export interface DiffViewProps {
  path: string
  /** null: the member is absent on that side; shown against empty text. */
  leftText: string | null
  rightText: string | null
  hideUnchanged: boolean
  /** Ignore changes of leading/trailing whitespace (Monaco's `ignoreTrimWhitespace`); the page starts with false. */
  ignoreTrimWhitespace: boolean
}

export default function DiffView({ path, leftText, rightText, hideUnchanged, ignoreTrimWhitespace }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null)
  const controller = useRef<DiffController | null>(null)
  const theme = useThemeStore((state) => state.theme)

  // Monaco's theme is global (every editor on the page): set before the first editor is made, and on each change.
  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs')
  }, [theme])

  useEffect(() => {
    controller.current = createDiffController(host.current!, monaco)
    return () => {
      controller.current?.dispose()
      controller.current = null
    }
  }, [])

  useEffect(() => {
    controller.current?.update({ leftText: leftText ?? '', rightText: rightText ?? '', language: languageForPath(path) })
  }, [path, leftText, rightText])

  useEffect(() => {
    controller.current?.setHideUnchanged(hideUnchanged)
  }, [hideUnchanged])

  useEffect(() => {
    controller.current?.setIgnoreTrimWhitespace(ignoreTrimWhitespace)
  }, [ignoreTrimWhitespace])

  return <div className="diff-editor" ref={host} data-testid="content-diff" data-language={languageForPath(path)}
    data-ignore-trim-whitespace={ignoreTrimWhitespace} data-theme={theme} />
}
