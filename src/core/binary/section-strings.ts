/**
 * The strings of a binary's sections, as a reviewer reads them (issue 8: "a strings diff (printable runs ≥ 4
 * bytes) per differing section"). A section is read one of two ways:
 * - a NUL-terminated string table (ELF SHF_STRINGS or SHT_STRTAB: `.dynstr`, `.strtab`, `.shstrtab`,
 *   `.debug_str`, `.debug_line_str`; `.comment`; Mach-O `__cstring`, S_CSTRING_LITERALS and the LC_SYMTAB strings) is split at
 *   each NUL, so an empty or short string keeps its place and two tables with the same strings in the same order
 *   hold the same bytes;
 * - any other section gives its printable runs of at least 4 bytes, as GNU strings(1) and diffoscope's `strings`
 *   (ASCII 0x20–0x7e and tab).
 * Bounded: at most MAX_SECTION_STRINGS strings and MAX_SECTION_BYTES bytes per section, MAX_STRING_BYTES per string
 * and a byte budget per member; whatever a cap cuts is named in `truncated`, so nobody compares a cut list as whole.
 */
import { decodeString } from './elf-strings'
import { sectionKeys } from './compare-binary'
import type { BinaryFormatName, BinarySection, BinaryStructure } from './types'

/** Printable runs shorter than this are noise (strings(1) -n default). */
export const MIN_RUN = 4
export const MAX_SECTION_STRINGS = 65_536
export const MAX_SECTION_BYTES = 2 * 1024 * 1024
/** A longer string is cut here, and its section is marked truncated. */
export const MAX_STRING_BYTES = 4096
export const MAX_MEMBER_STRING_BYTES = 4 * 1024 * 1024
/** How `limit` begins when the member's byte budget left sections out. */
export const MEMBER_BUDGET_WORDS = 'the strings of a binary are kept up to'

/** ELF gABI sh_flags SHF_STRINGS, SHF_EXECINSTR; sh_type SHT_STRTAB. */
const SHF_STRINGS = 0x20
const SHF_EXECINSTR = 0x4
const SHT_STRTAB = 3
/** Mach-O <mach-o/loader.h>: SECTION_TYPE mask, S_CSTRING_LITERALS, S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS. */
const SECTION_TYPE = 0xff
const S_CSTRING_LITERALS = 0x2
const MACHO_INSTRUCTIONS = 0x80000400
/** The Mach-O reader's pseudo-section of the LC_SYMTAB string table (NUL-terminated symbol names). */
const MACHO_SYMBOL_STRINGS = '(LC_SYMTAB strings)'
/** PE Characteristics IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE. */
const PE_CODE = 0x20000020

const numberFact = (section: BinarySection, fact: string): number => {
  const value = section.facts?.[fact]
  return typeof value === 'number' ? value : 0
}

/** Per format: is the section a NUL-terminated string table, and does it hold code (read last, as least telling). */
const KINDS: Record<BinaryFormatName, { table(s: BinarySection): boolean; code(s: BinarySection): boolean }> = {
  elf: {
    table: (s) => (numberFact(s, 'sh_flags') & SHF_STRINGS) !== 0 || numberFact(s, 'sh_type') === SHT_STRTAB || s.name === '.comment',
    code: (s) => (numberFact(s, 'sh_flags') & SHF_EXECINSTR) !== 0,
  },
  macho: {
    table: (s) => s.name.endsWith(',__cstring') || s.name === MACHO_SYMBOL_STRINGS || (numberFact(s, 'flags') & SECTION_TYPE) === S_CSTRING_LITERALS,
    code: (s) => (numberFact(s, 'flags') & MACHO_INSTRUCTIONS) !== 0,
  },
  pe: { table: () => false, code: (s) => (numberFact(s, 'Characteristics') & PE_CODE) !== 0 },
  pyc: { table: () => false, code: () => false },
}

export function isStringTable(format: BinaryFormatName, section: BinarySection): boolean {
  return KINDS[format].table(section)
}

export interface StringsOfSection {
  strings: string[]
  /** A cap cut the list or one of its strings. */
  truncated: boolean
}

const latin1 = new TextDecoder('latin1')
const isPrintable = (byte: number) => (byte >= 0x20 && byte < 0x7f) || byte === 0x09

