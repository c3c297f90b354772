/**
 * Accounts for every difference of a compared binary (`members[].binary`, docs/report-format.md "Binary
 * members"): which differing sections hold the build paths, which ones are the compiler's `.comment`, which
 * ones only follow from those (the GNU build-id, DWARF offsets into a string section that changed, the layout
 * that shifts when a section grows), and what is left unexplained. A rule claims a member's content difference
 * (`fields: [CONTENT]`) only when nothing is left: a section difference no rule explains stays with `content`.
 * Rules never see section bytes. With each side's section strings (evidence `sectionStrings`), a section holds
 * the build paths when its strings do, and it is accounted for only when, after replacing the left build
 * directory by the right one, its strings are the same (in order or not) apart from embedded times, and its size
 * change is whole replacements; without them, "holds the path" is a size argument alone. A universal Mach-O is
 * accounted for slice by slice, each slice as a thin file, and merged (binary-slices.ts).
 */
import { compareStringLists, stringsByKey, type KeyedStrings, type PathReplacement, type StringListComparison } from '../binary/section-strings'
import type { BinaryComparison, BinarySectionComparison } from '../binary/types'
import type { MemberComparison } from '../types'
import { evidenceOf, type AnalysisContext } from './rule'
import { BUILD_PATH, accountHeaderAndFacts, accountHeaderCauses, accountPyc, asList, emptyAccount, factDiffers } from './binary-facts'
import { accountFat, sliceStringPairs } from './binary-slices'

/** ELF gABI sh_flags SHF_STRINGS: the section holds NUL-terminated strings (.debug_str, .debug_line_str, .rodata.str*). */
const SHF_STRINGS = 0x20
/** DWARF 5 string sections (DWARF 5 §7.26): .debug_info and .debug_line refer to them by offset (DW_FORM_strp, DW_FORM_line_strp). */
const DWARF_STRING_SECTIONS = new Set(['.debug_str', '.debug_line_str'])
/** DWARF sections that hold offsets into the string sections, or inline strings (DW_FORM_string, DWARF 4 include_directories). */
const DWARF_SECTIONS = new Set(['.debug_info', '.debug_line', '.debug_str_offsets', '.debug_names', '.debug_macro', '.debug_aranges', '.debug_rnglists', '.debug_loclists'])
/** The GNU build-id note (ld --build-id): a hash over the output, so it differs whenever anything else does. */
const BUILD_ID_SECTION = '.note.gnu.build-id'

export interface PathStrings {
  left: string[]
  right: string[]
  /** Printable strings on one side only that are no build path (a changed message, a compiler version). */
  other?: string[]
  /** Both sides' section strings (sectionStringsOf), when gathered: accountBinary reads them from here. */
  sections?: SectionStringPair | null
}

export interface PathSection {
  name: string
  left: number
  right: number
  /** How many replaced paths the size difference is: null when the paths have the same length (any count fits). */
  occurrences: number | null
  /**
   * The section's strings with the left build directory replaced by the right one, against the right's: the same
   * sequence, the same strings in another order, or (only with embedded times left) not; null without strings.
   */
  afterReplacement: StringListComparison['afterReplacement'] | null
  /** The replacement applied (`from` → `to`), when strings were compared. */
  replaced?: PathReplacement
}

/** A differing section whose strings hold the build paths but differ in more than them. */
export interface StringMismatch {
  name: string
  replaced: PathReplacement
  /** The first few strings on one side only after the replacement. */
  leftOnly: string[]
  rightOnly: string[]
}

/** An embedded time that differs: a section's string, a header field or a fact (epoch seconds also as UTC ISO). */
export interface TimestampDifference {
  name: string
  kind: 'section' | 'header' | 'fact'
  left: string
  right: string
}

export interface SectionStringPair {
  left: Map<string, KeyedStrings>
  right: Map<string, KeyedStrings>
  /** A universal binary: each slice's pair, by compare-binary's slice key (`arm64`, `arm64#2`). */
  slices?: Map<string, SectionStringPair>
  /** A universal binary: the bytes outside its fat header and slices are zero on both sides (evidence `fatPaddingZero`). */
  paddingZero?: boolean
}

