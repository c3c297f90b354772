/**
 * Every byte of a PE file accounted for: the header fields, the section headers and the sections stand for
 * themselves; the MS-DOS stub (with the linker's "Rich" header), the COFF symbol table, the certificate table
 * (DataDirectory[CERTIFICATE], whose VirtualAddress is a FILE offset: spec "The Attribute Certificate Table")
 * and the overlay after the last section are shown as pseudo-sections; whatever is left (padding, the unused
 * MS-DOS header fields, the optional header's tail) is hashed as the bytes outside sections, so no byte
 * differs unseen.
 */
import { bytesOutside, need, type ByteView } from './byte-view'
import { E_LFANEW_AT, type PeHeaders } from './pe-headers'
import { pseudoSection, SECTION_HEADER_SIZE, type PeSectionHeader } from './pe-sections'
import type { CoffStringTable } from './pe-symbols'
import type { BinarySection } from './types'

type Range = [start: number, end: number]

export interface PeLayout {
  /** `(DOS stub)` first, the others after the real sections. */
  before: BinarySection[]
  after: BinarySection[]
  /** The value of OUTSIDE_SECTIONS_FACT. */
  outside: string
}

/** The certificate table's file range, checked against the file, or null when DataDirectory[CERTIFICATE] is empty. */
function certificateRange(pe: ByteView, headers: PeHeaders): Range | null {
  const directory = headers.directories.find((entry) => entry.name === 'CERTIFICATE')
  if (!directory || (directory.VirtualAddress === 0 && directory.Size === 0)) return null
  need(pe, directory.VirtualAddress, directory.Size, 'certificate table (DataDirectory[CERTIFICATE], a file offset)')
  return [directory.VirtualAddress, directory.VirtualAddress + directory.Size]
}

/** `ranges` sorted and merged. */
function merged(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0])
  const out: Range[] = []
  for (const [start, end] of sorted) {
    const last = out[out.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else out.push([start, end])
  }
  return out
}

/** The parts of [from, to) that none of `covered` (merged) holds. */
function gaps(covered: Range[], from: number, to: number): Range[] {
  const out: Range[] = []
  let at = from
  for (const [start, end] of covered) {
    if (end <= at) continue
    if (start >= to) break
    if (start > at) out.push([at, start])
    at = Math.max(at, end)
  }
  if (at < to) out.push([at, to])
  return out
}

/**
 * What each section header stands for: its Name up to the NUL that ends it, and the fields after it. Bytes after
 * that NUL are no part of the name, so they are hashed with the bytes outside sections rather than lost.
 */
function sectionHeaderRanges(pe: ByteView, sections: PeSectionHeader[]): Range[] {
  const ranges: Range[] = []
  for (const section of sections) {
    const at = section.headerAt
    const nul = pe.bytes.subarray(at, at + 8).indexOf(0)
    ranges.push([at, at + (nul < 0 ? 8 : nul)], [at + 8, at + SECTION_HEADER_SIZE])
  }
  return ranges
}

export function layoutPe(pe: ByteView, headers: PeHeaders, sections: PeSectionHeader[], strings: CoffStringTable | null): PeLayout {
  const before: BinarySection[] = []
  const after: BinarySection[] = []
  const covered: Range[] = [...headers.fieldRanges, ...sectionHeaderRanges(pe, sections)]
  const stubEnd = Math.min(headers.e_lfanew, pe.bytes.length)
  if (stubEnd > E_LFANEW_AT + 4) {
    before.push(pseudoSection(pe, '(DOS stub)', E_LFANEW_AT + 4, stubEnd - E_LFANEW_AT - 4))
    covered.push([E_LFANEW_AT + 4, stubEnd])
  }
  let sectionsEnd = headers.sectionTableAt + sections.length * SECTION_HEADER_SIZE
  for (const section of sections) {
    if (!section.hasBytes) continue
    covered.push([section.PointerToRawData, section.PointerToRawData + section.SizeOfRawData])
    sectionsEnd = Math.max(sectionsEnd, section.PointerToRawData + section.SizeOfRawData)
  }
  const notOverlay: Range[] = []
  if (strings) {
    const symbols: Range = [headers.PointerToSymbolTable, strings.at + strings.size]
    after.push(pseudoSection(pe, '(COFF symbol table)', symbols[0], symbols[1] - symbols[0]))
    notOverlay.push(symbols)
  }
  const certificate = certificateRange(pe, headers)
  if (certificate) {
    after.push(pseudoSection(pe, '(certificate table)', certificate[0], certificate[1] - certificate[0]))
    notOverlay.push(certificate)
  }
  // The overlay: what follows the last section's raw data and is neither of the tables above (installers append
  // archives there). Split by a table into two runs, each is an `(overlay)` of its own (`(overlay)#2`).
  for (const [start, end] of gaps(merged(notOverlay), sectionsEnd, pe.bytes.length)) after.push(pseudoSection(pe, '(overlay)', start, end - start))
  return { before, after, outside: bytesOutside(pe.bytes, [...covered, ...notOverlay, [sectionsEnd, pe.bytes.length]]) }
}
