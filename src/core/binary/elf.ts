/**
 * ELF (System V ABI, gABI chapter 4: "ELF Header", "Sections", "Note Section", "Dynamic Section"), 32- and
 * 64-bit, either byte order, read into a BinaryStructure: every `Elf_Ehdr` field, every section with the
 * SHA-256 of its bytes, the facts reviewers ask about, and the symbol names. Checked against readelf(1).
 */
import { binaryStructure, OUTSIDE_SECTIONS_FACT } from './byte-view'
import { isElf, openElf, readElfHeader } from './elf-header'
import { readElfFacts } from './elf-facts'
import { bytesOutsideSections, readSectionHeaders, toBinarySection } from './elf-sections'
import { ElfStrings } from './elf-strings'
import type { BinaryFormat, BinaryStructure } from './types'

/** Shared by every format (byte-view.ts); also exported here, where callers have long imported it from. */
export { OUTSIDE_SECTIONS_FACT }

export function parseElf(bytes: Uint8Array): BinaryStructure {
  const elf = openElf(bytes)
  const header = readElfHeader(elf)
  const strings = new ElfStrings(elf)
  const sections = readSectionHeaders(elf, header, strings)
  const { facts, symbols } = readElfFacts(elf, strings, sections)
  facts[OUTSIDE_SECTIONS_FACT] = bytesOutsideSections(elf, header, sections)
  // Section 0 is reserved (gABI "Sections": SHN_UNDEF); with extended numbering it only carries counts.
  const shown = sections.slice(1).map((section) => toBinarySection(elf, section))
  return binaryStructure('elf', header.fields, shown, facts, symbols)
}

export const ELF_FORMAT: BinaryFormat = {
  format: 'elf',
  description: 'ELF object, shared library or executable (System V gABI)',
  detect: (head) => isElf(head),
  parse: parseElf,
}
