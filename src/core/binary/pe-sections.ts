/**
 * The PE section table (PE Format specification, "Section Table (Section Headers)"): one 40-byte header per
 * section, each section's raw data checked against the file, names resolved through the COFF string table, and
 * RVAs mapped to file offsets through the table ("the RVA of an item minus the VirtualAddress of its section,
 * plus the section's PointerToRawData").
 */
import { fail } from '../errors'
import { need, readFixedName, readU16, readU32Fields, sha256Of, type ByteView } from './byte-view'
import type { PeHeaders } from './pe-headers'
import { resolveSectionName, type CoffStringTable, type PeStrings } from './pe-symbols'
import type { BinarySection } from './types'

export const SECTION_HEADER_SIZE = 40

export interface PeSectionHeader {
  index: number
  name: string
  /** Where this header lies in the file. */
  headerAt: number
  VirtualSize: number
  VirtualAddress: number
  SizeOfRawData: number
  PointerToRawData: number
  PointerToRelocations: number
  PointerToLinenumbers: number
  NumberOfRelocations: number
  NumberOfLinenumbers: number
  Characteristics: number
  /**
   * False when the section has no bytes in the file: SizeOfRawData 0, or PointerToRawData 0 ("when a section
   * contains only uninitialized data, this field should be zero"), as llvm's COFFObjectFile reads it.
   */
  hasBytes: boolean
}

/** Spec table "Section Table": the 4-byte fields of each entry at their offsets (Name is 0..8, the two counts 32..36). */
const SECTION_HEADER_FIELDS = {
  VirtualSize: 8, VirtualAddress: 12, SizeOfRawData: 16, PointerToRawData: 20, PointerToRelocations: 24, PointerToLinenumbers: 28, Characteristics: 36,
} as const

function readSectionHeader(pe: ByteView, at: number, index: number, strings: PeStrings, table: CoffStringTable | null): PeSectionHeader {
  const fields = readU32Fields(pe, at, SECTION_HEADER_FIELDS)
  return {
    index,
    // Name: 8 bytes, NUL-padded, "no terminating null if it is exactly eight characters".
    name: resolveSectionName(strings, readFixedName(pe, at, 8, 'name').name, table, at),
    headerAt: at,
    ...fields,
    NumberOfRelocations: readU16(pe, at + 32, 'NumberOfRelocations'),
    NumberOfLinenumbers: readU16(pe, at + 34, 'NumberOfLinenumbers'),
    hasBytes: fields.SizeOfRawData !== 0 && fields.PointerToRawData !== 0,
  }
}

/** Every section header, each section's raw data checked to lie inside the file. */
export function readSectionTable(pe: ByteView, headers: PeHeaders, strings: PeStrings, table: CoffStringTable | null): PeSectionHeader[] {
  // NumberOfSections is a u16: at most 65,535 entries (2.6 MB), so the bound is the file itself.
  need(pe, headers.sectionTableAt, headers.NumberOfSections * SECTION_HEADER_SIZE, `section table (${headers.NumberOfSections} sections)`)
  const sections: PeSectionHeader[] = []
  for (let index = 0; index < headers.NumberOfSections; index++) {
    const section = readSectionHeader(pe, headers.sectionTableAt + index * SECTION_HEADER_SIZE, index + 1, strings, table)
    if (section.hasBytes) need(pe, section.PointerToRawData, section.SizeOfRawData, `section ${section.index} (${section.name}) raw data`)
    sections.push(section)
  }
  return sections
}

/** A section as the report shows it: SHA-256 of its raw data, or null when it has none in the file (.bss). */
export function toBinarySection(pe: ByteView, section: PeSectionHeader): BinarySection {
  const facts = {
    VirtualSize: section.VirtualSize,
    VirtualAddress: section.VirtualAddress,
    PointerToRawData: section.PointerToRawData,
    PointerToRelocations: section.PointerToRelocations,
    PointerToLinenumbers: section.PointerToLinenumbers,
    NumberOfRelocations: section.NumberOfRelocations,
    NumberOfLinenumbers: section.NumberOfLinenumbers,
    Characteristics: section.Characteristics,
  }
  if (!section.hasBytes) return { name: section.name, size: section.SizeOfRawData, sha256: null, facts }
  return {
    name: section.name,
    size: section.SizeOfRawData,
    sha256: sha256Of(pe.bytes.subarray(section.PointerToRawData, section.PointerToRawData + section.SizeOfRawData)),
    facts,
    fileRange: { offset: section.PointerToRawData, size: section.SizeOfRawData },
  }
}

/** A range of file bytes shown as a section of its own (`(DOS stub)`, `(certificate table)`, `(overlay)`). */
export function pseudoSection(pe: ByteView, name: string, offset: number, size: number): BinarySection {
  return { name, size, sha256: sha256Of(pe.bytes.subarray(offset, offset + size)), fileRange: { offset, size } }
}

/** RVAs to file offsets through the section table; `where` is the file offset of the field holding the RVA. */
export class RvaMap {
  constructor(private readonly sections: PeSectionHeader[]) {}

  /** The section whose raw data holds `rva`, or a CORRUPT_STRUCTURE failure naming the field that holds it. */
  private sectionOf(rva: number, what: string, where: number): PeSectionHeader {
    for (const section of this.sections) {
      if (section.hasBytes && rva >= section.VirtualAddress && rva - section.VirtualAddress < section.SizeOfRawData) return section
    }
    return fail('CORRUPT_STRUCTURE', `PE ${what}: RVA 0x${rva.toString(16)} lies in no section's data`, { offset: where })
  }

  /** The file offset of `length` bytes at `rva`, all inside one section's raw data. */
  offsetOf(rva: number, length: number, what: string, where: number): number {
    const section = this.sectionOf(rva, what, where)
    const inside = rva - section.VirtualAddress
    if (inside + length > section.SizeOfRawData) {
      fail('CORRUPT_STRUCTURE', `PE ${what}: ${length} bytes at RVA 0x${rva.toString(16)} run past the end of section ${section.index} (${section.name})`, { offset: where })
    }
    return section.PointerToRawData + inside
  }

  /** The file offsets [start, end) from `rva` to the end of its section's raw data (for NUL-terminated strings). */
  rangeFrom(rva: number, what: string, where: number): [number, number] {
    const section = this.sectionOf(rva, what, where)
    return [section.PointerToRawData + rva - section.VirtualAddress, section.PointerToRawData + section.SizeOfRawData]
  }
}
