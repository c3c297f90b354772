/**
 * What the page shows for a selected member: text on both sides for Monaco, or a binary summary; and the
 * byte-level facts the text view cannot show. TextDecoder drops a leading BOM (WHATWG Encoding, "decode"),
 * Monaco splits lines on CRLF, LF and CR alike and keeps no line ending in its lines, and its
 * `ignoreTrimWhitespace` compares lines trimmed: so two texts can look equal while their bytes differ. The
 * facts live here (unit-tested); the page words them.
 */
import { compareBinary, sectionKeys } from '../binary/compare-binary'
import { isBinaryError, parseBinary } from '../binary/registry'
import { bothSidesKeys, structureStrings } from '../binary/section-strings'
import type { BinaryComparison, BinaryItemStatus, BinaryStructure } from '../binary/types'
import { firstDifference } from '../util/bytes'
import { DEFAULT_LIMITS } from '../limits'
import { decodeText } from '../util/text'

/**
 * A way two texts differ that the text view does not show: `bom` (a UTF-8 BOM on one side only, stripped by
 * TextDecoder), `line-endings` (CRLF, LF, CR: the editor shows lines, not their endings), `unicode-normalization`
 * (NFC against NFD: the editor marks the line, but both look the same).
 */
export type TextHiding = 'bom' | 'line-endings' | 'unicode-normalization'

export interface LineEndingCounts {
  crlf: number
  /** LF not preceded by CR. */
  lf: number
  /** CR not followed by LF (classic Mac OS). */
  cr: number
}

export interface ContentPair {
  /** Both present sides decode as text (a missing side counts as empty text). */
  isText: boolean
  leftText: string | null
  rightText: string | null
  leftSize: number | null
  rightSize: number | null
  /** Offset of the first differing byte; -1 when equal; null when a side is missing. */
  firstDifference: number | null
  /** Whether both sides have the same bytes; null when a side is missing. */
  bytesEqual: boolean | null
  /** Set when a side is text but larger than the text limit, so it is summarised like a binary. */
  textLimit?: number
  /**
   * Set when a side is larger than this (WHOLE_CONTENT_LIMIT): its bytes were not loaded whole, so `firstDifference`
   * is null (unknown, not absent) and the hex view finds it by range; `bytesEqual` comes from the members' SHA-256.
   */
  wholeLimit?: number
  /** Text on both sides: the differences the text view does not show (empty when there are none, or for binaries). */
  textHides: TextHiding[]
  /**
   * Text on both sides: what is left once `textHides` is set aside. `none`: the text view shows no change at all;
   * `whitespace`: only leading/trailing whitespace of lines differs (hidden while the editor ignores trimmed
   * whitespace); `visible`: a change the text view shows. null without text on both sides.
   */
  textChange: 'none' | 'whitespace' | 'visible' | null
  /** Text on both sides: each side's line endings, counted by kind. */
  lineEndings?: { left: LineEndingCounts; right: LineEndingCounts }
  /** Text on both sides: whether each side starts with a UTF-8 BOM (EF BB BF). */
  bom?: { left: boolean; right: boolean }
  /**
   * Two binaries whose sides both parse (core/binary/registry.ts): each differing section's strings as text, one
   * string per line, for the strings diff in the view (never written to the report). Absent otherwise.
   */
  sectionStrings?: SectionStringsDiff
}

/** One differing section's strings on both sides (core/binary/section-strings.ts: tables split at NULs, else runs ≥ 4 bytes). */
export interface SectionStringsText {
  /** Its key in `members[].binary.sections` (`name`, `name#2`), or in its slice's sections. */
  section: string
  /** A universal binary's slice it belongs to (its `arch` key in `members[].binary.slices`); absent for the file's own. */
  slice?: string
  status: BinaryItemStatus
  /** One string per line; null when the section is absent on that side, or has no bytes there. */
  leftText: string | null
  rightText: string | null
  /** A cap cut this section's strings on a side: the text is not all of them. */
  truncated: boolean
}

export interface SectionStringsDiff {
  sections: SectionStringsText[]
  /** Which cap was reached (sections listed, strings kept), in words; absent when none was. */
  limit?: string
}

/** Differing sections whose strings are listed; beyond, the limit says how many were left out. */
export const MAX_VIEW_SECTIONS = 200

const hasBom = (bytes: Uint8Array) => bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf

/** Counts each kind of line ending, and lists them in order (one letter each), so moved endings are seen too. */
function lineEndingsOf(text: string): { counts: LineEndingCounts; sequence: string[] } {
  const counts: LineEndingCounts = { crlf: 0, lf: 0, cr: 0 }
  const sequence: string[] = []
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      counts.crlf++
      sequence.push('c')
      i++
    } else if (code === 0x0d) {
      counts.cr++
      sequence.push('r')
    } else if (code === 0x0a) {
      counts.lf++
      sequence.push('n')
    }
  }
  return { counts, sequence }
}

