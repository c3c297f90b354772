/**
 * The source trace's answer, next to the verdict banner (issue 12; docs/report-format.md "Source trace"): is every
 * wheel member explained by the sdist? A trace report shows its verdict line, the counts by trace status, the
 * mapping it used and what it could not read; a source/build pair compared as two builds offers the trace back.
 * Either way the other view is one click away (store `setMode`).
 */
import type { Report, TraceStatus, TraceSummary } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import '../trace.css'

/** Each trace status's glyph and short label: the tree rows (TreeRow) and the counts here use the same. */
export const TRACE_LOOK: Record<TraceStatus, { glyph: string; label: string; title: string }> = {
  'from-source': { glyph: '=', label: 'from source', title: 'Byte-identical to the source file at the mapped path' },
  'differs-from-source': { glyph: '≠', label: 'differs from source', title: 'The source has this file, with other bytes' },
  generated: { glyph: '⚙', label: 'generated', title: 'Written by the build as the packaging standards say, or by a known build step' },
  compiled: { glyph: '⊕', label: 'compiled', title: 'Compiled from sources in the sdist: only a rebuild can verify these bytes' },
  untraceable: { glyph: '?', label: 'untraceable', title: 'No counterpart in the source' },
}

/** The counts in the order a reviewer reads them: what is wrong first. */
const TRACE_ORDER: readonly TraceStatus[] = ['untraceable', 'differs-from-source', 'compiled', 'generated', 'from-source']

const TRACE_TITLE: Record<TraceSummary['verdict'], string> = {
  traced: 'Every wheel file is explained by the source',
  'untraceable-content': 'The wheel holds files the source does not explain',
  error: 'The trace could not be completed',
}

function ModeSwitch({ to, children }: { to: 'compare' | 'trace'; children: string }) {
  const setMode = useDiffStore((state) => state.setMode)
  return (
    <button type="button" className="link-button trace-switch" data-testid="mode-switch" data-to={to} onClick={() => setMode(to)}>
      {children}
    </button>
  )
}

function TraceDetails({ trace }: { trace: TraceSummary }) {
  return (
    <details className="trace-details">
      <summary>How the wheel was mapped to the source</summary>
      <ul className="trace-mapping" data-testid="trace-mapping">
        {trace.mapping.map(({ source, wheel }) => (
          <li key={`${source}\u0000${wheel}`}><code>{source || '(the sdist root)'}</code> → <code>{wheel || '(the wheel root)'}</code></li>
        ))}
      </ul>
      {trace.notes.length > 0 && (
        <ul className="trace-notes" data-testid="trace-notes">
          {trace.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
    </details>
  )
}

function TraceView({ report, trace }: { report: Report; trace: TraceSummary }) {
  return (
    <section className={`trace-verdict trace-${trace.verdict}`} data-testid="trace-verdict" data-verdict={trace.verdict} aria-label="Source trace">
      <p className="trace-pairing">
        Source trace: <code>{report.right.name}</code> against the sdist <code>{report.left.name}</code>.{' '}
        <ModeSwitch to="compare">Compare them as two builds instead</ModeSwitch>
      </p>
      <h3 className="trace-title">{TRACE_TITLE[trace.verdict]}</h3>
      <p className="trace-line" data-testid="trace-line">{trace.line}</p>
      <ul className="trace-counts" aria-label="Wheel files by trace status">
        {TRACE_ORDER.map((status) => (
          <li key={status} className={`trace-count trace-text-${status}${trace.counts[status] ? '' : ' is-zero'}`} data-testid={`trace-count-${status}`} title={TRACE_LOOK[status].title}>
            <span aria-hidden="true">{TRACE_LOOK[status].glyph}</span> <strong>{trace.counts[status]}</strong> {TRACE_LOOK[status].label}
          </li>
        ))}
      </ul>
      {trace.counts.compiled > 0 && <p className="trace-rebuild">Compiled files are only verified by rebuilding them from the source.</p>}
      <TraceDetails trace={trace} />
    </section>
  )
}

/** The trace view of a trace report; the offer to trace a source/build pair shown as two builds; else nothing. */
export function TraceVerdict({ report }: { report: Report }) {
  const pairing = useDiffStore((state) => state.pairing)
  if (report.mode === 'trace' && report.trace) return <TraceView report={report} trace={report.trace} />
  if (!pairing) return null
  return (
    <p className="trace-offer" data-testid="trace-offer">
      These are an sdist and a wheel built from it: a source/build pair.{' '}
      <ModeSwitch to="trace">Trace every wheel file to the sdist</ModeSwitch>
    </p>
  )
}
