/**
 * The headers of a PE image (Microsoft PE Format specification: "MS-DOS Stub (Image Only)", "Signature (Image
 * Only)", "COFF File Header (Object and Image)", "Optional Header (Image Only)"), PE32 and PE32+. PE is
 * little-endian throughout. Every read is bounds-checked (byte-view.ts): a short or inconsistent file is a
 * coded error with the offset.
 */
import { fail } from '../errors'
import { byteView, need, readU16, readU32, readU64, readU8, wordValue, type ByteView } from './byte-view'
import type { BinaryHeaderField } from './types'

/** `e_magic`: "MZ". */
const DOS_MAGIC = 0x5a4d
/** Spec, "MS-DOS Stub": "at location 0x3c, the stub has the file offset to the PE signature". */
export const E_LFANEW_AT = 0x3c
/** "PE\0\0" as a little-endian u32. */
const PE_SIGNATURE = 0x00004550
export const COFF_HEADER_SIZE = 20
export const PE32_MAGIC = 0x10b
export const PE32_PLUS_MAGIC = 0x20b
/** The spec's table of data directories ("Optional Header Data Directories"), in order; names upper-cased. */
export const DATA_DIRECTORY_NAMES = [
  'EXPORT', 'IMPORT', 'RESOURCE', 'EXCEPTION', 'CERTIFICATE', 'BASE_RELOCATION', 'DEBUG', 'ARCHITECTURE',
  'GLOBAL_PTR', 'TLS', 'LOAD_CONFIG', 'BOUND_IMPORT', 'IAT', 'DELAY_IMPORT_DESCRIPTOR', 'CLR_RUNTIME_HEADER', 'RESERVED',
] as const
export type DataDirectoryName = (typeof DATA_DIRECTORY_NAMES)[number]

/** A 64-bit field of PE32+ as the report shows it: a number, or a hex string beyond 2^53 (wordValue). */
function readU64Value(pe: ByteView, at: number, what: string): number | string {
  return wordValue(readU64(pe, at, what))
}

/** "MZ" at 0 and, when the head reaches it, "PE\0\0" where `e_lfanew` points. */
export function isPe(head: Uint8Array): boolean {
  if (head.length < E_LFANEW_AT + 4 || head[0] !== 0x4d || head[1] !== 0x5a) return false
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  const e_lfanew = view.getUint32(E_LFANEW_AT, true)
  // The registry hands detectors a short head (BINARY_HEAD_BYTES); a signature beyond it is checked by parse.
  if (e_lfanew + 4 > head.length) return true
  return view.getUint32(e_lfanew, true) === PE_SIGNATURE
}

/**
 * PE is little-endian throughout. Whether the image is PE32+ is known only from the optional header's Magic
 * (PeHeaders.is64), whose 64-bit fields are read as such; the view's `is64` stays false, and no PE read uses it.
 */
export function openPe(bytes: Uint8Array): ByteView {
  return byteView(bytes, 'PE', true, false)
}

export interface DataDirectory {
  name: DataDirectoryName
  VirtualAddress: number
  Size: number
  /** Where the entry lies in the file, for errors that concern the table it points to. */
  at: number
}

/** What the rest of the reader needs from the headers. */
export interface PeHeaders {
  e_lfanew: number
  is64: boolean
  NumberOfSections: number
  PointerToSymbolTable: number
  NumberOfSymbols: number
  /** Offset of the first section header: right after the optional header, whatever its declared size. */
  sectionTableAt: number
  directories: DataDirectory[]
  /** File ranges the header fields stand for (the rest of the header area is hashed as bytes outside sections). */
  fieldRanges: [number, number][]
  fields: BinaryHeaderField[]
}

type FieldReader = (pe: ByteView, at: number, what: string) => number | string
/** One field: its spec name, its reader and its width in bytes. */
type FieldSpec = [name: string, read: FieldReader, width: number]

