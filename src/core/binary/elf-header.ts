/**
 * The ELF file header (System V ABI, gABI chapter 4, "ELF Header"), 32- and 64-bit, either byte order.
 * Every read is bounds-checked (byte-view.ts): a short or inconsistent file is a coded error with the offset.
 */
import { fail } from '../errors'
import { byteView, need, readU16, readU32, readWord, wordNumber, wordValue, type ByteView } from './byte-view'
import type { BinaryHeaderField } from './types'

/** `e_ident[EI_MAG0..EI_MAG3]`: 0x7f 'E' 'L' 'F'. */
export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46]
const EI_CLASS = 4
const EI_DATA = 5
const EI_VERSION = 6
const EI_OSABI = 7
const EI_ABIVERSION = 8
const ELFCLASS32 = 1
const ELFCLASS64 = 2
const ELFDATA2LSB = 1
const ELFDATA2MSB = 2

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && ELF_MAGIC.every((byte, i) => head[i] === byte)
}

/** Reads `e_ident` and returns the view the rest of the file is read through, in the class and byte order it declares. */
export function openElf(bytes: Uint8Array): ByteView {
  if (!isElf(bytes)) fail('CORRUPT_STRUCTURE', 'Not an ELF file: e_ident does not start with 0x7f "ELF"', { offset: 0 })
  if (bytes.length < 16) fail('TRUNCATED', `ELF e_ident needs 16 bytes, the file has ${bytes.length}`, { offset: 0 })
  const elfClass = bytes[EI_CLASS]
  const data = bytes[EI_DATA]
  if (elfClass !== ELFCLASS32 && elfClass !== ELFCLASS64) fail('CORRUPT_STRUCTURE', `ELF e_ident[EI_CLASS] is ${elfClass}, neither ELFCLASS32 (1) nor ELFCLASS64 (2)`, { offset: EI_CLASS })
  if (data !== ELFDATA2LSB && data !== ELFDATA2MSB) fail('CORRUPT_STRUCTURE', `ELF e_ident[EI_DATA] is ${data}, neither ELFDATA2LSB (1) nor ELFDATA2MSB (2)`, { offset: EI_DATA })
  return byteView(bytes, 'ELF', data === ELFDATA2LSB, elfClass === ELFCLASS64)
}

/** `Elf32_Ehdr` / `Elf64_Ehdr`, the fields the section table is read from. */
export interface ElfHeader {
  e_shoff: number
  e_ehsize: number
  e_shentsize: number
  e_shnum: number
  e_shstrndx: number
  /** Every field by its spec name, in file order, for the report. */
  fields: BinaryHeaderField[]
}

/** Field offsets after `e_ident` (gABI figure 4-3): the 64-bit layout widens e_entry, e_phoff and e_shoff. */
export function readElfHeader(elf: ByteView): ElfHeader {
  const word = elf.is64 ? 8 : 4
  const entryAt = 24
  const phoffAt = entryAt + word
  const shoffAt = phoffAt + word
  const flagsAt = shoffAt + word
  const half = (at: number, name: string) => readU16(elf, at, name)
  need(elf, 0, flagsAt + 16, 'file header')
  const e_phoff = readWord(elf, phoffAt, 'e_phoff')
  const e_shoff = readWord(elf, shoffAt, 'e_shoff')
  const header = {
    e_type: half(16, 'e_type'),
    e_machine: half(18, 'e_machine'),
    e_version: readU32(elf, 20, 'e_version'),
    e_entry: wordValue(readWord(elf, entryAt, 'e_entry')),
    e_phoff: wordValue(e_phoff),
    e_shoff: wordValue(e_shoff),
    e_flags: readU32(elf, flagsAt, 'e_flags'),
    e_ehsize: half(flagsAt + 4, 'e_ehsize'),
    e_phentsize: half(flagsAt + 6, 'e_phentsize'),
    e_phnum: half(flagsAt + 8, 'e_phnum'),
    e_shentsize: half(flagsAt + 10, 'e_shentsize'),
    e_shnum: half(flagsAt + 12, 'e_shnum'),
    e_shstrndx: half(flagsAt + 14, 'e_shstrndx'),
  }
  const fields: BinaryHeaderField[] = [
    { field: 'e_ident[EI_CLASS]', value: elf.bytes[EI_CLASS] },
    { field: 'e_ident[EI_DATA]', value: elf.bytes[EI_DATA] },
    { field: 'e_ident[EI_VERSION]', value: elf.bytes[EI_VERSION] },
    { field: 'e_ident[EI_OSABI]', value: elf.bytes[EI_OSABI] },
    { field: 'e_ident[EI_ABIVERSION]', value: elf.bytes[EI_ABIVERSION] },
  ]
  for (const [field, value] of Object.entries(header)) fields.push({ field, value })
  return {
    ...header,
    e_shoff: wordNumber(elf, e_shoff, 'e_shoff', shoffAt),
    fields,
  }
}
