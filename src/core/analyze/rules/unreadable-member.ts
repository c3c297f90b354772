/**
 * unreadable-member: members that could not be read (a limit reached, an unsupported or encrypted method,
 * corrupt deflate data). Their content is unknown, so they are never reported as equal; each names why.
 * A container past the depth limit or too large to open (docs/report-format.md "Nested archives") is another
 * case: its bytes were read and hashed, so it is compared by its SHA-256; only what is inside was not compared.
 */
import type { MemberComparison } from '../../types'
import { sidesOf, type FlaggedMember } from '../member-anomalies'
import { CONTENT, finding, listPaths, memberIndex, plural, type ExplanationRule } from '../rule'

/**
 * What a flagged side's error says about its bytes: not read; read and hashed but not opened (a container past
 * the depth limit or too large: nested.ts `depthLimited`, the only errors on a side that is not unread); or read
 * and hashed but not readable inside (a container listed with members or with members not compared).
 */
type Kind = 'unread' | 'not-opened' | 'unread-inside'

const WORDS: Record<Kind, (count: number, sides: string) => string> = {
  unread: (count, sides) => `${plural(count, 'member')} in ${sides} could not be read`,
  'not-opened': (count, sides) => `${plural(count, 'container')} in ${sides} ${count === 1 ? 'was' : 'were'} read and hashed, but not opened: what is inside was not compared`,
  'unread-inside': (count, sides) => `${plural(count, 'container')} in ${sides} ${count === 1 ? 'was' : 'were'} read and hashed, but could not be read inside`,
}

function kindOf(flagged: FlaggedMember, containers: ReadonlySet<string>): Kind {
  const side = flagged.member[flagged.side]
  if (!side || side.sha256 === null) return 'unread'
  if (side.unread !== true) return 'not-opened'
  return containers.has(flagged.member.path) ? 'unread-inside' : 'unread'
}

/** "1 member in the left archive could not be read; 1 container in both archives was read and hashed, but not opened: …" */
function describe(flagged: FlaggedMember[], kinds: Kind[]): string {
  return (Object.keys(WORDS) as Kind[]).flatMap((kind) => {
    const own = flagged.filter((_, i) => kinds[i] === kind)
    if (own.length === 0) return []
    return [WORDS[kind](new Set(own.map((f) => f.member.path)).size, sidesOf(own))]
  }).join('; ')
}

/** Entries that are containers as far as the report shows: something is listed inside, or left out as not compared. */
function containerPaths(members: MemberComparison[]): Set<string> {
  const paths = new Set<string>()
  for (const member of members) {
    if (member.container !== undefined) paths.add(member.container)
    if (member.notComparedInside) paths.add(member.path)
  }
  return paths
}

export const unreadableMemberRule: ExplanationRule = {
  cause: 'unreadable-member',
  security: true,
  description: 'Members that could not be read: limits, unsupported or encrypted methods, corrupt data.',
  explain(context) {
    const { report } = context
    const flagged = memberIndex(context).withError((code) => code !== 'CRC_MISMATCH')
    if (flagged.length === 0) return []
    const limits = flagged.filter((f) => f.code === 'LIMIT_EXCEEDED')
    const containers = containerPaths(report.members)
    const kinds = flagged.map((f) => kindOf(f, containers))
    // A member unreadable on both sides usually has the same message twice: the title names each reason once.
    const messages = [...new Set(flagged.map((f) => f.message))]
    const members = [...new Set(flagged.map((f) => f.member.path))]
    const unknown = [...new Set(flagged.filter((_, i) => kinds[i] !== 'not-opened').map((f) => f.member.path))]
    return [finding({
      cause: limits.length === flagged.length ? 'limit-exceeded' : 'unreadable-member',
      severity: 'security',
      title: `${describe(flagged, kinds)}: ${messages.slice(0, 2).join('; ')}${messages.length > 2 ? `; and ${messages.length - 2} more` : ''}`,
      members,
      // Their content is unknown, not changed: this finding accounts for it, so the content rule does not claim a change.
      fields: [CONTENT],
      evidence: { members: flagged.map((f) => ({ side: f.side, path: f.path, message: f.message, offset: f.offset })) },
      remedy: limits.length ? 'Raise the limit (the Limits button at the top of the page, or --max-member-size and friends on the CLI) if you trust the file; otherwise treat it as hostile.' : `Content of ${listPaths(unknown.length ? unknown : members, 2)} is unknown: compare these members with another tool, or rebuild them.`,
    })]
  },
}
