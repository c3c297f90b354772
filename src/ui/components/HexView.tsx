/**
 * Two members' bytes side by side, 16 to a row (offset | hex | ASCII, left then right), opening at the first
 * differing byte. Virtualised: only the rows on screen are in the DOM, at a fixed height, over a spacer that
 * stands for the whole member (scaled down past what a browser can scroll, so a 2 GiB member still fits).
 * Differing bytes are marked in both panes by weight and underline as well as colour. Bytes come from the hex
 * store (store/hex-view.ts), which reads 64 KiB windows on demand and never the whole member.
 */
import { useEffect, useRef, type ReactElement, type UIEvent } from 'react'
import type { MemberComparison, Side } from '../../core/types-public'
import { HEX_MAX_ROWS, HEX_ROW_BYTES, hexByte, hexCountWords, useHexStore } from '../../store/hex-view'
import { formatBytes } from '../../store/format'
import './hex.css'

const ROWS = 24
const ROW_HEIGHT = 20
/** Browsers stop scrolling past roughly 16 to 33 million pixels: the spacer stays well below. */
const MAX_SPACER = 4_000_000

const hex2 = (byte: number) => byte.toString(16).padStart(2, '0')
const printable = (byte: number) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')

/** One side of one row: 16 hex cells and their ASCII, each differing byte wrapped in a marked span. */
function Pane({ side, offset, size, other }: { side: Side; offset: number; size: number; other: number }) {
  const cells: ReactElement[] = []
  const text: ReactElement[] = []
  for (let i = 0; i < HEX_ROW_BYTES; i++) {
    const at = offset + i
    const byte = at < size ? hexByte(side, at) : undefined
    const theirs = at < other ? hexByte(side === 'left' ? 'right' : 'left', at) : undefined
    const known = (at >= size || byte !== undefined) && (at >= other || theirs !== undefined)
    const differs = known && (at < size || at < other) && byte !== theirs
    const shown = at >= size ? '  ' : byte === undefined ? '··' : hex2(byte)
    const letter = at >= size ? ' ' : byte === undefined ? '·' : printable(byte)
    cells.push(differs ? <span key={i} className="hex-cell hex-diff" data-testid="hex-diff">{shown}</span> : <span key={i} className="hex-cell">{shown}</span>)
    text.push(differs ? <span key={i} className="hex-diff">{letter}</span> : <span key={i}>{letter}</span>)
  }
  return (
    <span className={`hex-pane is-${side}`} data-side={side}>
      <span className="hex-bytes" data-testid={`hex-bytes-${side}`}>{cells}</span>
      <span className="hex-ascii">{text}</span>
    </span>
  )
}

function Rows({ top, sizes }: { top: number; sizes: Record<Side, number> }) {
  useHexStore((state) => state.loaded)
  const end = Math.max(sizes.left, sizes.right)
  const rows: ReactElement[] = []
  for (let row = 0; row < Math.min(ROWS, HEX_MAX_ROWS); row++) {
    const offset = top + row * HEX_ROW_BYTES
    if (offset >= end) break
    rows.push(
      <div key={offset} className="hex-row" data-testid="hex-row" data-offset={offset} style={{ height: ROW_HEIGHT }}>
        <span className="hex-offset">{offset.toString(16).padStart(8, '0')}</span>
        <Pane side="left" offset={offset} size={sizes.left} other={sizes.right} />
        <Pane side="right" offset={offset} size={sizes.right} other={sizes.left} />
      </div>,
    )
  }
  return <>{rows}</>
}

/** Seeking into a compressed member: how far the decoder got, and a way to stop. */
function Seeking() {
  const seeking = useHexStore((state) => state.seeking)
  const cancel = useHexStore((state) => state.cancelSeek)
  if (!seeking) return null
  return (
    <p className="hex-seeking" role="status" data-testid="hex-seeking">
      Reading to these bytes (a compressed member is decoded from its start): {formatBytes(seeking.bytesRead)} of {formatBytes(seeking.totalBytes)}{' '}
      <progress max={seeking.totalBytes} value={seeking.bytesRead} />{' '}
      <button type="button" className="button small" data-testid="hex-cancel" onClick={cancel}>Cancel</button>
    </p>
  )
}

export function HexView({ member }: { member: MemberComparison }) {
  const state = useHexStore()
  const scroller = useRef<HTMLDivElement>(null)
  const { open, close } = state
  // Opened once per member pair: the report object is replaced when its causes arrive, the member stays the same.
  const latest = useRef(member)
  latest.current = member
  const pairKey = `${member.path}\u0000${member.left?.index}\u0000${member.right?.index}`
  useEffect(() => {
    void open(latest.current)
    return close
  }, [pairKey, open, close])

  const end = Math.max(state.sizes.left, state.sizes.right)
  const totalRows = Math.ceil(end / HEX_ROW_BYTES)
  const maxTopRow = Math.max(0, totalRows - ROWS)
  const spacer = Math.min(totalRows * ROW_HEIGHT, MAX_SPACER)
  const scrollRange = Math.max(1, spacer - ROWS * ROW_HEIGHT)
  const topRow = state.top / HEX_ROW_BYTES

  // Navigation moves the scrollbar to the row shown (the scroll handler ignores what maps to the same row).
  useEffect(() => {
    const element = scroller.current
    if (element && maxTopRow > 0) element.scrollTop = (topRow / maxTopRow) * scrollRange
  }, [topRow, maxTopRow, scrollRange])

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const row = maxTopRow === 0 ? 0 : Math.round((event.currentTarget.scrollTop / scrollRange) * maxTopRow)
    if (row !== topRow) state.scrollTo(row * HEX_ROW_BYTES)
  }

  if (state.path !== member.path) return null
  return (
    <section className="hex-view" data-testid="hex-view" aria-label="Bytes in hex, left and right" data-status={state.status}>
      <div className="hex-bar">
        <button type="button" className="button small" data-testid="hex-prev" disabled={state.current <= 0 && state.status === 'ready'} onClick={() => void state.previous()}>◀ Previous difference</button>
        <button type="button" className="button small" data-testid="hex-next" disabled={state.complete && state.current === state.runs.length - 1} onClick={() => void state.next()}>Next difference ▶</button>
        <span className="hex-count" data-testid="hex-count" aria-live="polite">{hexCountWords(state)}</span>
        {state.current >= 0 && <span className="muted"> at byte {state.runs[state.current].start.toLocaleString('en-US')} (0x{state.runs[state.current].start.toString(16)})</span>}
      </div>
      <Seeking />
      {state.error && <p className="hex-error" role="alert" data-testid="hex-error">{state.error.message}</p>}
      <div className="hex-head" aria-hidden="true">
        <span className="hex-offset">offset</span><span className="hex-pane"><strong>left</strong></span><span className="hex-pane"><strong>right</strong></span>
      </div>
      <div className="hex-scroll" ref={scroller} onScroll={onScroll} style={{ height: ROWS * ROW_HEIGHT }}>
        <div className="hex-spacer" style={{ height: spacer }}>
          <div className="hex-rows" style={{ top: maxTopRow === 0 ? 0 : (topRow / maxTopRow) * scrollRange }}>
            <Rows top={state.top} sizes={state.sizes} />
          </div>
        </div>
      </div>
      <p className="muted hex-legend">Differing bytes are <span className="hex-diff">bold and underlined</span>; ·· is a byte not loaded yet.</p>
    </section>
  )
}
