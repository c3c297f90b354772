/**
 * The report leaves the tab: JSON (the same bytes as `reprodiff --json`), Markdown for a review comment,
 * one self-contained HTML file, and "Copy summary" for a chat message or a ticket. Each export is made on the
 * click from the report in view (store/exports.ts, the core's renderers) and saved as a download. The HTML reads
 * the changed text members through the workers first, so its button says so while it does. The renderers load
 * after the verdict shows, in their own chunk: the page's weight before the first comparison stays as it was.
 */

type Exports = typeof import('../../store/exports')
type Maker = 'jsonExport' | 'markdownExport' | 'htmlExport'
const loadExports = (): Promise<Exports> => import('../../store/exports')
import { useEffect, useMemo, useState } from 'react'
import type { Report } from '../../core/types-public'
import type { ExportFile } from '../../store/exports'
import { CopyButton } from './CopyButton'
import { CopyLinkButton } from './CopyLinkButton'
import { SavedReportCheck } from './OpenReport'
import '../export.css'

/** Saves a Blob under a name: an object URL clicked through a detached link (no request; a blob: URL is local). */
function download({ name, blob }: ExportFile): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // The download has started once click() returns; a moment later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

const EXPORTS: { testId: string; label: string; title: string; make: Maker }[] = [
  { testId: 'export-json', label: 'JSON', title: 'Download the full report as JSON (the same bytes as reprodiff --json)', make: 'jsonExport' },
  { testId: 'export-markdown', label: 'Markdown', title: 'Download a Markdown summary sized for a GitHub or GitLab comment', make: 'markdownExport' },
  { testId: 'export-html', label: 'HTML', title: 'Download one self-contained HTML file that opens from disk with no request (text diffs included)', make: 'htmlExport' },
]

export function ExportMenu({ report }: { report: Report }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [exports, setExports] = useState<Exports | null>(null)
  useEffect(() => {
    let live = true
    void loadExports().then((loaded) => live && setExports(loaded))
    return () => {
      live = false
    }
  }, [])
  // Worked out once per report, and never at the verdict's expense: a report the summary cannot read (a core bug)
  // loses only this button; the error boundaries around the tree and the details name the problem.
  const summary = useMemo(() => {
    try {
      return exports ? exports.copiedSummary(report) : null
    } catch {
      return null
    }
  }, [exports, report])
  const start = (testId: string, make: Maker) => {
    setBusy(testId)
    void loadExports()
      .then((loaded) => loaded[make](report))
      .then(download)
      .finally(() => setBusy(null))
  }
  return (
    <>
      <SavedReportCheck />
      <div className="export-menu" role="group" aria-label="Export the report">
        <span className="export-label">Export</span>
        {EXPORTS.map(({ testId, label, title, make }) => (
          <button key={testId} type="button" className="button export-button" data-testid={testId} title={title} disabled={busy !== null}
            aria-busy={busy === testId} onClick={() => start(testId, make)}>
            {busy === testId ? 'Preparing…' : label}
          </button>
        ))}
        <span className="export-label export-summary">Summary</span>
        {summary !== null && <CopyButton text={summary} what="the summary" testId="copy-summary" />}
        <CopyLinkButton />
      </div>
    </>
  )
}
