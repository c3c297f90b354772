/**
 * Builds Mach-O files byte by byte (`<mach-o/loader.h>`, `<mach-o/fat.h>`), thin and fat, since there is no
 * clang or ld64 here. Layout, as ld64 writes it: mach_header, load commands, the sections of each segment in
 * order (`__TEXT` starting at file offset 0, so it holds the headers), then `__LINKEDIT`: function starts, the
 * nlist symbol table, the indirect symbol table, the string table, the code signature.
 */

export const CPU = { I386: 7, X86_64: 0x01000007, ARM64: 0x0100000c, PPC: 18 } as const
export const MH = { OBJECT: 1, EXECUTE: 2, DYLIB: 6, BUNDLE: 8 } as const
export const LC = {
  SEGMENT: 0x1, SYMTAB: 0x2, DYSYMTAB: 0xb, LOAD_DYLIB: 0xc, ID_DYLIB: 0xd, SEGMENT_64: 0x19, UUID: 0x1b,
  RPATH: 0x8000001c, CODE_SIGNATURE: 0x1d, LOAD_WEAK_DYLIB: 0x80000018, REEXPORT_DYLIB: 0x8000001f,
  VERSION_MIN_MACOSX: 0x24, FUNCTION_STARTS: 0x26, SOURCE_VERSION: 0x2a, BUILD_VERSION: 0x32, LOAD_DYLINKER: 0xe,
  DYLD_INFO_ONLY: 0x80000022, MAIN: 0x80000028, DATA_IN_CODE: 0x29, DYLD_CHAINED_FIXUPS: 0x80000034, DYLD_EXPORTS_TRIE: 0x80000033,
} as const
/** Section types (`flags & SECTION_TYPE`) and attributes used by the fixtures. */
export const S = { REGULAR: 0, ZEROFILL: 1, CSTRING_LITERALS: 2, ATTR_PURE_INSTRUCTIONS: 0x80000000, ATTR_SOME_INSTRUCTIONS: 0x400 } as const

export interface MachoSectionSpec {
  sectname: string
  /** Defaults to the segment's name. */
  segname?: string
  data?: Uint8Array
  /** A zero-fill section (S_ZEROFILL): its size in memory, no bytes in the file. */
  zerofillSize?: number
  flags?: number
  align?: number
  reserved1?: number
  reserved2?: number
}

export interface MachoSegmentSpec {
  segname: string
  sections: MachoSectionSpec[]
  maxprot?: number
  initprot?: number
}

export interface MachoSymbolSpec {
  name: string
  /** n_type: N_SECT | N_EXT (0x0f) by default; 0x01 (N_UNDF | N_EXT) for an undefined symbol. */
  type?: number
  sect?: number
  value?: number
}