/** Appends one string, cut at MAX_STRING_BYTES; false once a cap is reached (the caller stops there). */
function take(bytes: Uint8Array, start: number, end: number, table: boolean, into: StringsOfSection, budget: { bytes: number }): boolean {
  const cut = Math.min(end, start + MAX_STRING_BYTES)
  if (cut < end) into.truncated = true
  // Printable runs are ASCII already; a table's strings take the unambiguous escaped form of names.
  const piece = bytes.subarray(start, cut)
  into.strings.push(table ? decodeString(piece) : latin1.decode(piece))
  budget.bytes -= cut - start + 1
  return into.strings.length < MAX_SECTION_STRINGS && budget.bytes > 0
}

/**
 * The strings of one section's bytes. `table`: split at NULs, empty strings kept, and bytes after the last NUL
 * kept as a last string (a table that does not end with NUL still shows them).
 */
export function stringsOfBytes(bytes: Uint8Array, table: boolean, maxBytes = MAX_SECTION_BYTES): StringsOfSection {
  const found: StringsOfSection = { strings: [], truncated: false }
  const budget = { bytes: Math.min(maxBytes, MAX_SECTION_BYTES) }
  if (bytes.length === 0) return found
  if (budget.bytes <= 0) return { strings: [], truncated: true }
  let start = table ? 0 : -1
  for (let i = 0; i <= bytes.length; i++) {
    const end = i === bytes.length
    let more = true
    if (table) {
      if (!end && bytes[i] !== 0) continue
      if (end && start === bytes.length) break
      more = take(bytes, start, i, true, found, budget)
      start = i + 1
    } else if (!end && isPrintable(bytes[i])) {
      if (start < 0) start = i
      continue
    } else {
      if (start >= 0 && i - start >= MIN_RUN) more = take(bytes, start, i, false, found, budget)
      start = -1
    }
    // Stopped by a cap with bytes left to read: the list is incomplete.
    if (!more) {
      if (i + 1 < bytes.length) found.truncated = true
      break
    }
  }
  return found
}

/** One side's section strings, in the order of its structure's `sections` (null: no bytes, or not gathered). */
export interface SectionStringsEvidence {
  sections: (string[] | null)[]
  /** Indexes (into `sections`) whose list a cap cut or left out. */
  truncated: number[]
  /** Which cap was reached, in words; absent when none was. */
  limit?: string
  /**
   * A universal Mach-O: each slice's section strings, in the order of the structure's `slices` (the top level's
   * `(slice <arch>)` pseudo-sections are then not read: their strings are the slices'). Absent for a thin file.
   */
  slices?: SectionStringsEvidence[]
}

/** One structure being read: its sections' ranks and where its strings go. */
interface Unit {
  structure: BinaryStructure
  evidence: SectionStringsEvidence
}

/**
 * Reading order over all units: string tables, then data, then code (so a budget spent keeps the most telling
 * strings), then unit, then section order. Pairs [unit, section].
 */
function readingOrder(units: Unit[], only?: Set<number>): [number, number][] {
  const order: { unit: number; index: number; rank: number }[] = []
  units.forEach(({ structure }, unit) => {
    const kinds = KINDS[structure.format]
    structure.sections.forEach((s, index) => {
      if (!only || only.has(index)) order.push({ unit, index, rank: kinds.table(s) ? 0 : kinds.code(s) ? 2 : 1 })
    })
  })
  order.sort((a, b) => a.rank - b.rank || a.unit - b.unit || a.index - b.index)
  return order.map((o) => [o.unit, o.index])
}

const memberBudgetWords = (budget: number) => `${MEMBER_BUDGET_WORDS} ${budget.toLocaleString('en')} bytes`

/** Reads every unit's sections from `bytes` within one budget of `budget` bytes (at most MAX_MEMBER_STRING_BYTES). */
function readUnits(bytes: Uint8Array, units: Unit[], budget: number, only?: Set<number>): void {
  let left = Math.min(budget, MAX_MEMBER_STRING_BYTES)
  for (const [unit, index] of readingOrder(units, only)) {
    const { structure, evidence } = units[unit]
    const section = structure.sections[index]
    const range = section.fileRange
    if (!range || range.offset < 0 || range.offset + range.size > bytes.length) continue
    if (left <= 0 && range.size > 0) {
      evidence.truncated.push(index)
      evidence.limit = memberBudgetWords(budget)
      continue
    }
    const found = stringsOfBytes(bytes.subarray(range.offset, range.offset + range.size), isStringTable(structure.format, section), left)
    evidence.sections[index] = found.strings
    for (const s of found.strings) left -= s.length + 1
    if (found.truncated) {
      evidence.truncated.push(index)
      if (left <= 0) evidence.limit = memberBudgetWords(budget)
      else evidence.limit ??= `a section's strings are kept up to ${MAX_SECTION_STRINGS.toLocaleString('en')} strings, ${MAX_SECTION_BYTES.toLocaleString('en')} bytes and ${MAX_STRING_BYTES.toLocaleString('en')} bytes a string`
    }
  }
  for (const { evidence } of units) evidence.truncated.sort((a, b) => a - b)
}

