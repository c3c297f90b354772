/**
 * The ELF file header (System V ABI, gABI chapter 4, "ELF Header"), 32- and 64-bit, either byte order.
 * Every read is bounds-checked against the member's bytes: a short or inconsistent file is a coded error with
 * the offset, never an exception of another kind and never an `undefined` field.
 */
import { fail } from '../errors'
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
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** The member's bytes with the class and byte order its `e_ident` declares. */
export interface ElfView {
  bytes: Uint8Array
  view: DataView
  is64: boolean
  little: boolean
}

/** Fails with TRUNCATED unless `length` bytes are there at `at` (what names the structure for the message). */
export function need(elf: ElfView, at: number, length: number, what: string): void {
  if (at < 0 || length < 0 || at + length > elf.bytes.length) {
    fail('TRUNCATED', `ELF ${what} at offset ${at} (${length} bytes) runs past the end of the file (${elf.bytes.length} bytes)`, { offset: at })
  }
}

export function readU16(elf: ElfView, at: number, what: string): number {
  need(elf, at, 2, what)
  return elf.view.getUint16(at, elf.little)
}

export function readU32(elf: ElfView, at: number, what: string): number {
  need(elf, at, 4, what)
  return elf.view.getUint32(at, elf.little)
}

/** An `Elf32_Addr`/`Elf32_Off` (4 bytes) or `Elf64_Addr`/`Elf64_Off`/`Elf64_Xword` (8 bytes). */
export function readWord(elf: ElfView, at: number, what: string): bigint {
  if (!elf.is64) return BigInt(readU32(elf, at, what))
  need(elf, at, 8, what)
  return elf.view.getBigUint64(at, elf.little)
}

/** Numbers as numbers; a 64-bit value beyond 2^53 as a hex string, never rounded. */
export function wordValue(value: bigint): number | string {
  return value <= MAX_SAFE ? Number(value) : `0x${value.toString(16)}`
}

/** A word used as an offset or size: beyond 2^53 it cannot lie inside any file, so it is corrupt. */
export function wordNumber(value: bigint, what: string, at: number): number {
  if (value > MAX_SAFE) fail('CORRUPT_STRUCTURE', `ELF ${what} at offset ${at} is 0x${value.toString(16)}, beyond any file size`, { offset: at })
  return Number(value)
}

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && ELF_MAGIC.every((byte, i) => head[i] === byte)
}

/** Reads `e_ident` and returns the view the rest of the file is read through. */
export function openElf(bytes: Uint8Array): ElfView {
  if (!isElf(bytes)) fail('CORRUPT_STRUCTURE', 'Not an ELF file: e_ident does not start with 0x7f "ELF"', { offset: 0 })
  if (bytes.length < 16) fail('TRUNCATED', `ELF e_ident needs 16 bytes, the file has ${bytes.length}`, { offset: 0 })
  const elfClass = bytes[EI_CLASS]
  const data = bytes[EI_DATA]
  if (elfClass !== ELFCLASS32 && elfClass !== ELFCLASS64) fail('CORRUPT_STRUCTURE', `ELF e_ident[EI_CLASS] is ${elfClass}, neither ELFCLASS32 (1) nor ELFCLASS64 (2)`, { offset: EI_CLASS })
  if (data !== ELFDATA2LSB && data !== ELFDATA2MSB) fail('CORRUPT_STRUCTURE', `ELF e_ident[EI_DATA] is ${data}, neither ELFDATA2LSB (1) nor ELFDATA2MSB (2)`, { offset: EI_DATA })
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), is64: elfClass === ELFCLASS64, little: data === ELFDATA2LSB }
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
export function readElfHeader(elf: ElfView): ElfHeader {
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
    e_shoff: wordNumber(e_shoff, 'e_shoff', shoffAt),
    fields,
  }
}