export interface BinaryAccount {
  binary: BinaryComparison
  /** Differing sections whose size change is whole replacements of the differing build paths. */
  pathSections: PathSection[]
  /** The `.comment` compiler strings, when they differ. */
  comment: { left: string[]; right: string[] } | null
  /** Differences that only follow from the others: section, header field or fact, and why. */
  derived: { name: string; reason: string; kind: 'section' | 'header' | 'fact'; slice?: string }[]
  /** Embedded build times that differ (the embedded-timestamp rule names them). */
  timestamps: TimestampDifference[]
  /** Sections holding the build paths whose strings differ in more than them (left unexplained). */
  stringMismatches: StringMismatch[]
  /** Sections whose bytes are equal and that only moved (their `changed` position facts). */
  moved: string[]
  /** Everything no rule explains: sections, header fields, facts. */
  unexplained: string[]
}

/**
 * The printable strings on one side only, split into build paths and the rest (per-side strings evidence), or
 * a .pyc's co_filename; null without evidence on both sides.
 */
export function stringDifferences(context: AnalysisContext, member: MemberComparison): PathStrings | null {
  if (member.binary?.format === 'pyc' && !member.binary.error) return pycPaths(member.binary)
  const left = evidenceOf(context, member, 'left')?.strings
  const right = evidenceOf(context, member, 'right')?.strings
  if (!left || !right) return null
  const rightSet = new Set(right)
  const leftSet = new Set(left)
  const leftOnly = left.filter((s) => !rightSet.has(s))
  const rightOnly = right.filter((s) => !leftSet.has(s))
  const isPath = (s: string) => BUILD_PATH.test(s)
  const other = leftOnly.concat(rightOnly).filter((s) => !isPath(s))
  return { left: leftOnly.filter(isPath), right: rightOnly.filter(isPath), other, sections: sectionStringsOf(context, member) }
}

/** A member's binary accounted for with all the evidence there is: its strings and its sections' strings. */
export function accountMember(context: AnalysisContext, member: MemberComparison): BinaryAccount | null {
  const paths = stringDifferences(context, member)
  return accountBinary(member.binary, paths, paths?.sections ?? sectionStringsOf(context, member))
}

/** The differing build paths of a member, or null when none differ. */
export function buildPathStrings(context: AnalysisContext, member: MemberComparison): PathStrings | null {
  const strings = stringDifferences(context, member)
  return strings && (strings.left.length || strings.right.length) ? strings : null
}

/** A .pyc's co_filename (the path it was compiled from), when it differs: the marshalled strings are not plain text. */
function pycPaths(binary: BinaryComparison | undefined): PathStrings | null {
  if (binary?.format !== 'pyc' || binary.error) return null
  const fact = binary.facts.find((f) => f.field === 'co_filename')
  if (!fact || typeof fact.left !== 'string' || typeof fact.right !== 'string' || fact.left === fact.right) return null
  return { left: [fact.left], right: [fact.right] }
}

/** The build directories of two paths: each without the common suffix ("/tmp/a/src/x.c", "/tmp/bb/src/x.c" → "/tmp/a", "/tmp/bb"). */
function replacementOf(left: string, right: string): PathReplacement {
  let prefix = 0
  while (prefix < left.length && prefix < right.length && left[prefix] === right[prefix]) prefix++
  let suffix = 0
  while (suffix < left.length - prefix && suffix < right.length - prefix && left[left.length - 1 - suffix] === right[right.length - 1 - suffix]) suffix++
  return { from: left.slice(0, left.length - suffix), to: right.slice(0, right.length - suffix) }
}

interface Candidate extends PathReplacement {
  /** UTF-8 length difference of the replacement. */
  delta: number
  count: number
}

/**
 * The build-directory replacements of all left/right path pairs, the most shared first, so an unrelated pair
 * (whose length difference may be 1 and divide any size change) does not make every section look like whole
 * replacements.
 */
