/**
 * Builds PE32 and PE32+ images byte by byte (Microsoft PE Format specification), for the cases no linker here
 * can make: Windows `.pyd` files with chosen imports, exports, CodeView and REPRO debug entries, a certificate
 * table, an overlay, long section names, and hostile headers. Layout: MS-DOS header and stub at 0, the PE
 * headers at e_lfanew, each section on the next SectionAlignment (0x1000) boundary in memory and FileAlignment
 * (0x200) boundary in the file, then the COFF symbol and string tables, the overlay and the certificate table.
 */

export const FILE_ALIGNMENT = 0x200
export const SECTION_ALIGNMENT = 0x1000
export const DIRECTORY_INDEX = {
  EXPORT: 0, IMPORT: 1, RESOURCE: 2, EXCEPTION: 3, CERTIFICATE: 4, BASE_RELOCATION: 5, DEBUG: 6, IAT: 12,
} as const
export type DirectoryName = keyof typeof DIRECTORY_INDEX

/** Where a section lands, handed to its content builder so it can write RVAs and file offsets into itself. */
export interface Place {
  va: number
  fileOffset: number
  /** Sets DataDirectory[name] to (rva, size). */
  directory(name: DirectoryName, rva: number, size: number): void
}

export interface PeSectionSpec {
  name: string
  characteristics: number
  /** The raw data, or a builder of it; absent for uninitialised data (.bss: PointerToRawData and SizeOfRawData 0). */
  data?: Uint8Array | ((place: Place) => Uint8Array)
  /** For uninitialised data: its VirtualSize. */
  virtualSize?: number
}

export interface PeSpec {
  is64: boolean
  sections: PeSectionSpec[]
  Machine?: number
  TimeDateStamp?: number
  Characteristics?: number
  CheckSum?: number
  /** Bytes after the standard stub program, such as a linker's "Rich" header. */
  stubExtra?: Uint8Array
  /** COFF symbol names to write (a symbol table and string table after the sections): long ones go to the string table. */
  symbols?: string[]
  overlay?: Uint8Array
  certificate?: Uint8Array
}

/** A little-endian byte sink that knows the RVA and file offset of its first byte. */
export class Chunk {
  readonly bytes: number[] = []
  constructor(readonly va: number, readonly fileOffset: number) {}
  get rva() { return this.va + this.bytes.length }
  get offset() { return this.fileOffset + this.bytes.length }
  u8(value: number) { this.bytes.push(value & 0xff); return this }
  u16(value: number) { return this.u8(value).u8(value >>> 8) }
  u32(value: number) { return this.u16(value & 0xffff).u16(value >>> 16) }
  u64(value: bigint) { return this.u32(Number(value & 0xffffffffn)).u32(Number(value >> 32n)) }
  raw(bytes: Uint8Array | number[]) { for (const byte of bytes) this.bytes.push(byte); return this }
  text(value: string) { return this.raw(new TextEncoder().encode(`${value}\0`)) }
  align(n: number) { while (this.bytes.length % n) this.bytes.push(0); return this }
  /** Writes a u32 at a position already written. */
  patch32(position: number, value: number) {
    for (let i = 0; i < 4; i++) this.bytes[position + i] = (value >>> (8 * i)) & 0xff
  }
  toBytes() { return Uint8Array.from(this.bytes) }
}

const alignTo = (n: number, to: number) => Math.ceil(n / to) * to
/** The MS-DOS stub program every MSVC and lld image carries ("This program cannot be run in DOS mode."). */
const STUB_CODE = [0x0e, 0x1f, 0xba, 0x0e, 0x00, 0xb4, 0x09, 0xcd, 0x21, 0xb8, 0x01, 0x4c, 0xcd, 0x21]