const emptyEvidence = (structure: BinaryStructure): SectionStringsEvidence => ({ sections: structure.sections.map(() => null), truncated: [] })

/**
 * Every section's strings within `budget` bytes (at most MAX_MEMBER_STRING_BYTES); `bytes` are the bytes the
 * structure was parsed from (its `fileRange`s point into them); `only`: these section indexes alone. Slices of a
 * universal binary are not read here (binaryStrings reads them).
 */
export function structureStrings(bytes: Uint8Array, structure: BinaryStructure, budget = MAX_MEMBER_STRING_BYTES, only?: Set<number>): SectionStringsEvidence {
  const evidence = emptyEvidence(structure)
  readUnits(bytes, [{ structure, evidence }], budget, only)
  return evidence
}

/**
 * A member's section strings for the rules: a thin file's as structureStrings gives them; a universal binary's
 * per slice (`slices`, each slice's `fileRange`s are in the whole fat file), all slices within the one member
 * budget, read tables first across slices. The `(slice <arch>)` pseudo-sections are left unread (null).
 */
export function binaryStrings(bytes: Uint8Array, structure: BinaryStructure, budget = MAX_MEMBER_STRING_BYTES): SectionStringsEvidence {
  if (!structure.slices) return structureStrings(bytes, structure, budget)
  const top = emptyEvidence(structure)
  const units = structure.slices.map((slice) => ({ structure: slice.structure, evidence: emptyEvidence(slice.structure) }))
  readUnits(bytes, units, budget)
  top.slices = units.map((unit) => unit.evidence)
  const limit = units.find((unit) => unit.evidence.limit)?.evidence.limit
  if (limit) top.limit = limit
  return top
}

/** Every list of an evidence, its slices' too: what its strings cost against a side's budget. */
export function evidenceLists(evidence: SectionStringsEvidence): (string[] | null)[] {
  const lists = evidence.sections.slice()
  for (const slice of evidence.slices ?? []) for (const list of slice.sections) lists.push(list)
  return lists
}

/** One section's strings on one side, under the key compare-binary gives it; `complete` false when a cap cut it. */
export interface KeyedStrings {
  strings: string[]
  complete: boolean
  table: boolean
}

/**
 * Both sides' section strings under the keys compare-binary.ts gives the sections (`name`, `name#2`), computed
 * from both sides' names as it does, so a key never names another copy of a repeated section.
 */
export function stringsByKey(
  left: { structure: BinaryStructure; strings: SectionStringsEvidence },
  right: { structure: BinaryStructure; strings: SectionStringsEvidence },
): { left: Map<string, KeyedStrings>; right: Map<string, KeyedStrings> } {
  const keysOf = bothSidesKeys(left.structure, right.structure)
  const side = ({ structure, strings }: { structure: BinaryStructure; strings: SectionStringsEvidence }, keys: string[]) => {
    const truncated = new Set(strings.truncated)
    const byKey = new Map<string, KeyedStrings>()
    keys.forEach((key, i) => {
      const list = strings.sections[i]
      if (list) byKey.set(key, { strings: list, complete: !truncated.has(i), table: isStringTable(structure.format, structure.sections[i]) })
    })
    return byKey
  }
  return { left: side(left, keysOf.left), right: side(right, keysOf.right) }
}

/** Each side's section keys, as compare-binary.ts gives them: both sides' stored names are reserved. */
export function bothSidesKeys(left: BinaryStructure, right: BinaryStructure): { left: string[]; right: string[] } {
  const reserved = new Set<string>()
  for (const s of left.sections) reserved.add(s.name)
  for (const s of right.sections) reserved.add(s.name)
  return { left: sectionKeys(left.sections.map((s) => s.name), reserved), right: sectionKeys(right.sections.map((s) => s.name), reserved) }
}

export { compareStringLists, maskTimes, type PathReplacement, type StringListComparison } from './string-lists'
