/**
 * Mach-O (`<mach-o/loader.h>`, `<mach-o/fat.h>`), 32- and 64-bit, either byte order, thin or universal (fat),
 * read into a BinaryStructure: every mach_header field, every section with the SHA-256 of its bytes, the tables
 * of `__LINKEDIT` as pseudo-sections, the load-command facts reviewers ask about (LC_UUID, LC_ID_DYLIB,
 * LC_LOAD_DYLIB, LC_RPATH, LC_BUILD_VERSION), the symbol names, and a universal file's slices by architecture.
 * Checked against llvm-readobj and llvm-objdump.
 */
import { fail } from '../errors'
import { binaryStructure, bytesOutside, byteView, need, OUTSIDE_SECTIONS_FACT, readU32 } from './byte-view'
import { isFat, parseFat } from './macho-fat'
import { readLoadCommands } from './macho-load-commands'
import { archName, FILETYPE_NAMES, headerFlagNames } from './macho-names'
import { cover, newReading } from './macho-reading'
import { readSymbolNames } from './macho-symbols'
import type { BinaryFormat, BinaryHeaderField, BinaryStructure } from './types'

/** The first four bytes read little-endian (loader.h): MH_MAGIC(_64) is a little-endian file, MH_CIGAM(_64) a big-endian one. */
const MH_MAGIC = 0xfeedface
const MH_CIGAM = 0xcefaedfe
const MH_MAGIC_64 = 0xfeedfacf
const MH_CIGAM_64 = 0xcffaedfe
const THIN_MAGICS = new Map([[MH_MAGIC, { little: true, is64: false }], [MH_CIGAM, { little: false, is64: false }], [MH_MAGIC_64, { little: true, is64: true }], [MH_CIGAM_64, { little: false, is64: true }]])

function magicOf(bytes: Uint8Array): number | null {
  if (bytes.length < 4) return null
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true)
}

export function isThinMacho(head: Uint8Array): boolean {
  const magic = magicOf(head)
  return magic !== null && THIN_MAGICS.has(magic)
}

/** mach_header (28 bytes) / mach_header_64 (32 bytes, with `reserved`): every field under its loader.h name. */
const HEADER_FIELDS = ['magic', 'cputype', 'cpusubtype', 'filetype', 'ncmds', 'sizeofcmds', 'flags', 'reserved']

/**
 * One thin file: `bytes` is the file (or a fat slice), `base` where it starts in the parsed bytes, so that
 * fileRange and error offsets point into the whole file.
 */
export function parseThin(bytes: Uint8Array, base = 0): BinaryStructure {
  const magic = magicOf(bytes)
  const kind = magic === null ? undefined : THIN_MAGICS.get(magic)
  if (!kind) {
    if (bytes.length < 4) fail('TRUNCATED', `Mach-O magic at offset ${base} needs 4 bytes, there are ${bytes.length}`, { offset: base })
    fail('CORRUPT_STRUCTURE', `Not a Mach-O file: magic 0x${(magic ?? 0).toString(16)} is none of MH_MAGIC, MH_CIGAM, MH_MAGIC_64, MH_CIGAM_64`, { offset: base })
  }
  const file = byteView(bytes, 'Mach-O', kind.little, kind.is64, base)
  const headerSize = kind.is64 ? 32 : 28
  need(file, 0, headerSize, 'mach_header')
  // Every field in the file's byte order, as llvm-readobj shows them: a big-endian file's magic reads
  // MH_MAGIC(_64) too, and its byte order is the fact `byte order`.
  const values = HEADER_FIELDS.slice(0, kind.is64 ? 8 : 7).map((field, i) => readU32(file, i * 4, field))
  const header: BinaryHeaderField[] = values.map((value, i) => ({ field: HEADER_FIELDS[i], value }))
  const [, cputype, cpusubtype, filetype, ncmds, sizeofcmds, flags] = values
  need(file, headerSize, sizeofcmds, 'load commands (sizeofcmds)')
  const reading = newReading(file)
  reading.facts['byte order'] = kind.little ? 'little-endian' : 'big-endian'
  reading.facts['cputype name'] = archName(cputype, cpusubtype)
  reading.facts['filetype name'] = FILETYPE_NAMES.get(filetype) ?? `0x${filetype.toString(16)}`
  reading.facts['flags names'] = headerFlagNames(flags)
  cover(reading, 0, headerSize)
  const commands = readLoadCommands(reading, headerSize, ncmds, sizeofcmds)
  const symbols = readSymbolNames(reading)
  reading.facts['load commands'] = commands
  reading.facts[OUTSIDE_SECTIONS_FACT] = bytesOutside(bytes, reading.covered)
  return binaryStructure('macho', header, reading.sections, reading.facts, symbols)
}

export function parseMacho(bytes: Uint8Array): BinaryStructure {
  return isFatMagic(bytes) ? parseFat(bytes, parseThin) : parseThin(bytes)
}

/** FAT_MAGIC / FAT_MAGIC_64 at offset 0, whatever nfat_arch says (parseFat checks it). */
function isFatMagic(bytes: Uint8Array): boolean {
  const magic = bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false) : 0
  return magic === 0xcafebabe || magic === 0xcafebabf
}

export const MACHO_FORMAT: BinaryFormat = {
  format: 'macho',
  description: 'Mach-O object, dylib, bundle or executable, thin or universal (loader.h, fat.h)',
  detect: (head) => isThinMacho(head) || isFat(head),
  parse: parseMacho,
}
