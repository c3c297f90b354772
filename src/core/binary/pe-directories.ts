/**
 * The data directories a reviewer asks about (PE Format specification, "The .idata Section", "The .edata
 * Section (Image Only)", "The .debug Section"): the DLLs imported, the DLL name and symbol names exported, and
 * the debug directory with its CodeView record (the PDB path, a build path) and the REPRO entry. Each is read
 * through the section table from its RVA; every loop is bounded by the bytes of the section it walks.
 */
import { fail } from '../errors'
import { need, readU32, readU32Fields, type ByteView } from './byte-view'
import type { DataDirectory } from './pe-headers'
import type { RvaMap } from './pe-sections'
import { decodePath, type PeStrings } from './pe-symbols'

const IMPORT_DESCRIPTOR_SIZE = 20
/** Far more DLLs than any image imports; a longer table is hostile and fails by name. */
export const MAX_IMPORT_DESCRIPTORS = 65_536
const DEBUG_ENTRY_SIZE = 28
const MAX_DEBUG_ENTRIES = 4_096
/** Export name pointers beyond this are a named error (a large DLL exports tens of thousands). */
export const MAX_EXPORT_NAMES = 2_000_000
export const IMAGE_DEBUG_TYPE_CODEVIEW = 2
export const IMAGE_DEBUG_TYPE_REPRO = 16
/** Spec "Debug Type" (IMAGE_DEBUG_TYPE_*), with the values winnt.h adds (12 to 15). */
const DEBUG_TYPE_NAMES: Record<number, string> = {
  0: 'UNKNOWN', 1: 'COFF', 2: 'CODEVIEW', 3: 'FPO', 4: 'MISC', 5: 'EXCEPTION', 6: 'FIXUP', 7: 'OMAP_TO_SRC',
  8: 'OMAP_FROM_SRC', 9: 'BORLAND', 10: 'RESERVED10', 11: 'CLSID', 12: 'VC_FEATURE', 13: 'POGO', 14: 'ILTCG',
  15: 'MPX', 16: 'REPRO', 20: 'EX_DLLCHARACTERISTICS',
}
/** CodeView record signatures (little-endian u32): "RSDS" (PDB 7.0) and "NB10" (PDB 2.0). */
const RSDS = 0x53445352
const NB10 = 0x3031424e

function isNullDescriptor(pe: ByteView, at: number): boolean {
  for (let i = 0; i < IMPORT_DESCRIPTOR_SIZE; i++) if (pe.bytes[at + i] !== 0) return false
  return true
}

/** The string at `rva`, NUL-terminated inside its section; `where` is the file offset of the field holding it. */
function stringAt(rvas: RvaMap, strings: PeStrings, rva: number, what: string, where: number): string {
  const [start, end] = rvas.rangeFrom(rva, what, where)
  return strings.read(start, end, what, where)
}

/**
 * Import directory table: 20-byte descriptors (Import Lookup Table RVA, TimeDateStamp, Forwarder Chain, Name
 * RVA, Import Address Table RVA) up to "an empty directory entry (filled with null values)"; the DLL names in order.
 */
export function readImports(pe: ByteView, rvas: RvaMap, strings: PeStrings, directory: DataDirectory): string[] {
  const names: string[] = []
  for (let index = 0; ; index++) {
    if (index >= MAX_IMPORT_DESCRIPTORS) {
      fail('LIMIT_EXCEEDED', `PE import directory has more than ${MAX_IMPORT_DESCRIPTORS.toLocaleString('en')} descriptors without the null entry that ends it`, { offset: directory.at })
    }
    const rva = directory.VirtualAddress + index * IMPORT_DESCRIPTOR_SIZE
    const at = rvas.offsetOf(rva, IMPORT_DESCRIPTOR_SIZE, `import descriptor ${index} (DataDirectory[IMPORT])`, directory.at)
    if (isNullDescriptor(pe, at)) return names
    names.push(stringAt(rvas, strings, readU32(pe, at + 12, 'Name RVA'), `import descriptor ${index} Name`, at + 12))
  }
}

export interface PeExports {
  name: string
  symbols: string[]
}

/**
 * Export directory table (40 bytes): Name RVA at 12, Number of Name Pointers at 24, Name Pointer RVA at 32;
 * the name pointer table holds one 4-byte RVA per exported name.
 */
