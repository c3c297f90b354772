import type { ContentPair, MemberComparison } from '../../core/types-public'
import { formatBytes } from '../../store/format'
import { formatOffset, formatSize } from '../display'

function describeFirstDifference(content: ContentPair): string {
  if (content.firstDifference === null) return 'not applicable: the member exists on one side only'
  if (content.firstDifference === -1) return 'none: the bytes are equal'
  const shorter = Math.min(content.leftSize ?? 0, content.rightSize ?? 0)
  const suffix = content.firstDifference === shorter && content.leftSize !== content.rightSize ? ' (one side ends there)' : ''
  return `${formatOffset(content.firstDifference)}${suffix}`
}

/** What can be said about non-text bytes without a hex editor: sizes, hashes, where they start to differ. */
export function BinarySummary({ member, content }: { member: MemberComparison; content: ContentPair }) {
  const size = (bytes: number | null) => (bytes === null ? '— (absent)' : formatSize(bytes, formatBytes))
  const hash = (sha256: string | null | undefined) => sha256 ?? (sha256 === undefined ? '— (absent)' : 'not computed')
  const sameHash = member.left?.sha256 && member.left.sha256 === member.right?.sha256
  return (
    <section className="binary-summary" data-testid="binary-summary" aria-label="Binary content">
      <p className="binary-note">Binary content (not UTF-8 text): compared byte by byte.</p>
      <table className="compare-table">
        <thead>
          <tr><th scope="col" /><th scope="col">left</th><th scope="col">right</th></tr>
        </thead>
        <tbody>
          <tr className={content.leftSize !== content.rightSize && member.left && member.right ? 'is-changed' : ''}>
            <th scope="row">size</th><td>{size(content.leftSize)}</td><td>{size(content.rightSize)}</td>
          </tr>
          <tr className={sameHash || !member.left || !member.right ? '' : 'is-changed'}>
            <th scope="row">SHA-256</th>
            <td className="hash-full">{hash(member.left?.sha256)}</td>
            <td className="hash-full">{hash(member.right?.sha256)}</td>
          </tr>
        </tbody>
      </table>
      <p className="first-difference" data-testid="first-difference">
        First differing byte: <strong>{describeFirstDifference(content)}</strong>
      </p>
    </section>
  )
}
