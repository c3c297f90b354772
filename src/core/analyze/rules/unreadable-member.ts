/**
 * unreadable-member: members that could not be read (a limit reached, an unsupported or encrypted method,
 * corrupt deflate data). Their content is unknown, so they are never reported as equal; each names why.
 */
import { membersWithError, sidesOf } from '../member-anomalies'
import { CONTENT, finding, listPaths, plural, type ExplanationRule } from '../rule'

export const unreadableMemberRule: ExplanationRule = {
  cause: 'unreadable-member',
  security: true,
  description: 'Members that could not be read: limits, unsupported or encrypted methods, corrupt data.',
  explain({ report }) {
    const flagged = membersWithError(report.members, (code) => code !== 'CRC_MISMATCH')
    if (flagged.length === 0) return []
    const limits = flagged.filter((f) => f.code === 'LIMIT_EXCEEDED')
    // A member unreadable on both sides usually has the same message twice: the title names each reason once.
    const messages = [...new Set(flagged.map((f) => f.message))]
    const members = [...new Set(flagged.map((f) => f.member.path))]
    return [finding({
      cause: limits.length === flagged.length ? 'limit-exceeded' : 'unreadable-member',
      severity: 'security',
      title: `${plural(members.length, 'member')} in ${sidesOf(flagged)} could not be read: ${messages.slice(0, 2).join('; ')}${messages.length > 2 ? `; and ${messages.length - 2} more` : ''}`,
      members,
      // Their content is unknown, not changed: this finding accounts for it, so the content rule does not claim a change.
      fields: [CONTENT],
      evidence: { members: flagged.map((f) => ({ side: f.side, path: f.path, message: f.message, offset: f.offset })) },
      remedy: limits.length ? 'Raise the limit (the Limits button at the top of the page, or --max-member-size and friends on the CLI) if you trust the file; otherwise treat it as hostile.' : `Content of ${listPaths(members, 2)} is unknown: compare these members with another tool, or rebuild them.`,
    })]
  },
}
