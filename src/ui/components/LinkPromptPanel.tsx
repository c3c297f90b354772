import { useEffect, useState, type ChangeEvent, type DragEvent } from 'react'
import type { Side } from '../../core/types-public'
import { formatBytes } from '../../store/format'
import { pageLinkHref, startLinkSync, useLinkSession, writeFragment, type LinkSideCheck } from '../../store/link-session'
import type { LinkSide } from '../../store/link-state'
import { useSourceStore } from '../../store/sources'
import { copyText } from '../copy'
import { useCopyOutcome } from '../hooks/useCopyOutcome'
import '../links.css'

const SIDE_TITLE: Record<Side, string> = { left: 'Left build', right: 'Right build' }

/**
 * A link's names are someone else's text: drawn as text only, with control, format (bidi, zero-width) and
 * separator characters written as `\u{…}` so that what is shown is what the file must be called.
 */
function visible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`)
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

function CheckStatus({ side, check }: { side: Side; check: LinkSideCheck }) {
  if (check.status === 'checking') return <p className="link-check" role="status">Checking {visible(check.name)} against the link…</p>
  if (check.status === 'ok') return <p className="link-check is-ok" role="status" data-testid={`link-ok-${side}`}>✔ {visible(check.file.name)} is the link's file</p>
  if (check.status === 'failed') return <p className="link-check is-bad" role="alert" data-testid={`link-failed-${side}`}>✘ {check.message}</p>
  if (check.status !== 'mismatch') return null
  return (
    <p className="link-check is-bad" role="alert" data-testid={`link-mismatch-${side}`}>
      ✘ {visible(check.name)} is not the link's file: expected sha256 <code>{check.expected}</code>, got <code>{check.got}</code>. It was not compared.
    </p>
  )
}

/** One side of the link: what the file must be, a file input (and drop target), and for a URL side its host and Fetch. */
function LinkSidePrompt({ side, expected }: { side: Side; expected: LinkSide }) {
  const check = useLinkSession((state) => state.sides[side])
  const { giveFile, fetchSide } = useLinkSession.getState()
  const isBusy = useSourceStore((state) => ['listing', 'downloading', 'checking'].includes(state.sides[side].status)) || check.status === 'checking'
  const [isDragging, setDragging] = useState(false)
  const inputId = `link-file-input-${side}`
  const give = (file: File | undefined) => {
    if (file) void giveFile(side, file)
  }
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    give(event.target.files?.[0])
    event.target.value = ''
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    give(event.dataTransfer.files[0])
  }
  return (
    <section className={`link-side${isDragging ? ' is-dragging' : ''}`} aria-label={`${SIDE_TITLE[side]} of the link`} data-testid={`link-side-${side}`} data-status={check.status}
      onDragOver={(event) => { event.preventDefault(); setDragging(true) }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <h3 className="side-title">{SIDE_TITLE[side]}</h3>
      <dl className="link-facts">
        <div><dt>name</dt><dd data-testid={`link-name-${side}`}>{visible(expected.name)}</dd></div>
        <div><dt>size</dt><dd>{formatBytes(expected.size)}</dd></div>
        <div><dt>SHA-256</dt><dd><code className="link-sha">{expected.sha256}</code></dd></div>
      </dl>
      {expected.url && (
        <p className="link-remote">
          Published at <strong data-testid={`link-host-${side}`}>{visible(hostOf(expected.url))}</strong>, a host the link's author chose.{' '}
          <button type="button" className="button small" data-testid={`link-fetch-${side}`} disabled={isBusy} onClick={() => void fetchSide(side)}>
            Fetch from {visible(hostOf(expected.url))}
          </button>
        </p>
      )}
      <p className="link-local">
        <label htmlFor={inputId} className="pick-button">{expected.url ? 'or choose the file…' : 'Choose the file…'}</label>
        <input id={inputId} type="file" className="visually-hidden" data-testid={`link-file-${side}`} onChange={onChange} />
        <span className="drop-hint"> or drop it here</span>
      </p>
      <CheckStatus side={side} check={check} />
    </section>
  )
}

/**
 * Shown when the page was opened with a link (store/link-session.ts): the two files it names, each to be given
 * (or, for a side published at a URL, fetched on a click), and checked against the link's SHA-256 before they are
 * compared. A fragment that is not a usable link is said, with its code. Loaded on demand (LinkPrompt.tsx);
 * mounted, it keeps the fragment current.
 */
export function LinkPromptPanel() {
  useEffect(startLinkSync, [])
  const link = useLinkSession((state) => state.link)
  const problem = useLinkSession((state) => state.problem)
  const notes = useLinkSession((state) => state.notes)
  const isRestoring = useLinkSession((state) => state.isRestoring)
  const dismiss = useLinkSession((state) => state.dismiss)
  if (!link && !problem && notes.length === 0) return null
  return (
    <section className="link-prompt" data-testid="link-prompt" aria-label="A shared comparison">
      {problem && (
        <div className="link-problem" role="alert" data-testid="link-problem" data-code={problem.code}>
          <p><strong>This link cannot be opened.</strong> <span className="error-code">{problem.code}</span></p>
          <p>{problem.message}</p>
        </div>
      )}
      {link && (
        <>
          <h2 className="link-title">This link compares two files</h2>
          <p className="link-explain">
            Nothing has been fetched or compared. Give each file (or fetch it from where it was published): each is
            checked against the SHA-256 in the link, and only the right files are compared, with the link's member and view.
          </p>
          <div className="link-sides">
            <LinkSidePrompt side="left" expected={link.left} />
            <LinkSidePrompt side="right" expected={link.right} />
          </div>
          {isRestoring && <p role="status">Comparing the link's files…</p>}
        </>
      )}
      {notes.length > 0 && (
        <ul className="link-notes" data-testid="link-notes">
          {notes.map((note, index) => <li key={index} data-code={note.code}>{note.message}</li>)}
        </ul>
      )}
      <button type="button" className="button small" data-testid="link-dismiss" onClick={dismiss}>{link ? 'Set the link aside' : 'Close'}</button>
    </section>
  )
}

/**
 * Copies a link to what the page shows: the two files' names, sizes and SHA-256 (a URL side's URL), the open
 * member and the view options, all in the fragment, which no server ever receives. The files themselves are not
 * in it: whoever opens the link is asked for them, and they are checked against it (store/link-session.ts).
 * Loaded once a comparison is done (CopyLinkButton.tsx).
 */
export function CopyLinkControl() {
  const [outcome, setOutcome] = useCopyOutcome()
  const onClick = async () => {
    // The address bar catches up at once rather than after the write delay, so it shows what was copied.
    writeFragment()
    const href = pageLinkHref()
    setOutcome(href === null ? 'failed' : await copyText(typeof navigator === 'undefined' ? undefined : navigator.clipboard, href))
  }
  return (
    <>
      <button type="button" className="button small copy-link" data-testid="copy-link" data-outcome={outcome ?? undefined}
        title="Copy a link to this comparison: it holds the files' names and digests, not the files" onClick={() => void onClick()}>
        {outcome === 'copied' ? '✓ Link copied' : outcome === 'failed' ? 'Copy failed' : 'Copy link'}
      </button>
      <span className="visually-hidden" role="status">{outcome === 'copied' ? 'Link copied' : outcome === 'failed' ? 'Could not copy the link' : ''}</span>
    </>
  )
}
