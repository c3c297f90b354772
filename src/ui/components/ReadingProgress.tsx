import type { ReadProgress } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { formatBytes } from '../../store/format'

function describe(progress: ReadProgress | null): string {
  if (!progress) return 'reading…'
  const percent = progress.totalBytes ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 0
  return `${percent}% · ${progress.membersRead} members`
}

/** Shown while the workers read: one bar for both files, each side's state in words, and Cancel. */
export function ReadingProgress() {
  const progress = useDiffStore((state) => state.progress)
  const cancel = useDiffStore((state) => state.cancel)
  const read = (progress.left?.bytesRead ?? 0) + (progress.right?.bytesRead ?? 0)
  const total = (progress.left?.totalBytes ?? 0) + (progress.right?.totalBytes ?? 0)

  return (
    <section className="reading" aria-live="polite" data-testid="reading">
      <div className="reading-text">
        <strong>Reading and comparing…</strong>
        <span>left: {describe(progress.left)}</span>
        <span>right: {describe(progress.right)}</span>
        {total > 0 && <span>{formatBytes(read)} of {formatBytes(total)}</span>}
      </div>
      <progress className="reading-bar" data-testid="progress" max={total || 1} value={total ? read : undefined} aria-label="Reading progress" />
      <button type="button" className="button" data-testid="cancel" onClick={cancel}>Cancel</button>
    </section>
  )
}
