/**
 * Two parsed binaries (or a parse error on a side) compared into the report's `members[].binary`
 * (docs/report-format.md, "Binary members"): every header field of either side, each section with a status,
 * the facts, the symbol names added and removed, and the slices of a universal binary. Plain data out.
 */
import type { CoreError } from '../errors'
import type { BinaryComparison, BinaryItemStatus, BinarySection, BinarySectionComparison, BinarySectionSide, BinaryStructure } from './types'

export type BinaryInput = BinaryStructure | { error: CoreError }

/** Each symbol list in the report holds at most this many names; `addedCount`/`removedCount` stay exact. */
export const MAX_LISTED_SYMBOLS = 5_000

/**
 * Table facts that say where a section lies, not what it is: they shift when an earlier section grows (or a
 * section is inserted before), so they are listed in `changed` but do not make a section `modified`.
 * ELF sh_offset, sh_addr, sh_name, sh_link, sh_info (offsets and indices); Mach-O offset, addr; PE
 * PointerToRawData, VirtualAddress.
 */
/**
 * Facts that say where a section is, not what it holds: a section whose bytes are equal and only these differ
 * stays `identical`, with them listed in `changed` (an ELF section moved by an earlier one that grew; a .pyc
 * code object whose source lines moved: `co_firstlineno` and its line table).
 */
const POSITION_FACTS = new Set([
  'sh_offset', 'sh_addr', 'sh_name', 'sh_link', 'sh_info', // ELF
  'offset', 'addr', 'reloff', // Mach-O section_64: where its bytes and its relocation entries lie
  'PointerToRawData', 'VirtualAddress', 'PointerToRelocations', 'PointerToLinenumbers', // PE/COFF section header
  'co_firstlineno', 'line_table_sha256', // .pyc code objects
])

function isError(input: BinaryInput | null | undefined): input is { error: CoreError } {
  return Boolean(input && 'error' in input)
}

/**
 * Keys unique by construction, as members are paired (compare/pair-members.ts): the first copy of a name keeps
 * it, a later copy takes `name#N`, N the lowest number above the previous copy's that is no stored name on
 * either side, so a second `.text` never takes the key of a section really named `.text#2`.
 */
export function sectionKeys(names: string[], reserved: Set<string>): string[] {
  const lastCopy = new Map<string, number>()
  return names.map((name) => {
    const last = lastCopy.get(name)
    if (last === undefined) {
      lastCopy.set(name, 1)
      return name
    }
    let copy = last + 1
    while (reserved.has(`${name}#${copy}`)) copy++
    lastCopy.set(name, copy)
    return `${name}#${copy}`
  })
}

function sideOf(section: BinarySection): BinarySectionSide {
  const side: BinarySectionSide = { size: section.size, sha256: section.sha256 }
  if (section.facts) side.facts = section.facts
  return side
}

function compareSection(name: string, left: BinarySection | undefined, right: BinarySection | undefined): BinarySectionComparison {
  if (!left || !right) return { name, status: left ? 'left-only' : 'right-only', left: left ? sideOf(left) : null, right: right ? sideOf(right) : null }
  const changed: string[] = []
  const factNames = new Set([...Object.keys(left.facts ?? {}), ...Object.keys(right.facts ?? {})])
  for (const fact of factNames) if (left.facts?.[fact] !== right.facts?.[fact]) changed.push(fact)
  const bytesDiffer = left.size !== right.size || left.sha256 !== right.sha256
  const kindDiffers = changed.some((fact) => !POSITION_FACTS.has(fact))
  const status: BinaryItemStatus = bytesDiffer || kindDiffers ? 'modified' : 'identical'
  const entry: BinarySectionComparison = { name, status, left: sideOf(left), right: sideOf(right) }
  if (changed.length) entry.changed = changed
  return entry
}

/** Sections paired by key, in the left's order, then the right's sections the left lacks in the right's order. */
function compareSections(left: BinarySection[], right: BinarySection[]): BinarySectionComparison[] {
  const reserved = new Set<string>()
  for (const section of left) reserved.add(section.name)
  for (const section of right) reserved.add(section.name)
  const leftKeys = sectionKeys(left.map((section) => section.name), reserved)
  const rightKeys = sectionKeys(right.map((section) => section.name), reserved)
  const rightByKey = new Map<string, BinarySection>()
  rightKeys.forEach((key, i) => rightByKey.set(key, right[i]))
  const leftKeySet = new Set(leftKeys)
  const compared = leftKeys.map((key, i) => compareSection(key, left[i], rightByKey.get(key)))
  rightKeys.forEach((key, i) => {
    if (!leftKeySet.has(key)) compared.push(compareSection(key, undefined, right[i]))
  })
  return compared
}

