/**
 * name-encoding (security): names that are not valid in their declared encoding, or non-ASCII zip names
 * without the UTF-8 flag (read as CP437, APPNOTE appendix D). Tools decode such names differently, so two
 * tools can show two different files; reprodiff shows the bytes escaped and never merges them.
 */
import { nameAnomalyFindings } from '../member-anomalies'
import { listPaths, plural, type ExplanationRule } from '../rule'

export const nameEncodingRule: ExplanationRule = {
  cause: 'name-encoding',
  security: true,
  description: 'Member names with invalid UTF-8, or legacy code-page names without the UTF-8 flag.',
  explain: (context) =>
    nameAnomalyFindings(
      context, 'NAME_ENCODING', 'name-encoding',
      (names, sides) => `${plural(names.length, 'member name')} in ${sides} ${names.length === 1 ? 'has' : 'have'} an ambiguous encoding: ${listPaths(names)}`,
      'Write names as UTF-8 with the UTF-8 flag set (zip) or as UTF-8 (tar); Python wheels must use UTF-8 names (binary distribution format).',
    ),
}
