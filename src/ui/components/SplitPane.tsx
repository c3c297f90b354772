import { useRef, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'
import { TREE_WIDTH, useViewPrefs } from '../../store/view-prefs'

/** Arrow keys move the split by one step, Page keys by four, Home/End to either end (WAI-ARIA window splitter). */
function keyedWidth(key: string, width: number): number | null {
  const moves: Record<string, number> = {
    ArrowLeft: width - TREE_WIDTH.step, ArrowRight: width + TREE_WIDTH.step,
    PageDown: width - 4 * TREE_WIDTH.step, PageUp: width + 4 * TREE_WIDTH.step,
    Home: TREE_WIDTH.min, End: TREE_WIDTH.max,
  }
  return key in moves ? moves[key] : null
}

/**
 * The tree beside the detail pane, with a resizable split between them: a focusable separator (role="separator",
 * its value the tree's width in pixels) dragged with a pointer or moved with the keys; the width is kept between
 * visits. On a narrow screen the panes stack and the separator is not shown (styles: navigation.css).
 */
export function SplitPane({ tree, detail }: { tree: ReactNode; detail: ReactNode }) {
  const width = useViewPrefs((state) => state.treeWidth)
  const setViewPrefs = useViewPrefs((state) => state.setViewPrefs)
  const drag = useRef<{ x: number; width: number } | null>(null)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = keyedWidth(event.key, width)
    if (next === null) return
    event.preventDefault()
    setViewPrefs({ treeWidth: next })
  }
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, width }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setViewPrefs({ treeWidth: drag.current.width + event.clientX - drag.current.x })
  }
  const onPointerUp = () => {
    drag.current = null
  }

  return (
    <main className="workspace is-split" style={{ '--tree-width': `${width}px` } as CSSProperties}>
      {tree}
      <div className="split-handle" role="separator" tabIndex={0} aria-orientation="vertical" aria-label="Resize the member tree"
        aria-valuenow={width} aria-valuemin={TREE_WIDTH.min} aria-valuemax={TREE_WIDTH.max} aria-valuetext={`tree ${width} pixels wide`}
        data-testid="split-handle" onKeyDown={onKeyDown} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp} />
      {detail}
    </main>
  )
}
