/**
 * What a reviewer asks of an ELF file beyond its sections: the GNU build-id note (gABI "Note Section"), the
 * `.comment` strings (compiler versions), the dynamic section's DT_SONAME, DT_NEEDED, DT_RPATH, DT_RUNPATH
 * (gABI "Dynamic Section") and the symbol names of `.symtab` and `.dynsym` (gABI "Symbol Table").
 */
import { fail } from '../errors'
import { toHex } from '../util/bytes'
import { decodeString, readU32, readWord, type ByteView } from './byte-view'
import { SHT_DYNAMIC, SHT_DYNSYM, SHT_NOTE, SHT_SYMTAB, type ElfSectionHeader } from './elf-sections'
import type { ElfStrings } from './elf-strings'

/** GNU extension (binutils include/elf/common.h): the note type of the build-id, named "GNU". */
const NT_GNU_BUILD_ID = 3
const DT_NULL = 0n
/** Dynamic tags whose d_val is an offset into the string table the section's sh_link names. */
const DT_STRING_TAGS = new Map<bigint, string>([[1n, 'DT_NEEDED'], [14n, 'DT_SONAME'], [15n, 'DT_RPATH'], [29n, 'DT_RUNPATH']])
/** More symbols than any real library has (a large .so has a few hundred thousand); beyond, a named error. */
export const MAX_SYMBOLS = 2_000_000

function sectionBytes(elf: ByteView, section: ElfSectionHeader): Uint8Array {
  return section.hasBytes ? elf.bytes.subarray(section.sh_offset, section.sh_offset + section.sh_size) : new Uint8Array(0)
}

/**
 * Each note is namesz, descsz, type (4 bytes each), then name and desc. The desc starts where the header and
 * name, padded to the section's alignment, end; the next note where the desc, padded, ends (binutils
 * ELF_NOTE_DESC_OFFSET / ELF_NOTE_NEXT_OFFSET: with 8-byte alignment, as `.note.gnu.property` has, the padding
 * counts from the note's start, so "GNU\0" after the 12-byte header needs none).
 */
function buildIdOf(elf: ByteView, section: ElfSectionHeader): string | null {
  const align = section.sh_addralign === 8n ? 8 : 4
  const pad = (size: number) => Math.ceil(size / align) * align
  const end = section.sh_offset + section.sh_size
  let at = section.sh_offset
  while (at + 12 <= end) {
    const namesz = readU32(elf, at, 'note namesz')
    const descsz = readU32(elf, at + 4, 'note descsz')
    const type = readU32(elf, at + 8, 'note type')
    const nameAt = at + 12
    const descAt = at + pad(12 + namesz)
    if (descAt + descsz > end) fail('CORRUPT_STRUCTURE', `ELF note at offset ${at} runs past the end of section ${section.index}`, { offset: at })
    const name = elf.bytes.subarray(nameAt, nameAt + namesz)
    const isGnu = namesz === 4 && name[0] === 0x47 && name[1] === 0x4e && name[2] === 0x55 && name[3] === 0
    if (isGnu && type === NT_GNU_BUILD_ID) return toHex(elf.bytes.subarray(descAt, descAt + descsz))
    at = at + pad(descAt - at + descsz)
  }
  return null
}

/** `.comment` holds NUL-separated strings, one per tool that contributed ("GCC: (Debian 12.2.0-14) 12.2.0"). */
function commentStrings(bytes: Uint8Array): string[] {
  const strings: string[] = []
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0) continue
    if (i > start) strings.push(decodeString(bytes.subarray(start, i)))
    start = i + 1
  }
  return strings
}

function linkedTable(sections: ElfSectionHeader[], section: ElfSectionHeader, what: string): ElfSectionHeader {
  const table = sections[section.sh_link]
  if (!table || section.sh_link === 0) {
    fail('CORRUPT_STRUCTURE', `ELF ${what} section ${section.index} links to string table ${section.sh_link}, which does not exist`, { offset: section.sh_offset })
  }
  return table
}

/** `Elf32_Dyn` (8 bytes) / `Elf64_Dyn` (16 bytes): d_tag then d_val, up to DT_NULL. */
function readDynamic(elf: ByteView, strings: ElfStrings, sections: ElfSectionHeader[], section: ElfSectionHeader, into: Map<string, string[]>): void {
  const entrySize = elf.is64 ? 16 : 8
  const table = linkedTable(sections, section, 'dynamic')
  const count = Math.floor(section.sh_size / entrySize)
  for (let i = 0; i < count; i++) {
    const at = section.sh_offset + i * entrySize
    const tag = readWord(elf, at, 'd_tag')
    if (tag === DT_NULL) break
    const name = DT_STRING_TAGS.get(tag)
    if (!name) continue
    const offset = Number(readWord(elf, at + entrySize / 2, 'd_val'))
    const values = into.get(name) ?? []
    values.push(strings.read(table, offset, name))
    into.set(name, values)
  }
}

/** `Elf32_Sym` (16 bytes) / `Elf64_Sym` (24 bytes) both start with st_name. */
function readSymbolNames(elf: ByteView, strings: ElfStrings, sections: ElfSectionHeader[], section: ElfSectionHeader, into: Set<string>, budget: { left: number }): void {
  const minimum = elf.is64 ? 24 : 16
  const entrySize = section.sh_entsize || minimum
  if (entrySize < minimum) fail('CORRUPT_STRUCTURE', `ELF symbol table ${section.index} has sh_entsize ${entrySize}, smaller than a symbol (${minimum})`, { offset: section.sh_offset })
  const table = linkedTable(sections, section, 'symbol table')
  const count = Math.floor(section.sh_size / entrySize)
  budget.left -= count
  if (budget.left < 0) fail('LIMIT_EXCEEDED', `ELF symbol tables hold more than ${MAX_SYMBOLS.toLocaleString('en')} symbols`, { offset: section.sh_offset })
  for (let i = 0; i < count; i++) {
    const st_name = readU32(elf, section.sh_offset + i * entrySize, 'st_name')
    if (st_name !== 0) into.add(strings.read(table, st_name, 'symbol name'))
  }
}

export interface ElfFacts {
  facts: Record<string, string | string[]>
  /** The names of `.symtab` and `.dynsym`; undefined when the file has neither. */
  symbols: Set<string> | undefined
}

/** Build-id, `.comment`, dynamic strings and symbol names, from whichever sections hold them. */
export function readElfFacts(elf: ByteView, strings: ElfStrings, sections: ElfSectionHeader[]): ElfFacts {
  const facts: Record<string, string | string[]> = {}
  const dynamic = new Map<string, string[]>()
  const symbols = new Set<string>()
  const budget = { left: MAX_SYMBOLS }
  let hasSymbolTable = false
  for (const section of sections) {
    if (section.sh_type === SHT_NOTE && facts.NT_GNU_BUILD_ID === undefined) {
      const buildId = buildIdOf(elf, section)
      if (buildId !== null) facts.NT_GNU_BUILD_ID = buildId
    }
    if (section.name === '.comment' && section.hasBytes) facts['.comment'] = commentStrings(sectionBytes(elf, section))
    if (section.sh_type === SHT_DYNAMIC) readDynamic(elf, strings, sections, section, dynamic)
    if (section.sh_type === SHT_SYMTAB || section.sh_type === SHT_DYNSYM) {
      hasSymbolTable = true
      readSymbolNames(elf, strings, sections, section, symbols, budget)
    }
  }
  for (const [name, values] of dynamic) facts[name] = name === 'DT_NEEDED' || values.length > 1 ? values : values[0]
  return { facts, symbols: hasSymbolTable ? symbols : undefined }
}
