/**
 * Differences of a binary that only follow from another one (formats.md C.4 for the idea, as RECORD rows):
 * the GNU build-id note (a hash over the output: ld --build-id), DWARF `.debug_info`/`.debug_line` of the same
 * size whose offsets point into a `.debug_line_str`/`.debug_str` that changed (DWARF 5 §7.26 DW_FORM_line_strp,
 * DW_FORM_strp), the section table and padding that shift when a section grows, and sections that only moved
 * (status identical, `changed` sh_offset), and what hashes or sums the output elsewhere: Mach-O LC_UUID (ld64),
 * PE CheckSum, and a reproducible PE's TimeDateStamp (/Brepro); in a universal Mach-O, each slice's (`arm64:
 * LC_UUID`) and the `(slice <arch>)` bytes of a slice explained inside. Reported as derived from the cause that explains the member's
 * content (build-path, tool-version), only for members that cause fully explains.
 */
import type { MemberComparison } from '../../types'
import { accountMember, type BinaryAccount } from '../binary-sections'
import { finding, memberIndex, plural, type ExplanationRule } from '../rule'

interface DerivedEvidence {
  member: MemberComparison
  account: BinaryAccount
}

/** Shown in the title: derived sections, and the header fields or facts that hash the output (LC_UUID, CheckSum). */
const HASH_FIELDS = new Set(['LC_UUID', 'CheckSum', 'TimeDateStamp', 'debug directory'])
/** A slice's entry is named `arm64: LC_UUID`; its field is what follows the slice. */
const fieldOf = (d: BinaryAccount['derived'][number]) => (d.slice === undefined ? d.name : d.name.slice(d.slice.length + 2))
const isShown = (d: BinaryAccount['derived'][number]) => d.kind === 'section' || HASH_FIELDS.has(fieldOf(d))

function describe({ member, account }: DerivedEvidence, cause: string): string {
  const parts: string[] = []
  const derived = account.derived.filter(isShown)
  if (derived.length) parts.push(`${derived.map((d) => d.name).join(', ')} ${derived.length === 1 ? 'differs' : 'differ'} only because of the ${cause} difference (${[...new Set(derived.map((d) => d.reason))].join('; ')})`)
  if (account.moved.length) parts.push(`${plural(account.moved.length, 'section')} only moved (${account.moved.slice(0, 4).join(', ')}${account.moved.length > 4 ? ', …' : ''})`)
  return `${member.path}: ${parts.join('; ')}`
}

export const binaryDerivedRule: ExplanationRule = {
  cause: 'derived',
  description: 'Binary sections that only follow from another difference: the build-id, DWARF offsets, moved sections.',
  explain(context) {
    const index = memberIndex(context)
    const byCause = new Map<string, DerivedEvidence[]>()
    for (const member of index.withStatus('modified')) {
      if (!member.binary) continue
      // The cause that explains this member's content, or null when none does.
      const cause = index.contentCause(context.earlier, member.path)
      const account = cause ? accountMember(context, member) : null
      if (!cause || !account || account.unexplained.length > 0) continue
      if (!account.derived.some(isShown) && account.moved.length === 0) continue
      const found = byCause.get(cause)
      if (found) found.push({ member, account })
      else byCause.set(cause, [{ member, account }])
    }
    return [...byCause].map(([cause, found]) => finding({
      cause,
      derived: true,
      title: `${describe(found[0], cause)}${found.length > 1 ? ` (and ${plural(found.length - 1, 'more binary', 'more binaries')})` : ''}`,
      members: found.map((f) => f.member.path),
      evidence: { members: found.map((f) => ({ path: f.member.path, derived: f.account.derived, moved: f.account.moved })) },
      remedy: `Nothing to fix in these sections themselves: they follow from the ${cause} difference.`,
    }))
  },
}
