import type { ArtifactSummary } from '../../core/types-public'
import { formatBytes } from '../../store/format'
import { fullSha256 } from '../copy'
import { formatName, shortHash } from '../display'
import { CopyButton } from './CopyButton'

interface FileFactsProps {
  file: File
  /** The reading's summary, once this file has been compared. */
  summary: ArtifactSummary | null
  side: 'left' | 'right'
}

/** Identity of one side: what a reviewer would paste into a ticket (name, size, format, SHA-256). */
export function FileFacts({ file, summary, side }: FileFactsProps) {
  const sha256 = fullSha256(summary?.sha256)
  return (
    <div className="file-facts">
      <div className="file-name" title={file.name}>{file.name}</div>
      <dl className="facts">
        <div><dt>size</dt><dd>{formatBytes(file.size)}</dd></div>
        {summary && <div><dt>format</dt><dd>{formatName(summary.format)}</dd></div>}
        {summary && <div><dt>members</dt><dd>{summary.memberCount}</dd></div>}
        {summary && (
          <div>
            <dt>SHA-256</dt>
            <dd className="hash" title={summary.sha256 ?? undefined} data-testid="file-sha256">{shortHash(summary.sha256)}</dd>
            {sha256 && <dd><CopyButton text={sha256} what={`the ${side} file's SHA-256`} testId={`copy-file-sha256-${side}`} /></dd>}
          </div>
        )}
      </dl>
    </div>
  )
}
