/**
 * embedded-timestamp: a differing binary that carries its build time (analyze/binary-sections.ts accounts for
 * each): section strings that differ only in a date or time (C `__DATE__` "Dec  1 2026" and `__TIME__`
 * "09:24:31", C11 6.10.8.1; ISO 8601; ctime(3) "Mon Dec  1 09:24:31 2026"), a PE/COFF header's `TimeDateStamp` or
 * debug directory time stamps (Microsoft PE format; not when the image is reproducible, /Brepro: those are then a
 * hash, derived), a Mach-O LC_ID_DYLIB timestamp. The member's content counts as explained only when nothing
 * else in its structure is left unexplained; otherwise the content rule keeps it.
 */
import type { MemberComparison } from '../../types'
import { accountMember, type BinaryAccount, type TimestampDifference } from '../binary-sections'
import { CONTENT, finding, listPaths, memberIndex, plural, verb, type ExplanationRule } from '../rule'

interface TimeEvidence {
  member: MemberComparison
  account: BinaryAccount
}

const REMEDY = 'Set SOURCE_DATE_EPOCH for the build (gcc and clang then write it for __DATE__ and __TIME__), or drop those macros; '
  + 'for PE images link with -Wl,--no-insert-timestamp (MinGW ld) or /Brepro (MSVC link).'

/** At most this many times are named in a title; the evidence holds them all. */
const SHOWN = 3

function whereOf(t: TimestampDifference): string {
  if (t.kind === 'section') return `${t.name} ${JSON.stringify(t.left)} on the left, ${JSON.stringify(t.right)} on the right`
  return `${t.name} ${t.left} on the left, ${t.right} on the right`
}

function titleOf(group: TimeEvidence[], explained: boolean): string {
  const { account } = group[0]
  const shown = account.timestamps.slice(0, SHOWN).map(whereOf).join('; ')
  const more = account.timestamps.length > SHOWN ? `; and ${account.timestamps.length - SHOWN} more` : ''
  const head = `${plural(group.length, 'binary', 'binaries')} ${verb(group.length, 'embed')} the build time (${listPaths(group.map((f) => f.member.path), 2)}): ${shown}${more}`
  return explained ? head : `${head}; not explained by it: ${account.unexplained.join(', ')}`
}

export const embeddedTimestampRule: ExplanationRule = {
  cause: 'embedded-timestamp',
  description: 'Differing binaries that embed their build time: __DATE__/__TIME__ and other dates in section strings, PE TimeDateStamp and debug directory times, a Mach-O dylib timestamp.',
  explain(context) {
    const found: TimeEvidence[] = []
    for (const member of memberIndex(context).withStatus('modified')) {
      if (!member.binary) continue
      const account = accountMember(context, member)
      if (account && account.timestamps.length > 0) found.push({ member, account })
    }
    // One finding per binary: each embeds its own times, and each title names what is left unexplained in it.
    return found.map((f): [TimeEvidence[], boolean] => [[f], f.account.unexplained.length === 0]).map(([group, isExplained]) => finding({
      cause: 'embedded-timestamp',
      title: titleOf(group, isExplained),
      members: group.map((f) => f.member.path),
      fields: isExplained ? [CONTENT] : [],
      evidence: { members: group.map((f) => ({ path: f.member.path, timestamps: f.account.timestamps, unexplained: f.account.unexplained })) },
      remedy: REMEDY,
    }))
  },
}
