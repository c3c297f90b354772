/**
 * unsafe-path (security): names that would write outside the extraction directory or mislead a reader:
 * absolute paths, `..`, backslashes, drive letters, control characters (zip APPNOTE 4.4.17.1; the
 * "zip slip" class of bugs). The names are shown escaped and never rewritten.
 */
import { membersWithAnomaly, sidesOf } from '../member-anomalies'
import { finding, listPaths, plural, type ExplanationRule } from '../rule'

export const unsafePathRule: ExplanationRule = {
  cause: 'unsafe-path',
  security: true,
  description: 'Member names with absolute paths, "..", backslashes, drive letters or control characters.',
  explain({ report }) {
    const flagged = membersWithAnomaly(report.members, 'UNSAFE_PATH')
    if (flagged.length === 0) return []
    const names = [...new Set(flagged.map((f) => f.path))]
    return [finding({
      cause: 'unsafe-path',
      severity: 'security',
      title: `${plural(names.length, 'member name')} in ${sidesOf(flagged)} could write outside the target directory or mislead: ${listPaths(names)}`,
      members: [...new Set(flagged.map((f) => f.member.path))],
      evidence: { names: flagged.map((f) => ({ side: f.side, path: f.path, why: f.message })) },
      remedy: 'Do not extract this archive with a tool that trusts its names. A legitimate build never writes such names; find out what produced them.',
    })]
  },
}