function dosHeaderAndStub(spec: PeSpec): Chunk {
  const out = new Chunk(0, 0)
  // e_magic, e_cblp, e_cp, e_crlc, e_cparhdr, e_minalloc, e_maxalloc, e_ss, e_sp, e_csum, e_ip, e_cs, e_lfarlc, e_ovno
  out.u16(0x5a4d).u16(0x90).u16(3).u16(0).u16(4).u16(0).u16(0xffff).u16(0).u16(0xb8).u16(0).u16(0).u16(0).u16(0x40).u16(0)
  out.raw(new Uint8Array(0x3c - out.bytes.length)).u32(0) // e_res, e_oemid, e_oeminfo, e_res2; e_lfanew patched below
  out.raw(STUB_CODE).raw(new TextEncoder().encode('This program cannot be run in DOS mode.\r\r\n$')).align(8)
  if (spec.stubExtra) out.raw(spec.stubExtra).align(8)
  out.patch32(0x3c, out.bytes.length)
  return out
}

interface LaidSection extends PeSectionSpec {
  va: number
  raw: Uint8Array
  pointer: number
  virtualSize: number
}

/** Section table entries (40 bytes) and the string table offsets of names longer than 8 bytes. */
function sectionHeaders(out: Chunk, sections: LaidSection[], longNames: Map<string, number>) {
  for (const section of sections) {
    const name = new TextEncoder().encode(section.name.length > 8 ? `/${longNames.get(section.name)}` : section.name)
    out.raw(name).raw(new Uint8Array(8 - name.length))
    out.u32(section.virtualSize).u32(section.va).u32(section.raw.length).u32(section.raw.length ? section.pointer : 0)
    out.u32(0).u32(0).u16(0).u16(0).u32(section.characteristics)
  }
}

/** The COFF string table: a 4-byte size, then NUL-terminated strings; offsets count from the size field. */
function stringTable(names: string[]): { bytes: Uint8Array; offsets: Map<string, number> } {
  const out = new Chunk(0, 0).u32(0)
  const offsets = new Map<string, number>()
  for (const name of names) {
    if (new TextEncoder().encode(name).length <= 8 || offsets.has(name)) continue
    offsets.set(name, out.bytes.length)
    out.text(name)
  }
  out.patch32(0, out.bytes.length)
  return { bytes: out.toBytes(), offsets }
}

/** 18-byte symbol records: Name (8, or 0 then a string table offset), Value, SectionNumber, Type, StorageClass, NumberOfAuxSymbols. */
function symbolRecords(names: string[], offsets: Map<string, number>): Uint8Array {
  const out = new Chunk(0, 0)
  for (const name of names) {
    const encoded = new TextEncoder().encode(name)
    if (encoded.length > 8) out.u32(0).u32(offsets.get(name)!)
    else out.raw(encoded).raw(new Uint8Array(8 - encoded.length))
    out.u32(0).u16(1).u16(0x20).u8(2).u8(0) // Value 0, section 1, function, IMAGE_SYM_CLASS_EXTERNAL, no aux
  }
  return out.toBytes()
}

