import { useEffect, useMemo } from 'react'
import type { Report } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { indexFindings, orderFindings, sourceOfDerived } from '../../store/findings'
import { plural } from '../causes'
import { FindingCard } from './FindingCard'

function emptyMessage(report: Report): string {
  if (report.verdict === 'identical') return 'Nothing to explain: the two files are identical.'
  if (report.verdict === 'error') return 'No causes: a file could not be read completely, so the comparison is not complete.'
  return 'No cause was recognised for these differences; the member tree and the archive fields show them.'
}

/** "Why they differ": one card per finding; security first, derived ones last under their own heading. */
export function FindingsPanel({ report }: { report: Report }) {
  const causeRequest = useDiffStore((state) => state.causeRequest)
  const entries = useMemo(() => orderFindings(indexFindings(report.findings)), [report])
  const primary = entries.filter((entry) => !entry.finding.derived)
  const derived = entries.filter((entry) => entry.finding.derived)

  // Scroll when asked (banner, member chips, archive panel), after the tab has become visible.
  useEffect(() => {
    if (!causeRequest) return
    const target = document.getElementById(causeRequest.id === null ? 'findings-title' : `finding-${causeRequest.id}`)
    target?.scrollIntoView({ block: 'start' })
    target?.focus({ preventScroll: true })
  }, [causeRequest])

  const card = (entry: (typeof entries)[number]) => (
    <FindingCard key={entry.id} entry={entry} source={sourceOfDerived(report.findings, entry.id)} isFocused={causeRequest?.id === entry.id} />
  )
  return (
    <section className="findings-panel" data-testid="findings" aria-labelledby="findings-title">
      <h2 id="findings-title" className="panel-title" tabIndex={-1}>
        {entries.length > 0 ? `${plural(primary.length, 'cause')} of the differences` : 'Why they differ'}
        {primary.some((entry) => entry.finding.severity === 'security') && <span className="muted">security first</span>}
      </h2>
      {entries.length === 0 && <p className="muted">{emptyMessage(report)}</p>}
      {primary.map(card)}
      {derived.length > 0 && (
        <>
          <h3 className="section-title derived-heading">Follow from the causes above</h3>
          {derived.map(card)}
        </>
      )}
    </section>
  )
}
