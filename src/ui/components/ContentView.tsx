import { lazy, Suspense, useEffect, useState } from 'react'
import type { ContentPair, MemberComparison } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { formatBytes } from '../../store/format'
import { useViewPrefs, type DiffLayout } from '../../store/view-prefs'
import { formatOffset } from '../display'
import { hiddenDifferenceNote, type HiddenDifferenceNote } from '../hidden-differences'
import { BinarySummary } from './BinarySummary'
import { ErrorMessage } from './ErrorMessage'
import { LinkSummary } from './LinkSummary'

// Monaco (~3 MB) loads on first use, not with the page.
const DiffView = lazy(() => import('../editor/DiffView'))

/** One side's caption above its half of the editor. */
function sideCaption(size: number | null): string {
  return size === null ? 'absent: shown as empty text' : formatBytes(size)
}

/**
 * The bytes differ but the editor cannot show (all of) it: say so, why, and offer the bytes: the binary
 * summary, with the first differing offset, and the hex view opened at it.
 */
function HiddenDifference({ note, content, showBytes, onShowBytes }: {
  note: HiddenDifferenceNote; content: ContentPair; showBytes: boolean; onShowBytes(show: boolean): void
}) {
  const offset = content.firstDifference !== null && content.firstDifference >= 0 ? ` (first difference at byte ${formatOffset(content.firstDifference)})` : ''
  return (
    <div className={`hidden-difference is-${note.shows}`} role="note" data-testid="hidden-difference" data-shows={note.shows}>
      <p>{note.sentence}</p>
      <button type="button" className="button small" data-testid="show-bytes" aria-pressed={showBytes} onClick={() => onShowBytes(!showBytes)}>
        {showBytes ? 'Hide the bytes' : `Show the bytes${offset}`}
      </button>
    </div>
  )
}

const LAYOUTS: readonly { layout: DiffLayout; label: string; testId: string }[] = [
  { layout: 'side-by-side', label: 'Side by side', testId: 'view-side-by-side' },
  { layout: 'inline', label: 'Inline', testId: 'view-inline' },
]

/** Side by side or inline (GitHub's Split / Unified): two pressed-state buttons, the choice kept between visits. */
function LayoutToggle() {
  const layout = useViewPrefs((state) => state.layout)
  const setViewPrefs = useViewPrefs((state) => state.setViewPrefs)
  return (
    <span className="layout-toggle" role="group" aria-label="Diff layout" data-testid="diff-layout" data-layout={layout}>
      {LAYOUTS.map((entry) => (
        <button key={entry.layout} type="button" className="button small" data-testid={entry.testId} aria-pressed={layout === entry.layout}
          onClick={() => setViewPrefs({ layout: entry.layout })}>
          {entry.label}
        </button>
      ))}
    </span>
  )
}

/** `content` null: the next member is still loading; the editor stays mounted and shows nothing meanwhile. */
function TextDiff({ member, content }: { member: MemberComparison; content: ContentPair | null }) {
  // On by default, as GitHub shows hunks: the change is in view, the rest one click away (Monaco's fold bars).
  const hideUnchanged = useViewPrefs((state) => state.collapseUnchanged)
  const sideBySide = useViewPrefs((state) => state.layout === 'side-by-side')
  const setViewPrefs = useViewPrefs((state) => state.setViewPrefs)
  // Off by default: leading whitespace is indentation, and indentation is meaning in Python.
  const [ignoreTrimWhitespace, setIgnoreTrimWhitespace] = useState(false)
  const [showBytes, setShowBytes] = useState(false)
  useEffect(() => setShowBytes(false), [member.path])
  const caption = (size: number | null | undefined) => (size === undefined ? 'loading…' : sideCaption(size))
  const note = content ? hiddenDifferenceNote(content, ignoreTrimWhitespace) : null
  return (
    <section className="text-diff" aria-label="Text content" aria-busy={content === null}>
      <div className="content-bar">
        <span><strong>left</strong> <span className="muted">{caption(content?.leftSize)}</span></span>
        <span><strong>right</strong> <span className="muted">{caption(content?.rightSize)}</span></span>
        {content?.bytesEqual === true && <span className="muted">same bytes on both sides</span>}
      </div>
      <div className="content-options">
        <label className="checkbox">
          <input type="checkbox" data-testid="hide-whitespace" checked={ignoreTrimWhitespace} onChange={(event) => setIgnoreTrimWhitespace(event.target.checked)} />
          Hide leading/trailing whitespace changes
        </label>
        <label className="checkbox">
          <input type="checkbox" data-testid="collapse-unchanged" checked={hideUnchanged} onChange={(event) => setViewPrefs({ collapseUnchanged: event.target.checked })} />
          Collapse unchanged lines
        </label>
        <LayoutToggle />
      </div>
      {note && content && <HiddenDifference note={note} content={content} showBytes={showBytes} onShowBytes={setShowBytes} />}
      {showBytes && content && note && <BinarySummary member={member} content={content} />}
      <div className="diff-frame">
        <Suspense fallback={<p className="muted loading">Loading the editor…</p>}>
          <DiffView path={member.path} leftText={content ? content.leftText : ''} rightText={content ? content.rightText : ''}
            navigable loaded={content !== null} hideUnchanged={hideUnchanged} ignoreTrimWhitespace={ignoreTrimWhitespace} sideBySide={sideBySide} />
        </Suspense>
      </div>
    </section>
  )
}

/** The selected member's content: a text diff, a binary summary, or why there is nothing to show. */
export function ContentView({ member }: { member: MemberComparison }) {
  const content = useDiffStore((state) => state.content)
  const ready = content.status === 'ready' && content.path === member.path ? content.content : null
  // Keeps the editor mounted while the next member loads, so Monaco swaps models instead of starting over.
  const [keepEditor, setKeepEditor] = useState(false)
  useEffect(() => {
    if (ready) setKeepEditor(ready.isText)
  }, [ready])

  const types = [member.left?.type, member.right?.type]
  if (types.includes('symlink') || types.includes('hardlink')) return <LinkSummary member={member} />
  if (member.type === 'dir') return <p className="muted content-placeholder">A directory has no content; its metadata is below.</p>
  if (member.type === 'other') return <p className="muted content-placeholder">A special file (device, FIFO…) has no content; its metadata is below.</p>
  if (content.status === 'failed' && content.path === member.path) {
    return <ErrorMessage title="The content could not be loaded." error={content.error} testId="content-error" />
  }
  if (!ready) return keepEditor ? <TextDiff member={member} content={null} /> : <p className="muted content-placeholder" aria-live="polite">Loading content…</p>
  return ready.isText ? <TextDiff member={member} content={ready} /> : <BinarySummary member={member} content={ready} />
}