export function buildPe(spec: PeSpec): Uint8Array {
  const dos = dosHeaderAndStub(spec)
  const e_lfanew = dos.bytes.length
  const optionalSize = (spec.is64 ? 112 : 96) + 16 * 8
  const headersEnd = e_lfanew + 4 + 20 + optionalSize + spec.sections.length * 40
  const sizeOfHeaders = alignTo(headersEnd, FILE_ALIGNMENT)
  const directories: [number, number][] = Array.from({ length: 16 }, () => [0, 0])
  const laid: LaidSection[] = []
  let fileAt = sizeOfHeaders
  let va = SECTION_ALIGNMENT
  for (const section of spec.sections) {
    const place: Place = { va, fileOffset: fileAt, directory: (name, rva, size) => { directories[DIRECTORY_INDEX[name]] = [rva, size] } }
    const data = typeof section.data === 'function' ? section.data(place) : section.data
    const raw = new Uint8Array(data ? alignTo(data.length, FILE_ALIGNMENT) : 0)
    if (data) raw.set(data)
    const virtualSize = data ? data.length : (section.virtualSize ?? 0)
    laid.push({ ...section, va, raw, pointer: fileAt, virtualSize })
    fileAt += raw.length
    va += alignTo(Math.max(virtualSize, 1), SECTION_ALIGNMENT)
  }
  const names = [...spec.sections.map((s) => s.name), ...(spec.symbols ?? [])]
  const strings = stringTable(names)
  const tail = new Chunk(0, fileAt)
  let symbolsAt = 0
  if (spec.symbols || names.some((name) => name.length > 8)) {
    symbolsAt = tail.offset
    tail.raw(symbolRecords(spec.symbols ?? [], strings.offsets)).raw(strings.bytes)
  }
  if (spec.overlay) tail.raw(spec.overlay)
  if (spec.certificate) {
    tail.align(8)
    directories[DIRECTORY_INDEX.CERTIFICATE] = [tail.offset, spec.certificate.length]
    tail.raw(spec.certificate)
  }
  const headers = new Chunk(0, e_lfanew)
  headers.u32(0x00004550)
  // COFF File Header
  headers.u16(spec.Machine ?? (spec.is64 ? 0x8664 : 0x14c)).u16(spec.sections.length).u32(spec.TimeDateStamp ?? 0x65a1b2c3)
  headers.u32(symbolsAt).u32(symbolsAt ? (spec.symbols ?? []).length : 0).u16(optionalSize)
  headers.u16(spec.Characteristics ?? (spec.is64 ? 0x2022 : 0x2102))
  writeOptionalHeader(headers, spec, laid, sizeOfHeaders, directories)
  sectionHeaders(headers, laid, strings.offsets)
  const out = new Uint8Array(tail.offset)
  out.set(dos.toBytes(), 0)
  out.set(headers.toBytes(), e_lfanew)
  for (const section of laid) out.set(section.raw, section.pointer)
  out.set(tail.toBytes(), fileAt)
  return out
}

function writeOptionalHeader(out: Chunk, spec: PeSpec, laid: LaidSection[], sizeOfHeaders: number, directories: [number, number][]) {
  const sum = (flag: number) => laid.filter((s) => s.characteristics & flag).reduce((total, s) => total + (flag === 0x80 ? s.virtualSize : s.raw.length), 0)
  const last = laid[laid.length - 1]
  const word = (value: bigint) => (spec.is64 ? out.u64(value) : out.u32(Number(value)))
  out.u16(spec.is64 ? 0x20b : 0x10b).u8(14).u8(38) // Magic, MajorLinkerVersion, MinorLinkerVersion
  out.u32(sum(0x20)).u32(sum(0x40)).u32(sum(0x80)) // SizeOfCode, SizeOfInitializedData, SizeOfUninitializedData
  out.u32(SECTION_ALIGNMENT + 0x20).u32(SECTION_ALIGNMENT) // AddressOfEntryPoint, BaseOfCode
  if (!spec.is64) out.u32(laid[1]?.va ?? 0) // BaseOfData
  word(spec.is64 ? 0x180000000n : 0x10000000n) // ImageBase
  out.u32(SECTION_ALIGNMENT).u32(FILE_ALIGNMENT)
  out.u16(6).u16(0).u16(0).u16(0).u16(6).u16(0) // OS, image and subsystem versions
  out.u32(0) // Win32VersionValue
  out.u32(alignTo(last ? last.va + Math.max(last.virtualSize, 1) : SECTION_ALIGNMENT, SECTION_ALIGNMENT)).u32(sizeOfHeaders)
  out.u32(spec.CheckSum ?? 0).u16(2).u16(spec.is64 ? 0x160 : 0x140) // CheckSum, Subsystem (WINDOWS_GUI), DllCharacteristics
  word(0x100000n); word(0x1000n); word(0x100000n); word(0x1000n) // stack and heap reserve and commit
  out.u32(0).u32(16) // LoaderFlags, NumberOfRvaAndSizes
  for (const [rva, size] of directories) out.u32(rva).u32(size)
}

