/**
 * archive-structure (security): container oddities found while reading, with their offsets: bytes before
 * or after the archive, bytes inside a zip that no entry covers (ZIP_UNCOVERED_BYTES), overlapping
 * entries, zip64 records that disagree, a tar without its end marker.
 */
import type { Side } from '../../types'
import { finding, type ExplanationRule } from '../rule'

export const archiveStructureRule: ExplanationRule = {
  cause: 'archive-structure',
  security: true,
  description: 'Bytes outside the archive or covered by no zip entry, overlapping entries, inconsistent zip64 records, missing end marker.',
  explain({ report }) {
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const anomalies = report[side].anomalies ?? []
      if (anomalies.length === 0) return []
      return [finding({
        cause: 'archive-structure',
        severity: 'security',
        title: `The ${side} archive's structure is unusual: ${anomalies.slice(0, 2).map((a) => a.message).join('; ')}${anomalies.length > 2 ? `; and ${anomalies.length - 2} more` : ''}`,
        members: [],
        evidence: { side, anomalies },
        remedy: 'Different tools read such archives differently (a parser differential): rebuild with a standard writer, or find out what added the extra bytes.',
      })]
    })
  },
}
