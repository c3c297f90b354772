/**
 * unsafe-path (security): names that would write outside the extraction directory or mislead a reader:
 * absolute paths, `..`, backslashes, drive letters, control characters (zip APPNOTE 4.4.17.1; the
 * "zip slip" class of bugs). The names are shown escaped and never rewritten.
 */
import { nameAnomalyFindings } from '../member-anomalies'
import { listPaths, plural, type ExplanationRule } from '../rule'

export const unsafePathRule: ExplanationRule = {
  cause: 'unsafe-path',
  security: true,
  description: 'Member names with absolute paths, "..", backslashes, drive letters or control characters.',
  explain: (context) =>
    nameAnomalyFindings(
      context, 'UNSAFE_PATH', 'unsafe-path',
      (names, sides) => `${plural(names.length, 'member name')} in ${sides} could write outside the target directory or mislead: ${listPaths(names)}`,
      'Do not extract this archive with a tool that trusts its names. A legitimate build never writes such names; find out what produced them.',
    ),
}
