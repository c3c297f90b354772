/**
 * Read-only text diff of one member (left = Monaco "original", right = "modified"), side by side or inline. It opens
 * at the member's first change (or the change a step asked for: store `changeRequest`) and reports the changes it
 * found to the store (`setChanges`), which the page's next/previous change buttons and keys step through.
 * Default export so App can `lazy()`-load it: this module pulls in Monaco.
 */
import { useEffect, useRef } from 'react'
import { useDiffStore } from '../../store/diff-store'
import { targetIndex } from '../../store/navigation'
import { useThemeStore } from '../../store/theme'
import { createDiffController, type DiffController } from './diff-controller'
import { languageForPath } from './language'
import { monaco } from './monaco-env'

export interface DiffViewProps {
  path: string
  /** null: the member is absent on that side; shown against empty text. */
  leftText: string | null
  rightText: string | null
  /** False while the member's text is loading (both texts empty meanwhile): its changes are not reported. Default true. */
  loaded?: boolean
  hideUnchanged: boolean
  /** Ignore changes of leading/trailing whitespace (Monaco's `ignoreTrimWhitespace`); the page starts with false. */
  ignoreTrimWhitespace: boolean
  /** Default true. */
  sideBySide?: boolean
  /**
   * The selected member's diff (ContentView): opens at its first change and reports its changes to the store for the
   * page's next/previous change. Other diffs (a binary section's strings) leave the store alone. Default false.
   */
  navigable?: boolean
}

/** Reveals a change and writes where it went on the host, for tests and for anyone inspecting the page. */
function reveal(controller: DiffController, host: HTMLElement, index: number): void {
  const revealed = controller.revealChange(index)
  host.dataset.changeIndex = String(revealed ? revealed.index : -1)
  host.dataset.revealedLine = String(revealed ? revealed.line : 0)
}

/** Connects the controller's change reports and the store's reveal requests for the pair being shown. */
function useChangeNavigation(controller: React.RefObject<DiffController | null>, host: React.RefObject<HTMLDivElement | null>, shown: React.RefObject<{ path: string; loaded: boolean }>, navigable: boolean) {
  const request = useDiffStore((state) => (navigable ? state.changeRequest : null))
  useEffect(() => {
    if (!navigable) return
    controller.current?.onChanges((count, fresh) => {
      const { path, loaded } = shown.current
      if (!loaded || !host.current || !controller.current) return
      const state = useDiffStore.getState()
      host.current.dataset.changes = String(count)
      let current = state.changes?.path === path ? Math.min(state.changes.current, count - 1) : -1
      if (fresh) {
        current = targetIndex(state.changeRequest?.path === path ? state.changeRequest.target : 'first', count)
        const [view, element] = [controller.current, host.current]
        // After the frame in which the unchanged regions fold, or the reveal lands on lines that then move.
        if (current >= 0) requestAnimationFrame(() => reveal(view, element, current))
      }
      state.setChanges({ path, count, current })
    })
  }, [])
  useEffect(() => {
    const state = useDiffStore.getState()
    const { path, loaded } = shown.current
    if (!request || request.path !== path || !loaded || state.changes?.path !== path || !controller.current || !host.current) return
    const index = targetIndex(request.target, state.changes.count)
    if (index < 0) return
    reveal(controller.current, host.current, index)
    state.setChanges({ ...state.changes, current: index })
  }, [request])
}

export default function DiffView({ path, leftText, rightText, loaded = true, hideUnchanged, ignoreTrimWhitespace, sideBySide = true, navigable = false }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null)
  const controller = useRef<DiffController | null>(null)
  const shown = useRef({ path, loaded })
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
  useChangeNavigation(controller, host, shown, navigable)

  useEffect(() => {
    shown.current = { path, loaded }
    if (host.current) for (const key of ['changes', 'changeIndex', 'revealedLine']) delete host.current.dataset[key]
    controller.current?.update({ leftText: leftText ?? '', rightText: rightText ?? '', language: languageForPath(path) })
  }, [path, leftText, rightText, loaded])

  useEffect(() => {
    controller.current?.setHideUnchanged(hideUnchanged)
  }, [hideUnchanged])

  useEffect(() => {
    controller.current?.setIgnoreTrimWhitespace(ignoreTrimWhitespace)
  }, [ignoreTrimWhitespace])

  useEffect(() => {
    controller.current?.setSideBySide(sideBySide)
  }, [sideBySide])

  return <div className="diff-editor" ref={host} data-testid="content-diff" data-language={languageForPath(path)}
    data-ignore-trim-whitespace={ignoreTrimWhitespace} data-layout={sideBySide ? 'side-by-side' : 'inline'} data-theme={theme} />
}
