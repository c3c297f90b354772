/**
 * ELF (System V ABI, gABI chapter 4: "ELF Header", "Sections", "Note Section", "Dynamic Section"), 32- and
 * 64-bit, either byte order, read into a BinaryStructure: every `Elf_Ehdr` field, every section with the
 * SHA-256 of its bytes, the facts reviewers ask about, and the symbol names. Checked against readelf(1).
 */
import { isElf, openElf, readElfHeader } from './elf-header'
import { readElfFacts } from './elf-facts'
import { bytesOutsideSections, readSectionHeaders, toBinarySection } from './elf-sections'
import { ElfStrings } from './elf-strings'
import type { BinaryFormat, BinaryStructure } from './types'

/** The fact naming the bytes no section holds (see bytesOutsideSections). */
export const OUTSIDE_SECTIONS_FACT = '(bytes outside sections)'

export function parseElf(bytes: Uint8Array): BinaryStructure {
  const elf = openElf(bytes)
  const header = readElfHeader(elf)
  const strings = new ElfStrings(elf)
  const sections = readSectionHeaders(elf, header, strings)
  const { facts, symbols } = readElfFacts(elf, strings, sections)
  const outside = bytesOutsideSections(elf, header, sections)
  facts[OUTSIDE_SECTIONS_FACT] = `${outside.size} bytes, SHA-256 ${outside.sha256}`
  // Section 0 is reserved (gABI "Sections": SHN_UNDEF); with extended numbering it only carries counts.
  const shown = sections.slice(1).map((section) => toBinarySection(elf, section))
  const structure: BinaryStructure = { format: 'elf', header: header.fields, sections: shown, facts }
  if (symbols) structure.symbols = symbols
  return structure
}

export const ELF_FORMAT: BinaryFormat = {
  format: 'elf',
  description: 'ELF object, shared library or executable (System V gABI)',
  detect: (head) => isElf(head),
  parse: parseElf,
}
