import type { Report } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { VERDICT_TITLE } from '../status'
import { LimitsButton } from './LimitsButton'
import { ThemeToggle } from './ThemeToggle'

/**
 * The header, the inputs and the verdict in one line, once a member is open: both file names, the verdict and any
 * security finding stay in view, so do the theme and limits buttons, and one button brings the whole header back.
 */
export function FoldedHeader({ report, onExpand }: { report: Report; onExpand(): void }) {
  const files = useDiffStore((state) => state.files)
  const security = report.findings.filter((finding) => finding.severity === 'security').length
  const verdict = report.verdict === 'error' ? 'Could not compare' : VERDICT_TITLE[report.verdict]
  return (
    <header className="folded-header" data-testid="folded-header">
      <strong className="folded-brand">reprodiff</strong>
      <span className="folded-files">
        <span className="folded-file" title={files.left?.name}>{files.left?.name ?? 'left'}</span>
        <span aria-label="against"> ↔ </span>
        <span className="folded-file" title={files.right?.name}>{files.right?.name ?? 'right'}</span>
      </span>
      <span className={`folded-verdict verdict-text-${report.verdict}`} data-testid="folded-verdict" data-verdict={report.verdict}>{verdict}</span>
      {security > 0 && <span className="row-badge is-security" data-testid="folded-security">⚠ {security} security</span>}
      <span className="folded-actions">
        <ThemeToggle />
        <LimitsButton />
      </span>
      <button type="button" className="button small folded-expand" data-testid="expand-header" aria-expanded="false" onClick={onExpand}>Show the header</button>
    </header>
  )
}