const kindsOf = (counts: LineEndingCounts) => `${counts.crlf > 0}${counts.lf > 0}${counts.cr > 0}`

/**
 * Whether the line endings differ: with as many lines on both sides, ending by ending; otherwise (lines were
 * added or removed) by the kinds of ending each side uses.
 */
function lineEndingsDiffer(left: string[], right: string[], leftCounts: LineEndingCounts, rightCounts: LineEndingCounts): boolean {
  if (left.length !== right.length) return kindsOf(leftCounts) !== kindsOf(rightCounts)
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return true
  return false
}

const toLf = (text: string) => text.replace(/\r\n?/g, '\n')

/** Equal once every line is trimmed as Monaco's `ignoreTrimWhitespace` trims it (String.prototype.trim). */
function equalTrimmed(left: string, right: string): boolean {
  const leftLines = left.split('\n')
  const rightLines = right.split('\n')
  if (leftLines.length !== rightLines.length) return false
  for (let i = 0; i < leftLines.length; i++) if (leftLines[i].trim() !== rightLines[i].trim()) return false
  return true
}

type TextFacts = Pick<ContentPair, 'textHides' | 'textChange' | 'lineEndings' | 'bom'>

/** What the text view hides between two decoded texts (BOM already stripped by the decoder). */
function textFacts(left: Uint8Array, right: Uint8Array, leftText: string, rightText: string): TextFacts {
  const bom = { left: hasBom(left), right: hasBom(right) }
  const leftEndings = lineEndingsOf(leftText)
  const rightEndings = lineEndingsOf(rightText)
  const textHides: TextHiding[] = []
  if (bom.left !== bom.right) textHides.push('bom')
  if (lineEndingsDiffer(leftEndings.sequence, rightEndings.sequence, leftEndings.counts, rightEndings.counts)) textHides.push('line-endings')
  const leftLines = toLf(leftText)
  const rightLines = toLf(rightText)
  let textChange: TextFacts['textChange'] = 'visible'
  if (leftLines === rightLines) textChange = 'none'
  else if (leftLines.normalize('NFC') === rightLines.normalize('NFC')) {
    textHides.push('unicode-normalization')
    textChange = 'none'
  } else if (equalTrimmed(leftLines, rightLines)) textChange = 'whitespace'
  return { textHides, textChange, lineEndings: { left: leftEndings.counts, right: rightEndings.counts }, bom }
}

/** The strings of the sections `keys` names, one string per line; null for a key the side lacks or whose section has no bytes. */
function sideTexts(bytes: Uint8Array, structure: BinaryStructure | undefined, keys: string[], wanted: Set<string>): { texts: Map<string, string | null>; cut: Set<string>; limit?: string } {
  const texts = new Map<string, string | null>()
  if (!structure) return { texts, cut: new Set() }
  const indexes = new Set<number>()
  keys.forEach((key, i) => wanted.has(key) && indexes.add(i))
  const found = structureStrings(bytes, structure, undefined, indexes)
  keys.forEach((key, i) => {
    if (indexes.has(i)) texts.set(key, found.sections[i] ? found.sections[i]!.join('\n') : null)
  })
  return { texts, cut: new Set(found.truncated.map((i) => keys[i])), limit: found.limit }
}

interface StringsPass {
  sections: SectionStringsText[]
  limits: Set<string>
  /** Differing sections left to list (MAX_VIEW_SECTIONS in all, slices included). */
  room: number
  differing: number
}

/** The differing sections of one compared structure (the file, or one slice: `slice` its key) with both sides' strings. */
function addDiffering(pass: StringsPass, bytes: { left: Uint8Array; right: Uint8Array }, left: BinaryStructure | undefined, right: BinaryStructure | undefined, comparison: BinaryComparison, slice?: string): void {
  const differing = comparison.sections.filter((section) => section.status !== 'identical')
  pass.differing += differing.length
  const shown = differing.slice(0, Math.max(0, pass.room))
  pass.room -= shown.length
  const wanted = new Set(shown.map((section) => section.name))
  const keys = bothSidesKeys(left ?? EMPTY_STRUCTURE, right ?? EMPTY_STRUCTURE)
  const l = sideTexts(bytes.left, left, keys.left, wanted)
  const r = sideTexts(bytes.right, right, keys.right, wanted)
  for (const limit of [l.limit, r.limit]) if (limit) pass.limits.add(limit)
  for (const section of shown) {
    pass.sections.push({
      section: section.name, ...(slice === undefined ? {} : { slice }), status: section.status,
      leftText: l.texts.get(section.name) ?? null, rightText: r.texts.get(section.name) ?? null, truncated: l.cut.has(section.name) || r.cut.has(section.name),
    })
  }
}

const EMPTY_STRUCTURE: BinaryStructure = { format: 'elf', header: [], sections: [], facts: {} }

