/**
 * digest-mismatch (security): a side downloaded from an index, or given with an expected digest, whose bytes do
 * not have that digest (`source.digestOk === false`, set by core/source before anything read the file). The
 * file is then not the one that was published or vouched for: whatever else the comparison says is about other
 * bytes. The Python index publishes SHA-256 (`urls[].digests.sha256`), npm an SRI `dist.integrity`.
 */
import type { ArtifactSummary, Finding, Side } from '../../types'
import { finding, type ExplanationRule } from '../rule'

function mismatch(side: Side, summary: ArtifactSummary): Finding | null {
  const source = summary.source
  if (!source || source.digestOk !== false) return null
  const which = [source.publishedDigest && 'the digest its index published', source.expectedDigest && 'the digest it was expected to have'].filter(Boolean).join(' or ')
  return finding({
    cause: 'digest-mismatch',
    severity: 'security',
    title: `The ${side} file ${summary.name} does not match ${which || 'its expected digest'}`,
    members: [],
    evidence: {
      side, name: summary.name, ...(source.url ? { url: source.url } : {}), sha256: summary.sha256,
      ...(source.publishedDigest ? { publishedDigest: source.publishedDigest } : {}),
      ...(source.expectedDigest ? { expectedDigest: source.expectedDigest } : {}),
    },
    remedy: 'Do not use this file. Download it again from the index (a proxy or a mirror may have altered it); if the index itself serves other bytes than it lists, report it to the project and the index.',
  })
}

export const digestMismatchRule: ExplanationRule = {
  cause: 'digest-mismatch',
  security: true,
  description: 'a downloaded or vouched-for side whose bytes do not have the published or expected digest',
  explain({ report }) {
    return [mismatch('left', report.left), mismatch('right', report.right)].filter((f): f is Finding => f !== null)
  },
}
