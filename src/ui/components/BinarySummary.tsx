import type { ContentPair, MemberComparison } from '../../core/types-public'
import { formatBytes } from '../../store/format'
import { formatOffset, formatSize } from '../display'
import { fullSha256 } from '../copy'
import { BinaryStructureView } from './BinaryStructureView'
import { CopyButton } from './CopyButton'
import { HexView } from './HexView'
import { OpenLimitsButton } from './OpenLimitsButton'

function describeFirstDifference(content: ContentPair): string {
  if (content.wholeLimit !== undefined) return content.bytesEqual === true ? 'none: the SHA-256s are equal' : 'found by the hex view below (this member is too large to load whole)'
  if (content.firstDifference === null) return 'not applicable: the member exists on one side only'
  if (content.firstDifference === -1) return 'none: the bytes are equal'
  const shorter = Math.min(content.leftSize ?? 0, content.rightSize ?? 0)
  const suffix = content.firstDifference === shorter && content.leftSize !== content.rightSize ? ' (one side ends there)' : ''
  return `${formatOffset(content.firstDifference)}${suffix}`
}

/** Why a member is summarised: its bytes are not text, or a side is over the text limit (so it was never decoded). */
function SummaryNote({ content }: { content: ContentPair }) {
  if (content.wholeLimit !== undefined) {
    return (
      <p className="binary-note is-limit" data-testid="whole-limit-note">
        Larger than {formatBytes(content.wholeLimit)}: not loaded whole, so not shown as text or parsed as a binary structure here.
        The hex view reads it in windows; the SHA-256s above were computed from every byte.
      </p>
    )
  }
  const limit = content.textLimit
  if (content.isText) return <p className="binary-note">The bytes of this text member, compared byte by byte.</p>
  if (limit === undefined) return <p className="binary-note">Binary content (not UTF-8 text): compared byte by byte.</p>
  const over = (size: number | null) => size !== null && size > limit
  const who = over(content.leftSize) && over(content.rightSize) ? 'both sides are' : over(content.leftSize) ? 'the left side is' : 'the right side is'
  return (
    <p className="binary-note is-limit" data-testid="text-limit-note">
      Not shown as text: {who} larger than the {formatBytes(limit)} text limit; raise it under{' '}
      <OpenLimitsButton label="Limits" /> to see a text diff. Compared byte by byte meanwhile.
    </p>
  )
}

/** What can be said about non-text bytes without a hex editor: sizes, hashes, where they start to differ. */
export function BinarySummary({ member, content }: { member: MemberComparison; content: ContentPair }) {
  const size = (bytes: number | null) => (bytes === null ? '— (absent)' : formatSize(bytes, formatBytes))
  const hash = (sha256: string | null | undefined) => sha256 ?? (sha256 === undefined ? '— (absent)' : 'not computed')
  const hashCell = (side: 'left' | 'right') => {
    const full = fullSha256(member[side]?.sha256)
    return (
      <td className="hash-full">
        {hash(member[side]?.sha256)}
        {full && <> <CopyButton text={full} what={`the ${side} SHA-256`} testId={`copy-sha256-${side}`} /></>}
      </td>
    )
  }
  const sameHash = member.left?.sha256 && member.left.sha256 === member.right?.sha256
  return (
    <section className="binary-summary" data-testid="binary-summary" aria-label="Binary content">
      <SummaryNote content={content} />
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
            {hashCell('left')}
            {hashCell('right')}
          </tr>
        </tbody>
      </table>
      <p className="first-difference" data-testid="first-difference">
        First differing byte: <strong>{describeFirstDifference(content)}</strong>
      </p>
      {member.binary && <BinaryStructureView key={member.path} binary={member.binary} />}
      <HexView member={member} />
    </section>
  )
}
