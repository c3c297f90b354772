/**
 * The ELF section header table (gABI chapter 4, "Sections"): every entry bounds-checked, names from the
 * section name string table, extended numbering (`e_shnum == 0`, `e_shstrndx == SHN_XINDEX`) read from section 0.
 */
import { fail } from '../errors'
import { bytesOutside, need, readU32, readWord, readWordNumber, sha256Of, wordValue, type ByteView } from './byte-view'
import type { ElfHeader } from './elf-header'
import type { ElfStrings } from './elf-strings'
import type { BinarySection } from './types'

export const SHT_NULL = 0
export const SHT_SYMTAB = 2
export const SHT_NOTE = 7
export const SHT_NOBITS = 8
export const SHT_DYNAMIC = 6
export const SHT_DYNSYM = 11
/** gABI: "this value is an escape value": the real index is in section 0's `sh_link`. */
const SHN_XINDEX = 0xffff
/** More sections than any real object has; a hostile count fails by name instead of allocating without bound. */
export const MAX_SECTIONS = 100_000

/** One `Elf32_Shdr` / `Elf64_Shdr`, with offset and size as numbers already checked against the file. */
export interface ElfSectionHeader {
  index: number
  name: string
  sh_name: number
  sh_type: number
  sh_flags: bigint
  sh_addr: bigint
  sh_offset: number
  sh_size: number
  sh_link: number
  sh_info: number
  sh_addralign: bigint
  sh_entsize: number
  /** False for SHT_NOBITS and SHT_NULL: such a section occupies no bytes in the file. */
  hasBytes: boolean
}

/** gABI figure 4-8: 32-bit entries are 40 bytes, 64-bit entries 64; only sh_flags and the address fields widen. */
function readSectionHeader(elf: ByteView, at: number, index: number): ElfSectionHeader {
  const word = elf.is64 ? 8 : 4
  const flagsAt = at + 8
  const addrAt = flagsAt + word
  const offsetAt = addrAt + word
  const sizeAt = offsetAt + word
  const linkAt = sizeAt + word
  const alignAt = linkAt + 8
  const sh_type = readU32(elf, at + 4, 'sh_type')
  return {
    index,
    name: '',
    sh_name: readU32(elf, at, 'sh_name'),
    sh_type,
    sh_flags: readWord(elf, flagsAt, 'sh_flags'),
    sh_addr: readWord(elf, addrAt, 'sh_addr'),
    sh_offset: readWordNumber(elf, offsetAt, 'sh_offset'),
    sh_size: readWordNumber(elf, sizeAt, 'sh_size'),
    sh_link: readU32(elf, linkAt, 'sh_link'),
    sh_info: readU32(elf, linkAt + 4, 'sh_info'),
    sh_addralign: readWord(elf, alignAt, 'sh_addralign'),
    sh_entsize: readWordNumber(elf, alignAt + word, 'sh_entsize'),
    hasBytes: sh_type !== SHT_NOBITS && sh_type !== SHT_NULL,
  }
}

/** The section count and name-table index, with the extended numbering of gABI "Sections" applied. */
function sectionCounts(elf: ByteView, header: ElfHeader): { count: number; shstrndx: number } {
  const minimum = elf.is64 ? 64 : 40
  if (header.e_shentsize < minimum) {
    fail('CORRUPT_STRUCTURE', `ELF e_shentsize is ${header.e_shentsize}, smaller than a section header (${minimum} bytes)`, { offset: header.e_shoff })
  }
  const first = readSectionHeader(elf, header.e_shoff, 0)
  const count = header.e_shnum === 0 ? first.sh_size : header.e_shnum
  const shstrndx = header.e_shstrndx === SHN_XINDEX ? first.sh_link : header.e_shstrndx
  if (count > MAX_SECTIONS) {
    fail('LIMIT_EXCEEDED', `ELF declares ${count} sections, more than the ${MAX_SECTIONS.toLocaleString('en')} that are read`, { offset: header.e_shoff })
  }
  return { count, shstrndx }
}

/** The section header table, each section's data range checked against the file and its name resolved. */
export function readSectionHeaders(elf: ByteView, header: ElfHeader, strings: ElfStrings): ElfSectionHeader[] {
  if (header.e_shoff === 0) return []
  const { count, shstrndx } = sectionCounts(elf, header)
  need(elf, header.e_shoff, count * header.e_shentsize, 'section header table')
  const sections: ElfSectionHeader[] = []
  for (let index = 0; index < count; index++) {
    const section = readSectionHeader(elf, header.e_shoff + index * header.e_shentsize, index)
    if (section.hasBytes) need(elf, section.sh_offset, section.sh_size, `section ${index} data`)
    sections.push(section)
  }
  if (shstrndx === 0 || count === 0) return sections
  const names = sections[shstrndx]
  if (!names) fail('CORRUPT_STRUCTURE', `ELF e_shstrndx is ${shstrndx}, but there are ${count} sections`, { offset: header.e_shoff })
  for (const section of sections) section.name = strings.read(names, section.sh_name, `name of section ${section.index}`)
  return sections
}

/** A section as the report shows it: SHA-256 of its bytes in the file, or null when it has none (.bss). */
export function toBinarySection(elf: ByteView, section: ElfSectionHeader): BinarySection {
  const bytes = section.hasBytes ? elf.bytes.subarray(section.sh_offset, section.sh_offset + section.sh_size) : null
  return {
    // Checked against the file by readSectionHeaders (need), so evidence and the view can read the strings there.
    ...(section.hasBytes ? { fileRange: { offset: section.sh_offset, size: section.sh_size } } : {}),
    name: section.name,
    size: section.sh_size,
    sha256: bytes ? sha256Of(bytes) : null,
    facts: {
      sh_name: section.sh_name,
      sh_type: section.sh_type,
      sh_flags: wordValue(section.sh_flags),
      sh_addr: wordValue(section.sh_addr),
      sh_offset: section.sh_offset,
      sh_link: section.sh_link,
      sh_info: section.sh_info,
      sh_addralign: wordValue(section.sh_addralign),
      sh_entsize: section.sh_entsize,
    },
  }
}

/**
 * The bytes no reported field or section holds (bytesOutside): program headers, padding, e_ident's EI_PAD,
 * section 0's entry, the tail of a section header entry longer than the structure. Only the bytes that the
 * header fields, the section entries 1..n and the sections themselves stand for count as covered.
 */
export function bytesOutsideSections(elf: ByteView, header: ElfHeader, sections: ElfSectionHeader[]): string {
  const headerSize = elf.is64 ? 64 : 52
  const entrySize = elf.is64 ? 64 : 40
  // e_ident[EI_MAG0..EI_ABIVERSION] (0..8), then every Elf_Ehdr field from e_type (16) on; EI_PAD (9..15) is not a field.
  const ranges: [number, number][] = [[0, 9], [16, headerSize]]
  for (let index = 1; index < sections.length; index++) {
    const at = header.e_shoff + index * header.e_shentsize
    ranges.push([at, at + entrySize])
  }
  for (const section of sections) if (section.hasBytes) ranges.push([section.sh_offset, section.sh_offset + section.sh_size])
  return bytesOutside(elf.bytes, ranges)
}
