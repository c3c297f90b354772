/**
 * build-path: differing binaries whose printable strings differ by build-directory paths (formats.md C.12):
 * the compiler wrote the build directory into debug info, so the bytes (and the GNU build-id) change. With a
 * structured comparison (`members[].binary`: ELF, PE, Mach-O, .pyc; a universal Mach-O slice by slice, its
 * sections named `arm64: __TEXT,__cstring`) the finding names the sections whose size change is
 * whole replacements of the path (or a .pyc's co_filename), and, with the sections' strings, whether replacing
 * the left build directory by the right one gives the same strings (in the same order, in another order) or
 * other strings differ too. It claims the content difference only when every differing section is accounted for
 * (analyze/binary-sections.ts); otherwise the content rule keeps the member.
 */
import type { MemberComparison } from '../../types'
import { accountBinary, buildPathStrings, type BinaryAccount, type PathSection, type PathStrings } from '../binary-sections'
import { CONTENT, finding, listPaths, memberIndex, plural, verb, type ExplanationRule } from '../rule'

interface PathEvidence {
  member: MemberComparison
  paths: PathStrings
  /** The accounting of a structured comparison; null when the member has none (strings only). */
  account: BinaryAccount | null
}

const REMEDY = 'Build in the same directory, or map it away: CFLAGS="-ffile-prefix-map=$PWD=." (gcc, clang); or strip debug information from the wheel.'

/** What the strings say once the path is replaced; words only for what was compared (never about bytes). */
const AFTER_REPLACEMENT: Record<NonNullable<PathSection['afterReplacement']>, string> = {
  identical: 'after replacing the path, the same strings in the same order',
  reordered: 'after replacing the path, the same strings in another order',
  differs: 'after replacing the path, the same strings apart from embedded times',
}

function where(account: BinaryAccount): string {
  if (account.binary.format === 'pyc') return 'co_filename of the code objects (the code is the same)'
  return account.pathSections.map((s) => {
    const parts = [`${s.left} → ${s.right} bytes`]
    if (s.occurrences !== null) parts.push(plural(s.occurrences, 'occurrence'))
    const size = parts.join(', ')
    return `${s.name} (${s.afterReplacement ? `${size}; ${AFTER_REPLACEMENT[s.afterReplacement]}` : size})`
  }).join(', ')
}

const quoted = (list: string[]) => list.map((s) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s)).join(', ')

/** The unexplained differences, a section whose strings hold the path naming the strings that differ besides it. */
function unexplainedWords(account: BinaryAccount): string {
  return account.unexplained.map((name) => {
    const mismatch = account.stringMismatches.find((m) => m.name === name)
    if (!mismatch) return name
    const sides = [mismatch.leftOnly.length ? `${quoted(mismatch.leftOnly)} on the left` : '', mismatch.rightOnly.length ? `${quoted(mismatch.rightOnly)} on the right` : ''].filter(Boolean)
    return `${name} (holds the path, but other strings differ too: ${sides.join('; ')})`
  }).join(', ')
}

function evidenceOfMember(f: PathEvidence): Record<string, unknown> {
  const base: Record<string, unknown> = { path: f.member.path, left: f.paths.left.slice(0, 5), right: f.paths.right.slice(0, 5) }
  if (!f.account) return base
  return { ...base, sections: f.account.pathSections, stringMismatches: f.account.stringMismatches, derived: f.account.derived, unexplained: f.account.unexplained }
}

function titleOf(group: PathEvidence[], explained: boolean): string {
  const example = group[0]
  const head = `${plural(group.length, 'binary', 'binaries')} ${verb(group.length, 'embed')} the build directory (${listPaths(group.map((f) => f.member.path), 2)}): ${example.paths.left[0] ?? '(none)'} on the left, ${example.paths.right[0] ?? '(none)'} on the right`
  const account = example.account
  if (!account || account.pathSections.length === 0) return explained || !account ? head : `${head}; other differences not explained: ${unexplainedWords(account)}`
  const rest = explained ? '' : `; not explained by it: ${unexplainedWords(account)}`
  return `${head}, in ${where(account)}${rest}`
}

export const buildPathRule: ExplanationRule = {
  cause: 'build-path',
  description: 'Differing binaries embed different build-directory paths (the sections that hold them, for ELF, PE, Mach-O — each slice of a universal one — and .pyc).',
  explain(context) {
    const found: PathEvidence[] = []
    for (const member of memberIndex(context).withStatus('modified')) {
      const paths = buildPathStrings(context, member)
      if (paths) found.push({ member, paths, account: accountBinary(member.binary, paths) })
    }
    // Without a structure the strings are all there is (the former rule); with one, only a full account explains.
    const explained = found.filter((f) => !f.account || (f.account.pathSections.length > 0 && f.account.unexplained.length === 0))
    const partly = found.filter((f) => !explained.includes(f))
    // Partly explained members one by one, each title naming what is left unexplained in it.
    const groups: [PathEvidence[], boolean][] = [[explained, true], ...partly.map((f): [PathEvidence[], boolean] => [[f], false])]
    return groups.filter(([group]) => group.length > 0).map(([group, isExplained]) => finding({
      cause: 'build-path',
      title: titleOf(group, isExplained),
      members: group.map((f) => f.member.path),
      fields: isExplained ? [CONTENT] : [],
      evidence: { members: group.map(evidenceOfMember) },
      remedy: REMEDY,
    }))
  },
}
