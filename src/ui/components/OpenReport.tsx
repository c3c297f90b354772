/**
 * Opens a saved JSON report (the page's JSON export, or `reprodiff --json`) for browsing without the
 * artefacts. The file is checked first (store/saved-report.ts); a report of another schema is refused by name.
 */
import { useState, type ChangeEvent } from 'react'
import { useDiffStore } from '../../store/diff-store'
import { parseSavedReport } from '../../store/saved-report'
import '../export.css'

export function OpenReport() {
  const openReport = useDiffStore((state) => state.openReport)
  const [problem, setProblem] = useState<string | null>(null)
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    const result = parseSavedReport(await file.text())
    setProblem(result.ok ? null : result.message)
    if (result.ok) openReport(result.report)
  }
  return (
    <div className="open-report">
      <label className="pick-button">
        Open a saved report (.json)…
        <input type="file" accept=".json,application/json" className="visually-hidden" data-testid="open-report" onChange={(event) => void onChange(event)} />
      </label>
      <span className="muted"> browses a report without its files; drop the files to see contents.</span>
      {problem && <p className="open-report-error" role="alert" data-testid="open-report-error">{problem}</p>}
    </div>
  )
}

/**
 * After a saved report, the files dropped are compared afresh; this says whether they are the ones the saved
 * report was made from (its SHA-256 digests), so another file is named as such, never silently taken for them.
 */
export function SavedReportCheck() {
  const check = useDiffStore((state) => state.savedCheck)
  if (!check) return null
  return (
    <div className={`saved-check ${check.ok ? 'is-ok' : 'is-mismatch'}`} data-testid="saved-report-check" data-ok={String(check.ok)} role="status">
      <span aria-hidden="true">{check.ok ? '✔ ' : '✘ '}</span>
      {check.lines.map((line) => <span key={line} className="saved-check-line">{line}</span>)}
    </div>
  )
}