export function readExports(pe: ByteView, rvas: RvaMap, strings: PeStrings, directory: DataDirectory): PeExports {
  const at = rvas.offsetOf(directory.VirtualAddress, 40, 'export directory (DataDirectory[EXPORT])', directory.at)
  const name = stringAt(rvas, strings, readU32(pe, at + 12, 'Name RVA'), 'export directory Name', at + 12)
  const count = readU32(pe, at + 24, 'Number of Name Pointers')
  if (count > MAX_EXPORT_NAMES) fail('LIMIT_EXCEEDED', `PE export directory declares ${count} names, more than the ${MAX_EXPORT_NAMES.toLocaleString('en')} that are read`, { offset: at + 24 })
  const symbols: string[] = []
  if (count === 0) return { name, symbols }
  const tableAt = rvas.offsetOf(readU32(pe, at + 32, 'Name Pointer RVA'), count * 4, 'export name pointer table', at + 32)
  for (let index = 0; index < count; index++) {
    const pointerAt = tableAt + index * 4
    symbols.push(stringAt(rvas, strings, readU32(pe, pointerAt, 'export name pointer'), `export name ${index}`, pointerAt))
  }
  return { name, symbols }
}

export interface DebugEntry {
  at: number
  TimeDateStamp: number
  Type: number
  SizeOfData: number
  AddressOfRawData: number
  PointerToRawData: number
}

/** Spec "Debug Directory (Image Only)": the fields read of each entry, at their offsets (Characteristics and the versions are not). */
const DEBUG_ENTRY_FIELDS = { TimeDateStamp: 4, Type: 12, SizeOfData: 16, AddressOfRawData: 20, PointerToRawData: 24 } as const

/** Debug directory: Size / 28 entries of Characteristics, TimeDateStamp, Major/MinorVersion, Type, SizeOfData, AddressOfRawData, PointerToRawData. */
export function readDebugEntries(pe: ByteView, rvas: RvaMap, directory: DataDirectory): DebugEntry[] {
  const count = Math.floor(directory.Size / DEBUG_ENTRY_SIZE)
  if (count > MAX_DEBUG_ENTRIES) fail('LIMIT_EXCEEDED', `PE debug directory declares ${count} entries, more than the ${MAX_DEBUG_ENTRIES.toLocaleString('en')} that are read`, { offset: directory.at })
  const tableAt = rvas.offsetOf(directory.VirtualAddress, count * DEBUG_ENTRY_SIZE, 'debug directory (DataDirectory[DEBUG])', directory.at)
  const entries: DebugEntry[] = []
  for (let index = 0; index < count; index++) {
    const at = tableAt + index * DEBUG_ENTRY_SIZE
    entries.push({ at, ...readU32Fields(pe, at, DEBUG_ENTRY_FIELDS) })
  }
  return entries
}

export function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`
}

/** One line per entry, e.g. `type 2 (CODEVIEW) TimeDateStamp 0x62ee0d01 size 77`. */
export function describeDebugEntry(entry: DebugEntry): string {
  const name = DEBUG_TYPE_NAMES[entry.Type] ?? 'unknown'
  return `type ${entry.Type} (${name}) TimeDateStamp ${hex32(entry.TimeDateStamp)} size ${entry.SizeOfData}`
}

export interface CodeView {
  pdb: string
  /** The 16 GUID bytes in file order, as llvm-readobj prints them (`95 7C 2B …`); absent for NB10. */
  guid?: string
  age: number
}

/**
 * The CodeView record an entry of type 2 points to: "RSDS", GUID (16), Age (4), PDB path (UTF-8, NUL-terminated),
 * or the older "NB10", Offset (4), Signature (4), Age (4), path. Read at AddressOfRawData through the section
 * table as llvm-readobj does, or at PointerToRawData when the data is not mapped (AddressOfRawData 0).
 */
export function readCodeView(pe: ByteView, rvas: RvaMap, strings: PeStrings, entry: DebugEntry): CodeView | null {
  const at = entry.AddressOfRawData !== 0
    ? rvas.offsetOf(entry.AddressOfRawData, entry.SizeOfData, 'CodeView record (AddressOfRawData)', entry.at + 20)
    : entry.PointerToRawData
  need(pe, at, Math.max(entry.SizeOfData, 4), 'CodeView record')
  const signature = readU32(pe, at, 'CodeView signature')
  const end = at + entry.SizeOfData
  if (signature === RSDS && entry.SizeOfData >= 24) {
    const guid = Array.from(pe.bytes.subarray(at + 4, at + 20), (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ')
    return { pdb: strings.read(at + 24, end, 'CodeView PDB path', at + 24, decodePath), guid, age: readU32(pe, at + 20, 'Age') }
  }
  if (signature === NB10 && entry.SizeOfData >= 16) {
    return { pdb: strings.read(at + 16, end, 'CodeView PDB path', at + 16, decodePath), age: readU32(pe, at + 12, 'Age') }
  }
  return null
}