const U8: [FieldReader, number] = [readU8, 1]
const U16: [FieldReader, number] = [readU16, 2]
const U32: [FieldReader, number] = [readU32, 4]
const U64: [FieldReader, number] = [readU64Value, 8]

/** COFF File Header, spec table "COFF File Header (Object and Image)", offsets 0..20. */
const COFF_FIELDS: FieldSpec[] = [
  ['Machine', ...U16], ['NumberOfSections', ...U16], ['TimeDateStamp', ...U32], ['PointerToSymbolTable', ...U32],
  ['NumberOfSymbols', ...U32], ['SizeOfOptionalHeader', ...U16], ['Characteristics', ...U16],
]

/** Optional header standard and Windows-specific fields; `word` is 4 bytes in PE32 and 8 in PE32+. */
function optionalFields(is64: boolean): FieldSpec[] {
  const word = is64 ? U64 : U32
  return [
    ['Magic', ...U16], ['MajorLinkerVersion', ...U8], ['MinorLinkerVersion', ...U8], ['SizeOfCode', ...U32],
    ['SizeOfInitializedData', ...U32], ['SizeOfUninitializedData', ...U32], ['AddressOfEntryPoint', ...U32],
    ['BaseOfCode', ...U32],
    // "PE32 contains this additional field, which is absent in PE32+."
    ...(is64 ? [] : [['BaseOfData', ...U32] as FieldSpec]),
    ['ImageBase', ...word], ['SectionAlignment', ...U32], ['FileAlignment', ...U32],
    ['MajorOperatingSystemVersion', ...U16], ['MinorOperatingSystemVersion', ...U16], ['MajorImageVersion', ...U16],
    ['MinorImageVersion', ...U16], ['MajorSubsystemVersion', ...U16], ['MinorSubsystemVersion', ...U16],
    ['Win32VersionValue', ...U32], ['SizeOfImage', ...U32], ['SizeOfHeaders', ...U32], ['CheckSum', ...U32],
    ['Subsystem', ...U16], ['DllCharacteristics', ...U16], ['SizeOfStackReserve', ...word],
    ['SizeOfStackCommit', ...word], ['SizeOfHeapReserve', ...word], ['SizeOfHeapCommit', ...word],
    ['LoaderFlags', ...U32], ['NumberOfRvaAndSizes', ...U32],
  ]
}

/** Reads `specs` one after another from `at`; returns the offset after the last. */
function readFields(pe: ByteView, at: number, specs: FieldSpec[], into: BinaryHeaderField[], values: Map<string, number | string>): number {
  for (const [name, read, width] of specs) {
    const value = read(pe, at, name)
    into.push({ field: name, value })
    values.set(name, value)
    at += width
  }
  return at
}

/** The MS-DOS header's two fields the PE format uses, and the signature `e_lfanew` points to. */
function readDosHeader(pe: ByteView): { e_magic: number; e_lfanew: number } {
  need(pe, 0, E_LFANEW_AT + 4, 'MS-DOS header')
  const e_magic = readU16(pe, 0, 'e_magic')
  if (e_magic !== DOS_MAGIC) fail('CORRUPT_STRUCTURE', `PE e_magic is 0x${e_magic.toString(16)}, not "MZ"`, { offset: 0 })
  const e_lfanew = readU32(pe, E_LFANEW_AT, 'e_lfanew')
  need(pe, e_lfanew, 4 + COFF_HEADER_SIZE, 'signature and COFF file header (at e_lfanew)')
  if (readU32(pe, e_lfanew, 'signature') !== PE_SIGNATURE) {
    fail('CORRUPT_STRUCTURE', `PE e_lfanew is ${e_lfanew}, but no "PE\\0\\0" signature is there`, { offset: e_lfanew })
  }
  return { e_magic, e_lfanew }
}