/** Import directory for `dlls` (each importing one function by name), then the ILTs, IAT, hint/name entries and DLL names. */
function writeImports(out: Chunk, place: Place, is64: boolean, dlls: [dll: string, fn: string][]) {
  const thunk = is64 ? 8 : 4
  const descriptorsAt = out.bytes.length
  out.raw(new Uint8Array(20 * (dlls.length + 1)))
  const tables = (label: 'ilt' | 'iat') => dlls.map(() => {
    const at = out.bytes.length
    out.raw(new Uint8Array(2 * thunk)) // one entry and the null entry that ends the table
    return { at, label }
  })
  const ilts = tables('ilt')
  const iatStart = out.rva
  const iats = tables('iat')
  place.directory('IAT', iatStart, out.rva - iatStart)
  dlls.forEach(([dll, fn], i) => {
    out.align(2)
    const hintName = out.rva
    out.u16(i).text(fn)
    const nameRva = out.rva
    out.text(dll)
    for (const table of [ilts[i], iats[i]]) out.patch32(table.at, hintName)
    const at = descriptorsAt + 20 * i
    out.patch32(at, out.va + ilts[i].at) // Import Lookup Table RVA
    out.patch32(at + 12, nameRva)
    out.patch32(at + 16, out.va + iats[i].at) // Import Address Table RVA
  })
  place.directory('IMPORT', out.va + descriptorsAt, 20 * (dlls.length + 1))
}

/** Export directory naming `dll`, with one exported function `name` at `functionRva`. */
function writeExports(out: Chunk, place: Place, dll: string, name: string, functionRva: number) {
  out.align(4)
  const at = out.bytes.length
  out.raw(new Uint8Array(40))
  const eat = out.rva
  out.u32(functionRva)
  const namePointers = out.rva
  const namePointerAt = out.bytes.length
  out.u32(0)
  const ordinals = out.rva
  out.u16(0)
  const dllName = out.rva
  out.text(dll)
  out.patch32(namePointerAt, out.rva)
  out.text(name)
  // Export Flags, Time/Date Stamp and versions stay 0; Name RVA, Ordinal Base, Address Table Entries, Number of
  // Name Pointers, Export Address Table RVA, Name Pointer RVA, Ordinal Table RVA.
  const fields = [dllName, 1, 1, 1, eat, namePointers, ordinals]
  fields.forEach((value, i) => out.patch32(at + 12 + 4 * i, value))
  place.directory('EXPORT', out.va + at, out.bytes.length - at)
}

export interface DebugSpec {
  pdb?: string
  /** 16 bytes; the default is a fixed pattern. */
  guid?: number[]
  age?: number
  repro?: boolean
  TimeDateStamp?: number
}

/** Debug directory (28-byte entries) with a CodeView RSDS record and, when asked, a REPRO entry with its 36-byte hash record. */
function writeDebug(out: Chunk, place: Place, debug: DebugSpec) {
  out.align(4)
  const count = (debug.pdb !== undefined ? 1 : 0) + (debug.repro ? 1 : 0)
  const at = out.bytes.length
  out.raw(new Uint8Array(28 * count))
  const entries: [type: number, rva: number, offset: number, size: number][] = []
  if (debug.pdb !== undefined) {
    out.align(4)
    const rva = out.rva, offset = out.offset, start = out.bytes.length
    out.u32(0x53445352).raw(debug.guid ?? Array.from({ length: 16 }, (_, i) => 0x10 + i * 7)).u32(debug.age ?? 1).text(debug.pdb)
    entries.push([2, rva, offset, out.bytes.length - start])
  }
  if (debug.repro) {
    out.align(4)
    entries.push([16, out.rva, out.offset, 36])
    out.u32(32).raw(Array.from({ length: 32 }, (_, i) => i * 3))
  }
  entries.forEach(([type, rva, offset, size], i) => {
    const entry = at + 28 * i
    out.patch32(entry + 4, debug.TimeDateStamp ?? 0x65a1b2c3)
    out.patch32(entry + 12, type)
    out.patch32(entry + 16, size)
    out.patch32(entry + 20, rva)
    out.patch32(entry + 24, offset)
  })
  place.directory('DEBUG', out.va + at, 28 * count)
}

