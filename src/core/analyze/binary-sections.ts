/**
 * Accounts for every difference of a compared binary (`members[].binary`, docs/report-format.md "Binary
 * members"): which differing sections hold the build paths, which ones are the compiler's `.comment`, which
 * ones only follow from those (the GNU build-id, DWARF offsets into a string section that changed, the layout
 * that shifts when a section grows), and what is left unexplained. A rule claims a member's content difference
 * (`fields: [CONTENT]`) only when nothing is left: a section difference no rule explains stays with `content`.
 * Rules see sizes and SHA-256s only (no section bytes), so a "holds the path" is a size argument, never a claim
 * that the bytes become equal.
 */
import type { BinaryComparison, BinarySectionComparison } from '../binary/types'
import type { MemberComparison } from '../types'
import { evidenceOf, type AnalysisContext } from './rule'

/** Path shapes of temporary or per-user build directories. */
export const BUILD_PATH = /(^|[^\w.])(\/tmp\/|\/var\/tmp\/|\/private\/var\/folders\/|\/var\/folders\/|\/home\/[^/\s]+\/|\/Users\/[^/\s]+\/|\/build\/|\/__w\/|\/root\/|[A-Za-z]:[\\/]|pip-build-env-|pip-req-build-|\.mesonpy-|\.tmp[A-Za-z0-9_]{6})/

/** ELF gABI sh_flags SHF_STRINGS: the section holds NUL-terminated strings (.debug_str, .debug_line_str, .rodata.str*). */
const SHF_STRINGS = 0x20
/** DWARF 5 string sections (DWARF 5 §7.26): .debug_info and .debug_line refer to them by offset (DW_FORM_strp, DW_FORM_line_strp). */
const DWARF_STRING_SECTIONS = new Set(['.debug_str', '.debug_line_str'])
/** DWARF sections that hold offsets into the string sections, or inline strings (DW_FORM_string, DWARF 4 include_directories). */
const DWARF_SECTIONS = new Set(['.debug_info', '.debug_line', '.debug_str_offsets', '.debug_names', '.debug_macro', '.debug_aranges', '.debug_rnglists', '.debug_loclists'])
/** The GNU build-id note (ld --build-id): a hash over the output, so it differs whenever anything else does. */
const BUILD_ID_SECTION = '.note.gnu.build-id'
const BUILD_ID_FACT = 'NT_GNU_BUILD_ID'
/** ELF header fields that say where the section table lies; they move when a section before it grows. */
const POSITION_HEADER_FIELDS = new Set(['e_shoff'])
const OUTSIDE_SECTIONS_FACT = '(bytes outside sections)'
/** .pyc facts that follow from co_filename (the marshal hash covers it). */
const PYC_PATH_FACTS = new Set(['co_filename', 'marshal_sha256'])

export interface PathStrings {
  left: string[]
  right: string[]
  /** Printable strings on one side only that are no build path (a changed message, a compiler version). */
  other?: string[]
}

export interface PathSection {
  name: string
  left: number
  right: number
  /** How many replaced paths the size difference is: null when the paths have the same length (any count fits). */
  occurrences: number | null
}

