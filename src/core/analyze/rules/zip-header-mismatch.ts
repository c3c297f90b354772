/**
 * zip-header-mismatch (security): a local header or data descriptor disagrees with the central directory
 * (a parser-differential risk). Every such record of a member is listed, each message with its offset.
 */
import type { Side } from '../../types'
import { finding, listPaths, memberIndex, plural, verb, type ExplanationRule } from '../rule'

export const zipHeaderMismatchRule: ExplanationRule = {
  cause: 'zip-header-mismatch',
  security: true,
  description: 'A zip local header or data descriptor disagrees with its central directory entry.',
  explain(context) {
    const flagged = memberIndex(context).withAnomaly('ZIP_HEADER_MISMATCH')
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const members = flagged.filter((f) => f.side === side).map((f) => f.member)
      if (members.length === 0) return []
      const messages = members.flatMap((m) => m[side]!.anomalies!.filter((a) => a.code === 'ZIP_HEADER_MISMATCH').map((a) => a.message))
      return [finding({
        cause: 'zip-header-mismatch',
        severity: 'security',
        title: `In the ${side} zip, ${subject(members.length, messages)} with the central directory (${listPaths(members.map((m) => m.path))}): tools that read one or the other see different files`,
        members: members.map((m) => m.path),
        evidence: { side, messages },
        remedy: 'Treat the archive as suspicious: rebuild it with a standard zip writer and compare again.',
      })]
    })
  },
}

/** What disagrees: local headers, data descriptors (APPNOTE 4.3.9), or both kinds of local record. */
function subject(count: number, messages: string[]): string {
  const descriptors = messages.filter((message) => message.startsWith('The data descriptor')).length
  if (descriptors === 0) return `${plural(count, 'local header')} ${verb(count, 'disagree')}`
  if (descriptors === messages.length) return `${plural(count, 'data descriptor')} ${verb(count, 'disagree')}`
  return `the local headers and data descriptors of ${plural(count, 'member')} disagree`
}