export interface MachoSpec {
  is64: boolean
  little?: boolean
  cputype: number
  cpusubtype: number
  filetype: number
  flags?: number
  segments: MachoSegmentSpec[]
  uuid?: Uint8Array
  idDylib?: { name: string; timestamp?: number; current?: number; compat?: number }
  loadDylibs?: string[]
  weakDylibs?: string[]
  reexportDylibs?: string[]
  rpaths?: string[]
  buildVersion?: { platform: number; minos: number; sdk: number; tools?: [number, number][] }
  versionMin?: { cmd: number; version: number; sdk: number }
  symbols?: MachoSymbolSpec[]
  functionStarts?: Uint8Array
  /** Other `linkedit_data_command`s (LC_DATA_IN_CODE, LC_DYLD_CHAINED_FIXUPS, LC_DYLD_EXPORTS_TRIE…) and their bytes. */
  linkeditData?: { cmd: number; data: Uint8Array }[]
  /** LC_DYLD_INFO_ONLY's rebase, bind, weak_bind, lazy_bind and export streams. */
  dyldInfoOnly?: [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
  /** LC_LOAD_DYLINKER (an executable's `/usr/lib/dyld`). */
  dylinker?: string
  codeSignature?: Uint8Array
  /** Raw commands written after the others: cmd and the bytes after cmdsize (padded by the builder). */
  extraCommands?: { cmd: number; payload: Uint8Array }[]
}

/** A Mach-O version number xxxx.yy.zz (loader.h: "X.Y.Z is encoded in nibbles xxxx.yy.zz"). */
export const version = (major: number, minor = 0, patch = 0) => (major << 16) | (minor << 8) | patch

const encoder = new TextEncoder()
const alignTo = (n: number, to: number) => Math.ceil(n / to) * to

class Writer {
  readonly view: DataView
  constructor(readonly bytes: Uint8Array, readonly little: boolean) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  u16(at: number, value: number) { this.view.setUint16(at, value, this.little) }
  u32(at: number, value: number) { this.view.setUint32(at, value >>> 0, this.little) }
  u64(at: number, value: number | bigint) { this.view.setBigUint64(at, BigInt(value), this.little) }
  word(at: number, value: number, is64: boolean) { if (is64) this.u64(at, value); else this.u32(at, value) }
  name16(at: number, text: string) { this.bytes.set(encoder.encode(text).subarray(0, 16), at) }
}

/** Where the builder put each part; commands read it when they are written. */
interface Layout {
  sectionOffsets: number[][]
  sectionAddrs: number[][]
  segments: { fileoff: number; filesize: number; vmaddr: number; vmsize: number }[]
  /** Each __LINKEDIT part by key (`symbols`, `strings`, `indirect`, `codeSignature`, `data 0`, `dyld 2`…): offset, size. */
  linkedit: Map<string, [number, number]>
}

const place = (layout: Layout, key: string): [number, number] => layout.linkedit.get(key) ?? [0, 0]

interface Command {
  size: number
  write(out: Writer, at: number, layout: Layout): void
}

/** `struct dylib_command` / `rpath_command`: fixed fields, then the lc_str at `nameAt`, NUL-padded to the word size. */
function stringCommand(cmd: number, text: string, fixed: number[], word: number): Command {
  const bytes = encoder.encode(text)
  const nameAt = 12 + fixed.length * 4
  return {
    size: alignTo(nameAt + bytes.length + 1, word),
    write(out, at) {
      out.u32(at, cmd)
      out.u32(at + 4, this.size)
      out.u32(at + 8, nameAt)
      fixed.forEach((value, i) => out.u32(at + 12 + i * 4, value))
      out.bytes.set(bytes, at + nameAt)
    },
  }
}

function segmentCommand(spec: MachoSpec, segment: MachoSegmentSpec, index: number): Command {
  const is64 = spec.is64
  const headerSize = is64 ? 72 : 56
  const sectionSize = is64 ? 80 : 68
  const word = is64 ? 8 : 4
  return {
    size: headerSize + segment.sections.length * sectionSize,
    write(out, at, layout) {
      const placed = layout.segments[index]
      out.u32(at, is64 ? LC.SEGMENT_64 : LC.SEGMENT)
      out.u32(at + 4, this.size)
      out.name16(at + 8, segment.segname)
      const fields = [placed.vmaddr, placed.vmsize, placed.fileoff, placed.filesize]
      fields.forEach((value, i) => out.word(at + 24 + i * word, value, is64))
      const protAt = at + 24 + 4 * word
      out.u32(protAt, segment.maxprot ?? 7)
      out.u32(protAt + 4, segment.initprot ?? (segment.segname === '__TEXT' ? 5 : 3))
      out.u32(protAt + 8, segment.sections.length)
      segment.sections.forEach((section, i) => {
        const s = at + headerSize + i * sectionSize
        out.name16(s, section.sectname)
        out.name16(s + 16, section.segname ?? segment.segname)
        out.word(s + 32, layout.sectionAddrs[index][i], is64)
        out.word(s + 32 + word, section.data?.length ?? section.zerofillSize ?? 0, is64)
        const rest = s + 32 + 2 * word
        out.u32(rest, layout.sectionOffsets[index][i])
        out.u32(rest + 4, section.align ?? 0)
        out.u32(rest + 16, section.flags ?? (section.zerofillSize !== undefined ? S.ZEROFILL : S.REGULAR))
        out.u32(rest + 20, section.reserved1 ?? 0)
        out.u32(rest + 24, section.reserved2 ?? 0)
      })
    },
  }
}

function linkeditCommand(cmd: number, pick: (layout: Layout) => [number, number]): Command {
  return { size: 16, write(out, at, layout) { out.u32(at, cmd); out.u32(at + 4, 16); out.u32(at + 8, pick(layout)[0]); out.u32(at + 12, pick(layout)[1]) } }
}

function fixedCommand(cmd: number, payload: Uint8Array, word: number): Command {
  return { size: alignTo(8 + payload.length, word), write(out, at) { out.u32(at, cmd); out.u32(at + 4, this.size); out.bytes.set(payload, at + 8) } }
}

function u32s(values: number[], little: boolean): Uint8Array {
  const out = new Writer(new Uint8Array(values.length * 4), little)
  values.forEach((value, i) => out.u32(i * 4, value))
  return out.bytes
}

/** The string table as ld64 starts it (" \0": index 1 is the empty string), then each name NUL-terminated. */
function stringTable(names: string[]): { bytes: Uint8Array; offsets: number[] } {
  const offsets: number[] = []
  let text = ' \0'
  for (const name of names) {
    offsets.push(encoder.encode(text).length)
    text += `${name}\0`
  }
  return { bytes: encoder.encode(text.padEnd(alignTo(text.length, 8), '\0')), offsets }
}

function commandsOf(spec: MachoSpec, segments: MachoSegmentSpec[]): Command[] {
  const word = spec.is64 ? 8 : 4
  const little = spec.little ?? true
  const commands: Command[] = segments.map((segment, i) => segmentCommand(spec, segment, i))
  if (spec.idDylib) {
    const { name, timestamp = 1, current = version(1), compat = version(1) } = spec.idDylib
    commands.push(stringCommand(LC.ID_DYLIB, name, [timestamp, current, compat], word))
  }
  const symbols = spec.symbols ?? []
  if (spec.symbols) {
    commands.push({ size: 24, write(out, at, layout) { [LC.SYMTAB, 24, place(layout, 'symbols')[0], symbols.length, ...place(layout, 'strings')].forEach((v, i) => out.u32(at + i * 4, v)) } })
    const locals = symbols.filter((s) => !((s.type ?? 0x0f) & 1)).length
    const defined = symbols.filter((s) => (s.type ?? 0x0f) === 0x0f).length
    commands.push({
      size: 80,
      write(out, at, layout) {
        const fields = [LC.DYSYMTAB, 80, 0, locals, locals, defined, locals + defined, symbols.length - locals - defined]
        fields.forEach((v, i) => out.u32(at + i * 4, v))
        const [offset, size] = place(layout, 'indirect')
        if (size) { out.u32(at + 56, offset); out.u32(at + 60, size / 4) }
      },
    })
  }
  if (spec.uuid) commands.push(fixedCommand(LC.UUID, spec.uuid, 4))
  if (spec.buildVersion) {
    const { platform, minos, sdk, tools = [] } = spec.buildVersion
    commands.push(fixedCommand(LC.BUILD_VERSION, u32s([platform, minos, sdk, tools.length, ...tools.flat()], little), word))
  }
  if (spec.versionMin) commands.push(fixedCommand(spec.versionMin.cmd, u32s([spec.versionMin.version, spec.versionMin.sdk], little), word))
  for (const name of spec.loadDylibs ?? []) commands.push(stringCommand(LC.LOAD_DYLIB, name, [2, version(1311), version(1)], word))
  for (const name of spec.weakDylibs ?? []) commands.push(stringCommand(LC.LOAD_WEAK_DYLIB, name, [2, version(1), version(1)], word))
  for (const name of spec.reexportDylibs ?? []) commands.push(stringCommand(LC.REEXPORT_DYLIB, name, [2, version(1), version(1)], word))
  for (const path of spec.rpaths ?? []) commands.push(stringCommand(LC.RPATH, path, [], word))
  if (spec.dylinker) commands.push(stringCommand(LC.LOAD_DYLINKER, spec.dylinker, [], word))
  if (spec.dyldInfoOnly) {
    commands.push({ size: 48, write(out, at, layout) { [LC.DYLD_INFO_ONLY, 48, ...[0, 1, 2, 3, 4].flatMap((i) => place(layout, `dyld ${i}`))].forEach((v, i) => out.u32(at + i * 4, v)) } })
  }
  if (spec.functionStarts) commands.push(linkeditCommand(LC.FUNCTION_STARTS, (layout) => place(layout, 'functionStarts')))
  ;(spec.linkeditData ?? []).forEach(({ cmd }, i) => commands.push(linkeditCommand(cmd, (layout) => place(layout, `data ${i}`))))
  for (const extra of spec.extraCommands ?? []) commands.push(fixedCommand(extra.cmd, extra.payload, word))
  if (spec.codeSignature) commands.push(linkeditCommand(LC.CODE_SIGNATURE, (layout) => place(layout, 'codeSignature')))
  return commands
}

/** nlist / nlist_64 entries: n_strx, n_type, n_sect, n_desc, n_value. */
function nlists(spec: MachoSpec, offsets: number[]): Uint8Array {
  const size = spec.is64 ? 16 : 12
  const symbols = spec.symbols ?? []
  const out = new Writer(new Uint8Array(symbols.length * size), spec.little ?? true)
  symbols.forEach((symbol, i) => {
    out.u32(i * size, offsets[i])
    out.bytes[i * size + 4] = symbol.type ?? 0x0f
    out.bytes[i * size + 5] = symbol.sect ?? ((symbol.type ?? 0x0f) === 0x01 ? 0 : 1)
    out.word(i * size + 8, symbol.value ?? 0, spec.is64)
  })
  return out.bytes
}

/** Places the segments' sections, then the __LINKEDIT tables, from `start` (the end of the load commands). */
function layOut(segments: MachoSegmentSpec[], start: number, linkedit: [string, Uint8Array][]): Layout {
  const layout: Layout = { sectionOffsets: [], sectionAddrs: [], segments: [], linkedit: new Map() }
  let at = start
  segments.forEach((segment, index) => {
    const fileoff = index === 0 ? 0 : alignTo(at, 16)
    at = fileoff === 0 ? at : fileoff
    const offsets: number[] = []
    const addrs: number[] = []
    const isLinkedit = segment.segname === '__LINKEDIT' && segment.sections.length === 0
    if (isLinkedit) {
      for (const [key, bytes] of linkedit) {
        at = alignTo(at, key === 'codeSignature' ? 16 : 8)
        layout.linkedit.set(key, [at, bytes.length])
        at += bytes.length
      }
    }
    for (const section of segment.sections) {
      if (section.data) {
        at = alignTo(at, 2 ** (section.align ?? 0))
        offsets.push(at)
        addrs.push(0x1000 + at)
        at += section.data.length
      } else {
        offsets.push(0)
        addrs.push(0x1000 + at)
      }
    }
    const zerofill = segment.sections.reduce((sum, s) => sum + (s.zerofillSize ?? 0), 0)
    layout.sectionOffsets.push(offsets)
    layout.sectionAddrs.push(addrs)
    layout.segments.push({ fileoff, filesize: at - fileoff, vmaddr: 0x1000 + fileoff, vmsize: alignTo(at - fileoff + zerofill, 0x1000) })
  })
  return layout
}

export function buildMacho(spec: MachoSpec): Uint8Array {
  const little = spec.little ?? true
  const strings = stringTable((spec.symbols ?? []).map((s) => s.name))
  // ld64's order: dyld info, function starts, other linkedit data, symbols, indirect symbols, strings, signature.
  const linkedit: [string, Uint8Array][] = [
    ...(spec.dyldInfoOnly ?? []).map((bytes, i): [string, Uint8Array] => [`dyld ${i}`, bytes]),
    ['functionStarts', spec.functionStarts ?? new Uint8Array(0)],
    ...(spec.linkeditData ?? []).map(({ data }, i): [string, Uint8Array] => [`data ${i}`, data]),
    ['symbols', spec.symbols ? nlists(spec, strings.offsets) : new Uint8Array(0)],
    ['strings', spec.symbols ? strings.bytes : new Uint8Array(0)],
    ['codeSignature', spec.codeSignature ?? new Uint8Array(0)],
  ].filter(([, bytes]) => (bytes as Uint8Array).length > 0) as [string, Uint8Array][]
  const hasLinkedit = linkedit.length > 0
  const segments = hasLinkedit ? [...spec.segments, { segname: '__LINKEDIT', sections: [], maxprot: 1, initprot: 1 }] : spec.segments
  const commands = commandsOf(spec, segments)
  const headerSize = spec.is64 ? 32 : 28
  const sizeofcmds = commands.reduce((sum, command) => sum + command.size, 0)
  const layout = layOut(segments, headerSize + sizeofcmds, linkedit)
  const last = layout.segments[layout.segments.length - 1]
  const out = new Writer(new Uint8Array(last ? last.fileoff + last.filesize : headerSize + sizeofcmds), little)
  const header = [spec.is64 ? 0xfeedfacf : 0xfeedface, spec.cputype, spec.cpusubtype, spec.filetype, commands.length, sizeofcmds, spec.flags ?? 0x85]
  header.forEach((value, i) => out.u32(i * 4, value))
  let at = headerSize
  for (const command of commands) {
    command.write(out, at, layout)
    at += command.size
  }
  segments.forEach((segment, index) => segment.sections.forEach((section, i) => {
    if (section.data) out.bytes.set(section.data, layout.sectionOffsets[index][i])
  }))
  for (const [key, bytes] of linkedit) out.bytes.set(bytes, place(layout, key)[0])
  return out.bytes
}

/** A universal file (`<mach-o/fat.h>`, always big-endian): fat_header, fat_arch (or fat_arch_64) entries, slices. */
export function buildFat(slices: { cputype: number; cpusubtype: number; bytes: Uint8Array; align?: number }[], options: { is64?: boolean } = {}): Uint8Array {
  const entrySize = options.is64 ? 32 : 20
  let at = 8 + slices.length * entrySize
  const offsets = slices.map((slice) => {
    at = alignTo(at, 2 ** (slice.align ?? 12))
    const offset = at
    at += slice.bytes.length
    return offset
  })
  const out = new Writer(new Uint8Array(at), false)
  out.u32(0, options.is64 ? 0xcafebabf : 0xcafebabe)
  out.u32(4, slices.length)
  slices.forEach((slice, i) => {
    const e = 8 + i * entrySize
    out.u32(e, slice.cputype)
    out.u32(e + 4, slice.cpusubtype)
    if (options.is64) {
      out.u64(e + 8, offsets[i])
      out.u64(e + 16, slice.bytes.length)
      out.u32(e + 24, slice.align ?? 12)
    } else {
      out.u32(e + 8, offsets[i])
      out.u32(e + 12, slice.bytes.length)
      out.u32(e + 16, slice.align ?? 12)
    }
    out.bytes.set(slice.bytes, offsets[i])
  })
  return out.bytes
}

const code = (...bytes: number[]) => new Uint8Array(bytes)

/**
 * A small x86_64 dylib as two builds could differ: __TEXT (__text, __cstring with a build path), __DATA
 * (__data, a zero-fill __bss), LC_ID_DYLIB, LC_LOAD_DYLIB, LC_RPATH, LC_BUILD_VERSION, LC_UUID, LC_SYMTAB.
 */
export function sampleDylib(options: { uuidByte?: number; cstring?: string; is64?: boolean; cputype?: number; cpusubtype?: number } = {}): Uint8Array {
  const is64 = options.is64 ?? true
  return buildMacho({
    is64, cputype: options.cputype ?? CPU.X86_64, cpusubtype: options.cpusubtype ?? 3, filetype: MH.DYLIB, flags: 0x100085,
    segments: [
      { segname: '__TEXT', sections: [
        { sectname: '__text', align: 4, flags: S.ATTR_PURE_INSTRUCTIONS | S.ATTR_SOME_INSTRUCTIONS, data: code(0x55, 0x48, 0x89, 0xe5, 0x31, 0xc0, 0x5d, 0xc3) },
        { sectname: '__cstring', flags: S.CSTRING_LITERALS, data: encoder.encode(`${options.cstring ?? 'built in /tmp/build-a'}\0hello\0`) },
      ] },
      { segname: '__DATA', sections: [
        { sectname: '__data', align: 3, data: code(1, 2, 3, 4, 5, 6, 7, 8) },
        { sectname: '__bss', align: 3, zerofillSize: 64 },
      ] },
    ],
    idDylib: { name: '@rpath/libdemo.dylib', timestamp: 1, current: version(1, 2, 3), compat: version(1) },
    loadDylibs: ['/usr/lib/libSystem.B.dylib'],
    rpaths: ['@loader_path/../lib'],
    buildVersion: { platform: 1, minos: version(11), sdk: version(13, 1), tools: [[3, version(857, 1)]] },
    uuid: new Uint8Array(16).map((_, i) => (options.uuidByte ?? 0xa0) + i),
    symbols: [
      { name: '_demo_banner', value: 0x1000 },
      { name: '_demo_root', value: 0x1004 },
      { name: '_printf', type: 0x01 },
    ],
  })
}

/** An arm64 MH_BUNDLE as CPython's extension modules are (-bundle -undefined dynamic_lookup), ad-hoc signed. */
export function sampleBundle(options: { signature?: number } = {}): Uint8Array {
  return buildMacho({
    is64: true, cputype: CPU.ARM64, cpusubtype: 0, filetype: MH.BUNDLE, flags: 0x200085,
    segments: [
      { segname: '__TEXT', sections: [
        { sectname: '__text', align: 2, flags: S.ATTR_PURE_INSTRUCTIONS | S.ATTR_SOME_INSTRUCTIONS, data: code(0x00, 0x00, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6) },
        { sectname: '__cstring', flags: S.CSTRING_LITERALS, data: encoder.encode('_speedups\0/Users/runner/work/demo/src/_speedups.c\0') },
      ] },
      { segname: '__DATA_CONST', sections: [{ sectname: '__got', align: 3, flags: 6, data: new Uint8Array(8), reserved1: 3 }] },
    ],
    loadDylibs: ['/usr/lib/libSystem.B.dylib'],
    buildVersion: { platform: 1, minos: version(11), sdk: version(14, 2) },
    uuid: new Uint8Array(16).fill(0x5c),
    symbols: [
      { name: '_PyInit__speedups', value: 0x4000 },
      { name: '_PyArg_ParseTuple', type: 0x01 },
      { name: '_PyModule_Create2', type: 0x01 },
    ],
    functionStarts: code(0x80, 0x80, 0x01, 0, 0, 0, 0, 0),
    codeSignature: new Uint8Array(64).fill(options.signature ?? 0xfa),
  })
}

/** A 32-bit i386 dylib with LC_VERSION_MIN_MACOSX instead of LC_BUILD_VERSION (as older SDKs wrote). */
export function sampleI386(): Uint8Array {
  return buildMacho({
    is64: false, cputype: CPU.I386, cpusubtype: 3, filetype: MH.DYLIB, flags: 0x85,
    segments: [
      { segname: '__TEXT', sections: [
        { sectname: '__text', align: 4, flags: S.ATTR_PURE_INSTRUCTIONS | S.ATTR_SOME_INSTRUCTIONS, data: code(0x55, 0x89, 0xe5, 0x31, 0xc0, 0x5d, 0xc3) },
        { sectname: '__cstring', flags: S.CSTRING_LITERALS, data: encoder.encode('i386 build\0') },
      ] },
      { segname: '__DATA', sections: [{ sectname: '__data', align: 2, data: code(9, 9, 9, 9) }] },
    ],
    idDylib: { name: '/usr/local/lib/libold.dylib', timestamp: 1234567890 },
    loadDylibs: ['/usr/lib/libSystem.B.dylib', '/usr/lib/libz.1.dylib'],
    weakDylibs: ['/usr/lib/libweak.dylib'],
    versionMin: { cmd: LC.VERSION_MIN_MACOSX, version: version(10, 6), sdk: version(10, 9, 1) },
    uuid: new Uint8Array(16).map((_, i) => i * 17),
    symbols: [{ name: '_local_helper', type: 0x0e, value: 0x1004 }, { name: '_old_entry', value: 0x1000 }, { name: 'dyld_stub_binder', type: 0x01 }],
  })
}

/** A universal file of the x86_64 dylib and the same dylib built for arm64. */
export function sampleFat(options: { is64?: boolean; uuidByte?: number } = {}): Uint8Array {
  return buildFat([
    { cputype: CPU.X86_64, cpusubtype: 3, bytes: sampleDylib({ uuidByte: options.uuidByte }) },
    { cputype: CPU.ARM64, cpusubtype: 0, bytes: sampleDylib({ cputype: CPU.ARM64, cpusubtype: 0, uuidByte: 0x30 }), align: 14 },
  ], { is64: options.is64 })
}

function u64s(values: bigint[]): Uint8Array {
  const out = new Writer(new Uint8Array(values.length * 8), true)
  values.forEach((value, i) => out.u64(i * 8, value))
  return out.bytes
}

/**
 * An x86_64 executable as ld64 links one for macOS 10.x: LC_DYLD_INFO_ONLY's opcode streams, LC_LOAD_DYLINKER,
 * LC_MAIN, LC_SOURCE_VERSION, LC_DATA_IN_CODE; or (`chained`) an arm64 one with LC_DYLD_CHAINED_FIXUPS and
 * LC_DYLD_EXPORTS_TRIE as ld64 writes them for macOS 12 and later.
 */
export function sampleExecutable(options: { chained?: boolean } = {}): Uint8Array {
  const linkeditData = options.chained
    ? [{ cmd: LC.DYLD_CHAINED_FIXUPS, data: new Uint8Array(56).fill(3) }, { cmd: LC.DYLD_EXPORTS_TRIE, data: code(0, 1, 0x5f, 0, 5, 0, 0, 0) }]
    : [{ cmd: LC.DATA_IN_CODE, data: new Uint8Array(8).fill(1) }]
  return buildMacho({
    is64: true, cputype: options.chained ? CPU.ARM64 : CPU.X86_64, cpusubtype: options.chained ? 0 : 3, filetype: MH.EXECUTE, flags: 0x200085,
    segments: [{ segname: '__TEXT', sections: [{ sectname: '__text', align: 4, flags: S.ATTR_PURE_INSTRUCTIONS | S.ATTR_SOME_INSTRUCTIONS, data: code(0x31, 0xc0, 0xc3) }] }],
    dylinker: '/usr/lib/dyld',
    ...(options.chained ? {} : { dyldInfoOnly: [code(0x11, 0x22, 0, 0), code(0x72, 0, 0x12, 0x40, 0x5f, 0, 0x90, 0), new Uint8Array(0), code(0x73, 0, 0, 0), code(0, 1, 0x5f, 0)] as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array] }),
    loadDylibs: ['/usr/lib/libSystem.B.dylib'],
    linkeditData,
    extraCommands: [{ cmd: LC.MAIN, payload: u64s([0x3f0n, 0n]) }, { cmd: LC.SOURCE_VERSION, payload: u64s([(1n << 40n) | (2n << 30n) | (3n << 20n) | (4n << 10n) | 5n]) }],
    uuid: new Uint8Array(16).fill(0xe0),
    buildVersion: { platform: 1, minos: version(10, 15), sdk: version(14, 0) },
    symbols: [{ name: '__mh_execute_header', value: 0x1000 }, { name: '_main', value: 0x13f0 }],
  })
}