/** The MS-DOS header, the signature, the COFF file header and the optional header with its data directories. */
export function readPeHeaders(pe: ByteView): PeHeaders {
  const { e_magic, e_lfanew } = readDosHeader(pe)
  const fields: BinaryHeaderField[] = [{ field: 'e_magic', value: e_magic }, { field: 'e_lfanew', value: e_lfanew }]
  const values = new Map<string, number | string>()
  const coffAt = e_lfanew + 4
  const optionalAt = readFields(pe, coffAt, COFF_FIELDS, fields, values)
  const sizeOfOptionalHeader = values.get('SizeOfOptionalHeader') as number
  need(pe, optionalAt, sizeOfOptionalHeader, 'optional header')
  if (sizeOfOptionalHeader < 2) fail('CORRUPT_STRUCTURE', `PE SizeOfOptionalHeader is ${sizeOfOptionalHeader}: an image needs an optional header`, { offset: coffAt + 16 })
  const magic = readU16(pe, optionalAt, 'Magic')
  if (magic !== PE32_MAGIC && magic !== PE32_PLUS_MAGIC) {
    fail('CORRUPT_STRUCTURE', `PE optional header Magic is 0x${magic.toString(16)}, neither PE32 (0x10b) nor PE32+ (0x20b)`, { offset: optionalAt })
  }
  const is64 = magic === PE32_PLUS_MAGIC
  const specs = optionalFields(is64)
  const fixedSize = specs.reduce((sum, spec) => sum + spec[2], 0)
  if (sizeOfOptionalHeader < fixedSize) {
    fail('CORRUPT_STRUCTURE', `PE SizeOfOptionalHeader is ${sizeOfOptionalHeader}, smaller than the ${fixedSize} bytes of a ${is64 ? 'PE32+' : 'PE32'} optional header's fields`, { offset: coffAt + 16 })
  }
  const directoriesAt = readFields(pe, optionalAt, specs, fields, values)
  const directories = readDataDirectories(pe, directoriesAt, values.get('NumberOfRvaAndSizes') as number, optionalAt + sizeOfOptionalHeader)
  for (const directory of directories) {
    fields.push({ field: `DataDirectory[${directory.name}].VirtualAddress`, value: directory.VirtualAddress })
    fields.push({ field: `DataDirectory[${directory.name}].Size`, value: directory.Size })
  }
  return {
    e_lfanew,
    is64,
    NumberOfSections: values.get('NumberOfSections') as number,
    PointerToSymbolTable: values.get('PointerToSymbolTable') as number,
    NumberOfSymbols: values.get('NumberOfSymbols') as number,
    sectionTableAt: optionalAt + sizeOfOptionalHeader,
    directories,
    fieldRanges: [[0, 2], [E_LFANEW_AT, E_LFANEW_AT + 4], [e_lfanew, directoriesAt + directories.length * 8]],
    fields,
  }
}

/**
 * `NumberOfRvaAndSizes` entries of 8 bytes (VirtualAddress, Size), at most the 16 the spec defines, and only as
 * many as fit in SizeOfOptionalHeader: a larger count is what the header declares, not more tables.
 */
function readDataDirectories(pe: ByteView, at: number, declared: number, optionalEnd: number): DataDirectory[] {
  const count = Math.min(declared, DATA_DIRECTORY_NAMES.length)
  if (at + count * 8 > optionalEnd) {
    fail('CORRUPT_STRUCTURE', `PE NumberOfRvaAndSizes is ${declared}, but only ${Math.floor((optionalEnd - at) / 8)} data directories fit in SizeOfOptionalHeader`, { offset: at - 4 })
  }
  const directories: DataDirectory[] = []
  for (let index = 0; index < count; index++) {
    const entryAt = at + index * 8
    directories.push({ name: DATA_DIRECTORY_NAMES[index], VirtualAddress: readU32(pe, entryAt, 'data directory'), Size: readU32(pe, entryAt + 4, 'data directory'), at: entryAt })
  }
  return directories
}