/** Every field of either side, in the left's order, then fields only the right has. */
function pairFields<T>(left: [string, T][], right: [string, T][]): { field: string; left: T | null; right: T | null }[] {
  const rightMap = new Map(right)
  const leftNames = new Set(left.map(([field]) => field))
  const fields: { field: string; left: T | null; right: T | null }[] = left.map(([field, value]) => ({ field, left: value, right: rightMap.has(field) ? rightMap.get(field)! : null }))
  for (const [field, value] of right) if (!leftNames.has(field)) fields.push({ field, left: null, right: value })
  return fields
}

function compareSymbols(left: string[] | undefined, right: string[] | undefined): BinaryComparison['symbols'] {
  if (!left && !right) return undefined
  const leftSet = new Set(left ?? [])
  const rightSet = new Set(right ?? [])
  const added = (right ?? []).filter((name) => !leftSet.has(name))
  const removed = (left ?? []).filter((name) => !rightSet.has(name))
  return { added: added.slice(0, MAX_LISTED_SYMBOLS), removed: removed.slice(0, MAX_LISTED_SYMBOLS), addedCount: added.length, removedCount: removed.length }
}

const EMPTY: Omit<BinaryStructure, 'format'> = { header: [], sections: [], facts: {} }

/** Two structures of one format; a structure's slices are compared one level down, never deeper. */
function compareStructures(left: BinaryStructure, right: BinaryStructure, withSlices: boolean): BinaryComparison {
  const comparison: BinaryComparison = {
    format: left.format,
    header: pairFields(left.header.map((f) => [f.field, f.value]), right.header.map((f) => [f.field, f.value])),
    sections: compareSections(left.sections, right.sections),
    facts: pairFields(Object.entries(left.facts), Object.entries(right.facts)),
  }
  const symbols = compareSymbols(left.symbols, right.symbols)
  if (symbols) comparison.symbols = symbols
  if (withSlices && (left.slices || right.slices)) comparison.slices = compareSlices(left, right)
  return comparison
}

/** Universal binaries: slices paired by architecture (`arch#2` for a repeated one); a missing slice compares against nothing. */
function compareSlices(left: BinaryStructure, right: BinaryStructure): NonNullable<BinaryComparison['slices']> {
  const leftSlices = left.slices ?? []
  const rightSlices = right.slices ?? []
  const reserved = new Set([...leftSlices.map((s) => s.arch), ...rightSlices.map((s) => s.arch)])
  const leftKeys = sectionKeys(leftSlices.map((s) => s.arch), reserved)
  const rightKeys = sectionKeys(rightSlices.map((s) => s.arch), reserved)
  const rightByKey = new Map(rightKeys.map((key, i) => [key, rightSlices[i].structure]))
  const none = (format: BinaryStructure['format']): BinaryStructure => ({ format, ...EMPTY })
  const slices = leftKeys.map((arch, i) => {
    const structure = leftSlices[i].structure
    return { arch, comparison: compareStructures(structure, rightByKey.get(arch) ?? none(structure.format), false) }
  })
  const leftKeySet = new Set(leftKeys)
  rightKeys.forEach((arch, i) => {
    const structure = rightSlices[i].structure
    if (!leftKeySet.has(arch)) slices.push({ arch, comparison: compareStructures(none(structure.format), structure, false) })
  })
  return slices
}

function errorOf(side: 'left' | 'right', error: CoreError): NonNullable<BinaryComparison['error']> {
  const entry: NonNullable<BinaryComparison['error']> = { side, code: error.code, message: error.message }
  if (error.offset !== undefined) entry.offset = error.offset
  return entry
}

/**
 * The two sides of a differing member compared. One side's error is kept (`error`) and the other side still
 * shown, its sections `left-only` / `right-only`; null when neither side parsed.
 */
export function compareBinary(left: BinaryInput, right: BinaryInput): BinaryComparison | null {
  if (isError(left) && isError(right)) return null
  if (isError(left) || isError(right)) {
    const parsed = (isError(left) ? right : left) as BinaryStructure
    const none: BinaryStructure = { format: parsed.format, ...EMPTY }
    const comparison = isError(left) ? compareStructures(none, parsed, true) : compareStructures(parsed, none, true)
    comparison.error = isError(left) ? errorOf('left', left.error) : errorOf('right', (right as { error: CoreError }).error)
    return comparison
  }
  if (left.format !== right.format) {
    const message = `The left side is ${left.format}, the right side ${right.format}: their structures are not compared`
    return compareBinary(left, { error: { code: 'UNSUPPORTED_FORMAT', message } })
  }
  return compareStructures(left, right, true)
}