export interface BinaryAccount {
  binary: BinaryComparison
  /** Differing sections whose size change is whole replacements of the differing build paths. */
  pathSections: PathSection[]
  /** The `.comment` compiler strings, when they differ. */
  comment: { left: string[]; right: string[] } | null
  /** Differences that only follow from the others: section or fact name and why. */
  derived: { name: string; reason: string }[]
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
  return { left: leftOnly.filter(isPath), right: rightOnly.filter(isPath), other: [...leftOnly, ...rightOnly].filter((s) => !isPath(s)) }
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

/** The differing middle of two paths, without their common prefix and suffix: "build-a" → "build-path-b/workspace". */
function replacementOf(left: string, right: string): string {
  let prefix = 0
  while (prefix < left.length && prefix < right.length && left[prefix] === right[prefix]) prefix++
  let suffix = 0
  while (suffix < left.length - prefix && suffix < right.length - prefix && left[left.length - 1 - suffix] === right[right.length - 1 - suffix]) suffix++
  return JSON.stringify([left.slice(prefix, left.length - suffix), right.slice(prefix, right.length - suffix)])
}

/**
 * The length differences (UTF-8 bytes) of the build-directory replacement: of all left/right path pairs, the
 * ones sharing the most common replacement, so an unrelated pair (whose length difference may be 1 and divide
 * any size change) does not make every section look like whole replacements.
 */
function pathDeltas(paths: PathStrings): number[] {
  const bytes = (s: string) => new TextEncoder().encode(s).length
  const byReplacement = new Map<string, Set<number>>()
  const counts = new Map<string, number>()
  for (const l of paths.left.slice(0, 20)) {
    for (const r of paths.right.slice(0, 20)) {
      const key = replacementOf(l, r)
      counts.set(key, (counts.get(key) ?? 0) + 1)
      byReplacement.set(key, (byReplacement.get(key) ?? new Set()).add(bytes(r) - bytes(l)))
    }
  }
  let most = 0
  for (const count of counts.values()) most = Math.max(most, count)
  const deltas = new Set<number>()
  for (const [key, count] of counts) if (count === most) for (const d of byReplacement.get(key)!) deltas.add(d)
  return [...deltas]
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
  return (typeof flags === 'number' && (flags & SHF_STRINGS) !== 0) || section.name.startsWith('.rodata') || DWARF_SECTIONS.has(section.name)
}

function factDiffers(binary: BinaryComparison, field: string): boolean {
  const fact = binary.facts.find((f) => f.field === field)
  return Boolean(fact) && JSON.stringify(fact!.left) !== JSON.stringify(fact!.right)
}

const asList = (value: string | string[] | null | undefined) => (value == null ? [] : typeof value === 'string' ? [value] : value)

/** Accounts for a compared ELF or .pyc; null for other formats, a parse error or slices (not accounted for here). */
export function accountBinary(binary: BinaryComparison | undefined, paths: PathStrings | null): BinaryAccount | null {
  if (!binary || binary.error || binary.slices) return null
  if (binary.format === 'pyc') return accountPyc(binary, paths)
  if (binary.format !== 'elf') return null
  const account: BinaryAccount = { binary, pathSections: [], comment: null, derived: [], moved: [], unexplained: [] }
  const deltas = paths && paths.left.length && paths.right.length ? pathDeltas(paths) : []
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
      const occurrences = holdsStrings(section) && deltas.length ? occurrencesOf(section.right.size - section.left.size, deltas) : undefined
      if (occurrences !== undefined && (occurrences !== null || !DWARF_SECTIONS.has(section.name))) account.pathSections.push({ name: section.name, left: section.left.size, right: section.right.size, occurrences })
      else pending.push(section)
    }
  }
  const changedStrings = account.pathSections.filter((s) => DWARF_STRING_SECTIONS.has(s.name)).map((s) => s.name)
  const explainedOther = account.pathSections.length > 0 || account.comment !== null
  for (const section of pending) {
    if (section.name === BUILD_ID_SECTION && explainedOther) account.derived.push({ name: section.name, reason: 'the build-id hashes the rest of the output' })
    else if (DWARF_SECTIONS.has(section.name) && changedStrings.length && section.left!.size === section.right!.size) {
      account.derived.push({ name: section.name, reason: `same size, so offsets into ${changedStrings.join(', ')}, which changed; not compared byte by byte` })
    } else account.unexplained.push(section.name)
  }
  accountElfHeaderAndFacts(account, grew, explainedOther)
  // A string that changed and is no build path (nor the compiler version of .comment) is a real change.
  const compilers = new Set([...(account.comment?.left ?? []), ...(account.comment?.right ?? [])])
  const other = (paths?.other ?? []).filter((s) => !compilers.has(s))
  if (other.length) account.unexplained.push(`strings (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''})`)
  return account
}

/** Header fields and facts: positions that follow from a grown section, the build-id, and the rest unexplained. */
function accountElfHeaderAndFacts(account: BinaryAccount, grew: boolean, explainedOther: boolean): void {
  const { binary } = account
  for (const h of binary.header) {
    if (h.left === h.right) continue
    if (POSITION_HEADER_FIELDS.has(h.field) && grew) account.derived.push({ name: h.field, reason: 'the section table moved because a section before it grew' })
    else account.unexplained.push(h.field)
  }
  for (const f of binary.facts) {
    if (!factDiffers(binary, f.field) || f.field === '.comment') continue
    if (f.field === BUILD_ID_FACT && explainedOther) continue
    if (f.field === OUTSIDE_SECTIONS_FACT && grew) account.derived.push({ name: f.field, reason: 'the ELF header and the alignment padding shift when a section grows (not compared byte by byte)' })
    else account.unexplained.push(f.field)
  }
  if (binary.symbols && ((binary.symbols.addedCount ?? binary.symbols.added.length) > 0 || (binary.symbols.removedCount ?? binary.symbols.removed.length) > 0)) account.unexplained.push('symbols')
}

/** A .pyc: every code object identical and only co_filename (and the marshal hash it feeds) differ. */
function accountPyc(binary: BinaryComparison, paths: PathStrings | null): BinaryAccount {
  const account: BinaryAccount = { binary, pathSections: [], comment: null, derived: [], moved: [], unexplained: [] }
  const hasPaths = Boolean(paths && paths.left.length && paths.right.length)
  for (const section of binary.sections) if (section.status !== 'identical') account.unexplained.push(section.name)
  account.moved = binary.sections.filter((s) => s.status === 'identical' && s.changed?.length).map((s) => s.name)
  for (const f of binary.facts) {
    if (!factDiffers(binary, f.field)) continue
    if (hasPaths && PYC_PATH_FACTS.has(f.field)) continue
    account.unexplained.push(f.field)
  }
  if (hasPaths) account.pathSections.push({ name: 'co_filename', left: paths!.left[0].length, right: paths!.right[0].length, occurrences: null })
  return account
}
