/** zip-header-mismatch (security): a local header disagrees with the central directory (parser-differential risk). */
import type { Side } from '../../types'
import { finding, listPaths, plural, verb, type ExplanationRule } from '../rule'

export const zipHeaderMismatchRule: ExplanationRule = {
  cause: 'zip-header-mismatch',
  security: true,
  description: 'A zip local header disagrees with its central directory entry.',
  explain({ report }) {
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const members = report.members.filter((m) => m[side]?.anomalies?.some((a) => a.code === 'ZIP_HEADER_MISMATCH'))
      if (members.length === 0) return []
      const messages = members.map((m) => m[side]!.anomalies!.find((a) => a.code === 'ZIP_HEADER_MISMATCH')!.message)
      return [finding({
        cause: 'zip-header-mismatch',
        severity: 'security',
        title: `In the ${side} zip, ${plural(members.length, 'local header')} ${verb(members.length, 'disagree')} with the central directory (${listPaths(members.map((m) => m.path))}): tools that read one or the other see different files`,
        members: members.map((m) => m.path),
        evidence: { side, messages },
        remedy: 'Treat the archive as suspicious: rebuild it with a standard zip writer and compare again.',
      })]
    })
  },
}