/** Each side's slices of a universal binary by the key compare-binary gives them (`arch`, `arch#2`). */
function slicesByKey(left: BinaryStructure, right: BinaryStructure): { left: Map<string, BinaryStructure>; right: Map<string, BinaryStructure> } {
  const reserved = new Set([...(left.slices ?? []).map((s) => s.arch), ...(right.slices ?? []).map((s) => s.arch)])
  const side = (structure: BinaryStructure) => {
    const slices = structure.slices ?? []
    const keys = sectionKeys(slices.map((s) => s.arch), reserved)
    return new Map(keys.map((key, i) => [key, slices[i].structure]))
  }
  return { left: side(left), right: side(right) }
}

/**
 * Each differing section's strings of two binaries that both parse as one format (a universal binary's slices
 * too, each section tagged with its slice); undefined otherwise.
 */
export function describeSectionStrings(left: Uint8Array, right: Uint8Array): SectionStringsDiff | undefined {
  const leftParse = parseBinary(left, '')
  const rightParse = parseBinary(right, '')
  if (!leftParse || !rightParse || isBinaryError(leftParse) || isBinaryError(rightParse) || leftParse.format !== rightParse.format) return undefined
  const comparison = compareBinary(leftParse, rightParse)
  if (!comparison) return undefined
  const pass: StringsPass = { sections: [], limits: new Set(), room: MAX_VIEW_SECTIONS, differing: 0 }
  const bytes = { left, right }
  addDiffering(pass, bytes, leftParse, rightParse, comparison)
  const slices = slicesByKey(leftParse, rightParse)
  // Slice structures' file ranges point into the whole (fat) file, so the same bytes serve.
  for (const slice of comparison.slices ?? []) addDiffering(pass, bytes, slices.left.get(slice.arch), slices.right.get(slice.arch), slice.comparison, slice.arch)
  const limits = [...pass.limits]
  if (pass.differing > pass.sections.length) limits.unshift(`the strings of the first ${MAX_VIEW_SECTIONS} differing sections are listed (${pass.differing} differ)`)
  return limits.length ? { sections: pass.sections, limit: limits.join('; ') } : { sections: pass.sections }
}

function withSectionStrings(left: Uint8Array, right: Uint8Array): Pick<ContentPair, 'sectionStrings'> {
  const sectionStrings = describeSectionStrings(left, right)
  return sectionStrings ? { sectionStrings } : {}
}

export function describeContentPair(left: Uint8Array | null, right: Uint8Array | null, maxTextBytes = DEFAULT_LIMITS.maxTextBytes): ContentPair {
  const tooLarge = (left?.length ?? 0) > maxTextBytes || (right?.length ?? 0) > maxTextBytes
  const leftText = left && !tooLarge ? decodeText(left) : tooLarge ? null : ''
  const rightText = right && !tooLarge ? decodeText(right) : tooLarge ? null : ''
  const isText = leftText !== null && rightText !== null
  const difference = left && right ? firstDifference(left, right) : null
  const facts: TextFacts = isText && left && right ? textFacts(left, right, leftText, rightText) : { textHides: [], textChange: null }
  return {
    isText,
    leftText: isText && left ? leftText : null,
    rightText: isText && right ? rightText : null,
    leftSize: left?.length ?? null,
    rightSize: right?.length ?? null,
    firstDifference: difference,
    bytesEqual: difference === null ? null : difference === -1,
    ...(tooLarge ? { textLimit: maxTextBytes } : {}),
    ...facts,
    ...(!isText && left && right && difference !== -1 ? withSectionStrings(left, right) : {}),
  }
}

/** Members larger than this are never loaded whole to be described: the hex view reads them by range (issue 8). */
export const WHOLE_CONTENT_LIMIT = 64 * 1024 * 1024

export interface UnloadedSide {
  size: number
  sha256: string | null
}

/** True when describing the pair would load a side larger than WHOLE_CONTENT_LIMIT. */
export function isTooLargeToLoad(left: UnloadedSide | null, right: UnloadedSide | null): boolean {
  return (left?.size ?? 0) > WHOLE_CONTENT_LIMIT || (right?.size ?? 0) > WHOLE_CONTENT_LIMIT
}

/**
 * The description of a pair too large to load whole, from what the read already knows: sizes, and equality only
 * where both SHA-256s were computed (a side never hashed leaves it unknown, never "equal").
 */
export function describeUnloadedPair(left: UnloadedSide | null, right: UnloadedSide | null): ContentPair {
  const hashed = left?.sha256 && right?.sha256
  return {
    isText: false,
    leftText: null,
    rightText: null,
    leftSize: left?.size ?? null,
    rightSize: right?.size ?? null,
    firstDifference: null,
    bytesEqual: hashed ? left.sha256 === right.sha256 : null,
    wholeLimit: WHOLE_CONTENT_LIMIT,
    textHides: [],
    textChange: null,
  }
}