function replacementsOf(paths: PathStrings | null): Candidate[] {
  if (!paths || !paths.left.length || !paths.right.length) return []
  const bytes = (text: string) => new TextEncoder().encode(text).length
  const byKey = new Map<string, Candidate>()
  for (const l of paths.left.slice(0, 20)) {
    for (const r of paths.right.slice(0, 20)) {
      const replacement = replacementOf(l, r)
      const key = JSON.stringify([replacement.from, replacement.to])
      const known = byKey.get(key)
      if (known) known.count++
      else byKey.set(key, { ...replacement, delta: bytes(replacement.to) - bytes(replacement.from), count: 1 })
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count)
}

/** The length differences of the most shared replacements (ties kept). */
function pathDeltas(candidates: Candidate[]): number[] {
  const most = candidates[0]?.count ?? 0
  return [...new Set(candidates.filter((c) => c.count === most).map((c) => c.delta))]
}

/** The number of replacements a size change is, or undefined when it is not whole replacements of one pair. */
function occurrencesOf(sizeDelta: number, deltas: number[]): number | null | undefined {
  for (const d of deltas) {
    if (d === 0 && sizeDelta === 0) return null
    if (d !== 0 && sizeDelta % d === 0 && sizeDelta / d >= 1) return sizeDelta / d
  }
  return undefined
}

function holdsStrings(section: BinarySectionComparison): boolean {
  const flags = section.left?.facts?.sh_flags
  return (typeof flags === 'number' && (flags & SHF_STRINGS) !== 0) || section.name.startsWith('.rodata') || section.name.startsWith('.rdata') || DWARF_SECTIONS.has(section.name)
}

/** Both sides' section strings of a member, keyed as its `binary` sections are; null when a side has none. */
export function sectionStringsOf(context: AnalysisContext, member: MemberComparison): SectionStringPair | null {
  const left = evidenceOf(context, member, 'left')
  const right = evidenceOf(context, member, 'right')
  if (!left?.binary || !right?.binary || 'error' in left.binary || 'error' in right.binary || !left.sectionStrings || !right.sectionStrings) return null
  const pair: SectionStringPair = stringsByKey({ structure: left.binary, strings: left.sectionStrings }, { structure: right.binary, strings: right.sectionStrings })
  const slices = sliceStringPairs(left, right)
  if (slices) {
    pair.slices = slices
    pair.paddingZero = left.fatPaddingZero === true && right.fatPaddingZero === true
  }
  return pair
}

type StringsVerdict = 'claimed' | 'refuted' | 'unknown'

/**
 * A modified section judged by its strings: claimed when they hold the build paths or embedded times and
 * nothing else differs (and the size change is whole replacements, or none); refuted when they are complete and
 * do not (the size alone then claims nothing); unknown without complete strings on both sides.
 */
function judgeByStrings(account: BinaryAccount, section: BinarySectionComparison, strings: SectionStringPair | null, candidates: Candidate[]): StringsVerdict {
  const left = strings?.left.get(section.name)
  const right = strings?.right.get(section.name)
  if (!left?.complete || !right?.complete) return 'unknown'
  // The most shared replacements only: each is a pass over the section's strings.
  const holding = candidates.slice(0, 5).filter((c) => left.strings.some((s) => s.includes(c.from)) || right.strings.some((s) => s.includes(c.to))).slice(0, 3)
  const tried = holding.map((c) => ({ replacement: c, result: compareStringLists(left.strings, right.strings, c) }))
  tried.sort((a, b) => a.result.leftOnly.length + a.result.rightOnly.length - (b.result.leftOnly.length + b.result.rightOnly.length))
  const best = tried[0] ?? { replacement: null, result: compareStringLists(left.strings, right.strings, null) }
  const { result, replacement } = best
  const residual = result.leftOnly.length + result.rightOnly.length
  const sizeDelta = section.right!.size - section.left!.size
  // A string table is all strings; other sections only where strings are what they hold (.rodata, .rdata,
  // DWARF): the rest of .data or .text (pointers, code) is not in its printable runs.
  const stringsAreAll = left.table || holdsStrings(section)
  if (replacement) {
    if (residual > 0) {
      account.stringMismatches.push({ name: section.name, replaced: { from: replacement.from, to: replacement.to }, leftOnly: result.leftOnly.slice(0, 3), rightOnly: result.rightOnly.slice(0, 3) })
      return 'refuted'
    }
    const occurrences = occurrencesOf(sizeDelta, [replacement.delta])
    if (occurrences === undefined || !stringsAreAll) return 'refuted'
    account.pathSections.push({ name: section.name, left: section.left!.size, right: section.right!.size, occurrences, afterReplacement: result.afterReplacement, replaced: { from: replacement.from, to: replacement.to } })
  } else if (residual > 0 || result.times.length === 0 || sizeDelta !== 0 || !stringsAreAll) return 'refuted'
  for (const t of result.times) account.timestamps.push({ name: section.name, kind: 'section', left: t.left, right: t.right })
  return 'claimed'
}

/**
 * Accounts for a compared ELF, PE/COFF or Mach-O binary or a .pyc; null for a parse error. A universal Mach-O is
 * accounted for slice by slice (binary-slices.ts), each slice as a thin file. `strings`: both sides' section
 * strings (sectionStringsOf), by default those `paths` carries.
 */
export function accountBinary(binary: BinaryComparison | undefined, paths: PathStrings | null, strings: SectionStringPair | null = paths?.sections ?? null): BinaryAccount | null {
  if (!binary || binary.error) return null
  if (binary.format === 'pyc') return accountPyc(binary, paths)
  const account = binary.slices ? accountFat(binary, paths, strings, accountStructure) : accountStructure(binary, paths, strings)
  accountOtherStrings(account, paths)
  return account
}

/** One thin structure (ELF, PE/COFF, a thin Mach-O or one slice): its sections, header fields and facts. */
function accountStructure(binary: BinaryComparison, paths: PathStrings | null, strings: SectionStringPair | null): BinaryAccount {
  const account = emptyAccount(binary)
  const candidates = replacementsOf(paths)
  const deltas = pathDeltas(candidates)
  const differing = binary.sections.filter((s) => s.status !== 'identical')
  account.moved = binary.sections.filter((s) => s.status === 'identical' && s.changed?.length).map((s) => s.name)
  const grew = differing.some((s) => s.left && s.right && s.left.size !== s.right.size)
  const commentFact = binary.facts.find((f) => f.field === '.comment')
  if (commentFact && factDiffers(binary, '.comment')) account.comment = { left: asList(commentFact.left), right: asList(commentFact.right) }
  const pending: BinarySectionComparison[] = []
  for (const section of differing) {
    if (section.status !== 'modified' || !section.left || !section.right) account.unexplained.push(section.name)
    else if (section.name === '.comment' && account.comment) continue
    else if (section.name === BUILD_ID_SECTION) pending.push(section)
    else {
      const verdict = judgeByStrings(account, section, strings, candidates)
      if (verdict === 'claimed') continue
      const occurrences = verdict === 'unknown' && holdsStrings(section) && deltas.length ? occurrencesOf(section.right.size - section.left.size, deltas) : undefined
      if (occurrences !== undefined && (occurrences !== null || !DWARF_SECTIONS.has(section.name))) {
        account.pathSections.push({ name: section.name, left: section.left.size, right: section.right.size, occurrences, afterReplacement: null })
      } else pending.push(section)
    }
  }
  accountHeaderCauses(account, paths)
  const changedStrings = account.pathSections.filter((s) => DWARF_STRING_SECTIONS.has(s.name)).map((s) => s.name)
  const explainedOther = () => account.pathSections.length > 0 || account.comment !== null || account.timestamps.length > 0
  for (const section of pending) {
    if (section.name === BUILD_ID_SECTION && explainedOther()) account.derived.push({ name: section.name, reason: 'the build-id hashes the rest of the output', kind: 'section' })
    else if (DWARF_SECTIONS.has(section.name) && changedStrings.length && section.left!.size === section.right!.size) {
      account.derived.push({ name: section.name, reason: `same size, so offsets into ${changedStrings.join(', ')}, which changed; not compared byte by byte`, kind: 'section' })
    } else account.unexplained.push(section.name)
  }
  accountHeaderAndFacts(account, grew, explainedOther())
  return account
}

/** Once per member (a universal binary's printable strings are the whole file's): strings no cause explains. */
function accountOtherStrings(account: BinaryAccount, paths: PathStrings | null): void {
  // A string that changed and is no build path (nor the compiler version of .comment, nor an embedded time) is a real change.
  const known = new Set([...(account.comment?.left ?? []), ...(account.comment?.right ?? []), ...account.timestamps.flatMap((t) => [t.left, t.right])])
  const replacements = account.pathSections.flatMap((s) => (s.replaced ? [s.replaced] : []))
  const other = (paths?.other ?? []).filter((s) => !known.has(s) && !replacements.some((r) => s.includes(r.from) || s.includes(r.to)))
  if (other.length) account.unexplained.push(`strings (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''})`)
}