export interface PydOptions {
  is64: boolean
  TimeDateStamp?: number
  debug?: DebugSpec
  /** Extra bytes in .rdata (a string the build embeds). */
  rdataText?: string
  dataText?: string
  stubExtra?: Uint8Array
  overlay?: Uint8Array
  certificate?: Uint8Array
  symbols?: string[]
  /** Extra sections after the standard ones (a long-named `.debug_info`, say). */
  extraSections?: PeSectionSpec[]
}

const CODE = 0x60000020, RDATA = 0x40000040, DATA = 0xc0000040, BSS = 0xc0000080, RELOC = 0x42000040

/**
 * A CPython extension module as MSVC links it: .text, .rdata (imports of python311.dll and KERNEL32.dll, the
 * export PyInit__speedups, the debug directory), .data, .pdata (PE32+ only), .reloc and an uninitialised .bss.
 */
export function samplePyd(options: PydOptions): Uint8Array {
  const { is64 } = options
  const debug = options.debug ?? { pdb: is64 ? 'D:\\a\\proj\\build\\lib.win-amd64\\_speedups.pdb' : 'D:\\a\\proj\\build\\lib.win32\\_speedups.pdb' }
  const rdata = (place: Place) => {
    const out = new Chunk(place.va, place.fileOffset)
    writeImports(out, place, is64, [['python311.dll', 'PyModule_Create2'], ['KERNEL32.dll', 'GetProcAddress']])
    writeExports(out, place, is64 ? '_speedups.cp311-win_amd64.pyd' : '_speedups.cp311-win32.pyd', 'PyInit__speedups', SECTION_ALIGNMENT + 0x10)
    writeDebug(out, place, { TimeDateStamp: options.TimeDateStamp, ...debug })
    out.text(options.rdataText ?? 'speedups: build 1')
    return out.toBytes()
  }
  const text = new Uint8Array(0x40).fill(0xcc)
  text[0x10] = 0xc3
  text[0x20] = 0xc3
  const sections: PeSectionSpec[] = [
    { name: '.text', characteristics: CODE, data: text },
    { name: '.rdata', characteristics: RDATA, data: rdata },
    { name: '.data', characteristics: DATA, data: new TextEncoder().encode(options.dataText ?? 'module state\0') },
  ]
  if (is64) {
    // One RUNTIME_FUNCTION (BeginAddress, EndAddress, UnwindInfoAddress), as x64 requires for non-leaf functions.
    sections.push({ name: '.pdata', characteristics: RDATA, data: (place) => { place.directory('EXCEPTION', place.va, 12); return new Chunk(0, 0).u32(0x1010).u32(0x1011).u32(0x2000).toBytes() } })
  }
  sections.push({ name: '.reloc', characteristics: RELOC, data: (place) => { place.directory('BASE_RELOCATION', place.va, 12); return new Chunk(0, 0).u32(0x3000).u32(12).u16(0xa000).u16(0).toBytes() } })
  sections.push({ name: '.bss', characteristics: BSS, virtualSize: 0x80 })
  sections.push(...(options.extraSections ?? []))
  return buildPe({ is64, sections, TimeDateStamp: options.TimeDateStamp, stubExtra: options.stubExtra, overlay: options.overlay, certificate: options.certificate, symbols: options.symbols })
}
