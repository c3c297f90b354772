import { useState, type ChangeEvent, type DragEvent } from 'react'
import type { Side } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { ErrorMessage } from './ErrorMessage'
import { FileFacts } from './FileFacts'
import { OpenLimitsButton } from './OpenLimitsButton'
import { SourceInputs } from './SourceInputs'
import { useSourceStore } from '../../store/sources'

const SIDE_TITLE: Record<Side, string> = { left: 'Left build', right: 'Right build' }
/** In a source trace the left side is the sdist and the right one the wheel built from it (the worker puts them so). */
const TRACE_TITLE: Record<Side, string> = { left: 'Source (sdist)', right: 'Wheel' }

/** One side's input: a drop target that is also a file picker, with the file's facts and its read error. */
export function DropZone({ side }: { side: Side }) {
  const file = useDiffStore((state) => state.files[side])
  const isTrace = useDiffStore((state) => state.report?.mode === 'trace')
  const summary = useDiffStore((state) => state.report?.[side] ?? null)
  const setDroppedFile = useDiffStore((state) => state.setFile)
  // A local file replaces a downloaded one: its source is only the digest pasted for it.
  const setFile = (chosen: Side, dropped: File) => {
    void useSourceStore.getState().localFile(chosen, dropped)
    setDroppedFile(chosen, dropped)
  }
  const [isDragging, setDragging] = useState(false)
  const inputId = `file-input-${side}`

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const dropped = event.dataTransfer.files[0]
    if (dropped) setFile(side, dropped)
  }
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0]
    if (chosen) setFile(side, chosen)
    // Lets the same file be chosen again after it was replaced.
    event.target.value = ''
  }
  const onDragOver = (event: DragEvent) => {
    event.preventDefault()
    setDragging(true)
  }

  return (
    <section
      className={`drop-zone${isDragging ? ' is-dragging' : ''}${file ? ' has-file' : ''}`}
      aria-label={SIDE_TITLE[side]}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="drop-zone-head">
        <h2 className="side-title">{isTrace ? TRACE_TITLE[side] : SIDE_TITLE[side]}</h2>
        <label htmlFor={inputId} className="pick-button">{file ? 'Choose another…' : 'Choose a file…'}</label>
        <input id={inputId} type="file" className="visually-hidden" data-testid={`file-${side}`} onChange={onChange} />
      </div>
      {file ? (
        <FileFacts file={file} summary={summary} side={side} />
      ) : (
        <p className="drop-hint">Drop a wheel, sdist (.tar.gz, .zip) or any tar/zip here</p>
      )}
      {summary?.error && (
        <ErrorMessage title="This file could not be read completely." error={summary.error}>
          {summary.error.code === 'LIMIT_EXCEEDED' && <OpenLimitsButton label="Raise the limit if you trust this file…" />}
        </ErrorMessage>
      )}
      <SourceInputs side={side} />
    </section>
  )
}
