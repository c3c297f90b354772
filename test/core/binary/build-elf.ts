/**
 * Builds ELF files byte by byte (gABI chapter 4), for the cases gcc cannot make here: 32-bit, big-endian,
 * extended section numbering, and hostile headers. Layout: file header, section data in order (8-aligned),
 * `.shstrtab` last, then the section header table.
 */

export const SHT = { PROGBITS: 1, SYMTAB: 2, STRTAB: 3, DYNAMIC: 6, NOTE: 7, NOBITS: 8, DYNSYM: 11 } as const

export interface SectionSpec {
  name: string
  type: number
  data?: Uint8Array
  /** For SHT_NOBITS: the size it occupies in memory only. */
  size?: number
  flags?: number
  addr?: number
  /** Index of a linked section (a string table), counting the null section 0. */
  link?: number
  info?: number
  align?: number
  entsize?: number
}

export interface ElfSpec {
  is64: boolean
  little: boolean
  sections: SectionSpec[]
  /** Write e_shnum = 0 and e_shstrndx = SHN_XINDEX, the real values in section 0 (gABI extended numbering). */
  extendedNumbering?: boolean
  e_type?: number
  e_machine?: number
  e_entry?: bigint
  e_flags?: number
  osabi?: number
}

class Writer {
  readonly bytes: Uint8Array
  readonly view: DataView
  constructor(size: number, readonly little: boolean, readonly is64: boolean) {
    this.bytes = new Uint8Array(size)
    this.view = new DataView(this.bytes.buffer)
  }
  u16(at: number, value: number) { this.view.setUint16(at, value, this.little) }
  u32(at: number, value: number) { this.view.setUint32(at, value, this.little) }
  word(at: number, value: number | bigint) {
    if (this.is64) this.view.setBigUint64(at, BigInt(value), this.little)
    else this.view.setUint32(at, Number(value), this.little)
  }
}

/** A string table: NUL first, then each string NUL-terminated; returns the offset of each. */
export function stringTable(strings: string[]): { bytes: Uint8Array; offsets: number[] } {
  const parts = ['']
  const offsets: number[] = []
  let at = 1
  for (const text of strings) {
    offsets.push(at)
    parts.push(text)
    at += new TextEncoder().encode(text).length + 1
  }
  return { bytes: new TextEncoder().encode(parts.join('\0') + '\0'), offsets }
}

/** One note: namesz, descsz, type, name and desc each padded to 4 (gABI "Note Section"). */
export function note(name: string, type: number, desc: Uint8Array, little: boolean): Uint8Array {
  const nameBytes = new TextEncoder().encode(`${name}\0`)
  const pad = (n: number) => Math.ceil(n / 4) * 4
  const out = new Writer(12 + pad(nameBytes.length) + pad(desc.length), little, false)
  out.u32(0, nameBytes.length)
  out.u32(4, desc.length)
  out.u32(8, type)
  out.bytes.set(nameBytes, 12)
  out.bytes.set(desc, 12 + pad(nameBytes.length))
  return out.bytes
}

/** `Elf_Dyn` entries (d_tag, d_val), terminated by DT_NULL. */
export function dynamicEntries(entries: [number, number][], is64: boolean, little: boolean): Uint8Array {
  const size = is64 ? 16 : 8
  const out = new Writer((entries.length + 1) * size, little, is64)
  entries.forEach(([tag, value], i) => {
    out.word(i * size, tag)
    out.word(i * size + size / 2, value)
  })
  return out.bytes
}

/** `Elf_Sym` entries with only st_name set (a null symbol first, as gABI requires). */
export function symbolEntries(nameOffsets: number[], is64: boolean, little: boolean): Uint8Array {
  const size = is64 ? 24 : 16
  const out = new Writer((nameOffsets.length + 1) * size, little, is64)
  nameOffsets.forEach((offset, i) => out.u32((i + 1) * size, offset))
  return out.bytes
}

const align8 = (n: number) => Math.ceil(n / 8) * 8

export function buildElf(spec: ElfSpec): Uint8Array {
  const { is64, little } = spec
  const names = stringTable([...spec.sections.map((s) => s.name), '.shstrtab'])
  const sections: SectionSpec[] = [...spec.sections, { name: '.shstrtab', type: SHT.STRTAB, data: names.bytes }]
  const ehsize = is64 ? 64 : 52
  const shentsize = is64 ? 64 : 40
  const offsets: number[] = []
  let at = ehsize
  for (const section of sections) {
    at = align8(at)
    offsets.push(at)
    if (section.type !== SHT.NOBITS) at += section.data?.length ?? 0
  }
  const shoff = align8(at)
  const count = sections.length + 1
  const out = new Writer(shoff + count * shentsize, little, is64)
  writeHeader(out, spec, shoff, count)
  sections.forEach((section, i) => {
    if (section.data && section.type !== SHT.NOBITS) out.bytes.set(section.data, offsets[i])
    const size = section.type === SHT.NOBITS ? (section.size ?? 0) : (section.data?.length ?? 0)
    writeSectionHeader(out, shoff + (i + 1) * shentsize, { ...section, offset: offsets[i], size, nameOffset: names.offsets[i] })
  })
  if (spec.extendedNumbering) {
    // Section 0 holds the real count in sh_size and the name table's index in sh_link.
    writeSectionHeader(out, shoff, { name: '', type: 0, offset: 0, size: count, nameOffset: 0, link: count - 1 })
  }
  return out.bytes
}

function writeHeader(out: Writer, spec: ElfSpec, shoff: number, count: number) {
  const word = spec.is64 ? 8 : 4
  out.bytes.set([0x7f, 0x45, 0x4c, 0x46, spec.is64 ? 2 : 1, spec.little ? 1 : 2, 1, spec.osabi ?? 0])
  out.u16(16, spec.e_type ?? 3)
  out.u16(18, spec.e_machine ?? 62)
  out.u32(20, 1)
  out.word(24, spec.e_entry ?? 0n)
  out.word(24 + 2 * word, shoff)
  const flagsAt = 24 + 3 * word
  out.u32(flagsAt, spec.e_flags ?? 0)
  out.u16(flagsAt + 4, spec.is64 ? 64 : 52)
  out.u16(flagsAt + 6, spec.is64 ? 56 : 32)
  out.u16(flagsAt + 10, spec.is64 ? 64 : 40)
  out.u16(flagsAt + 12, spec.extendedNumbering ? 0 : count)
  out.u16(flagsAt + 14, spec.extendedNumbering ? 0xffff : count - 1)
}

function writeSectionHeader(out: Writer, at: number, s: SectionSpec & { offset: number; size: number; nameOffset: number }) {
  const word = out.is64 ? 8 : 4
  out.u32(at, s.nameOffset)
  out.u32(at + 4, s.type)
  out.word(at + 8, s.flags ?? 0)
  out.word(at + 8 + word, s.addr ?? 0)
  out.word(at + 8 + 2 * word, s.offset)
  out.word(at + 8 + 3 * word, s.size)
  out.u32(at + 8 + 4 * word, s.link ?? 0)
  out.u32(at + 12 + 4 * word, s.info ?? 0)
  out.word(at + 16 + 4 * word, s.align ?? 1)
  out.word(at + 16 + 5 * word, s.entsize ?? 0)
}

/**
 * A small shared library as two builds could differ: a build-id note, `.comment`, a dynamic section with
 * DT_SONAME, DT_NEEDED and DT_RUNPATH into `.dynstr`, `.dynsym`, data, and a `.bss`.
 */
export function sampleLibrary(options: { is64: boolean; little: boolean; buildId?: number; symbols?: string[]; data?: string; extendedNumbering?: boolean }): Uint8Array {
  const { is64, little } = options
  const symbols = options.symbols ?? ['demo_banner', 'demo_root']
  const dynstr = stringTable(['libdemo.so.1', 'libm.so.6', '$ORIGIN/lib', ...symbols])
  const DT_NEEDED = 1, DT_SONAME = 14, DT_RUNPATH = 29
  // Section indices count the null section 0: .note 1, .dynstr 2, .dynsym 3, .dynamic 4, …
  return buildElf({
    is64, little, extendedNumbering: options.extendedNumbering,
    sections: [
      { name: '.note.gnu.build-id', type: SHT.NOTE, flags: 2, align: 4, data: note('GNU', 3, new Uint8Array(20).fill(options.buildId ?? 0xab), little) },
      { name: '.dynstr', type: SHT.STRTAB, flags: 2, data: dynstr.bytes },
      { name: '.dynsym', type: SHT.DYNSYM, flags: 2, link: 2, info: 1, entsize: is64 ? 24 : 16, align: 8, data: symbolEntries(dynstr.offsets.slice(3), is64, little) },
      { name: '.dynamic', type: SHT.DYNAMIC, flags: 3, link: 2, entsize: is64 ? 16 : 8, align: 8, data: dynamicEntries([[DT_NEEDED, dynstr.offsets[1]], [DT_SONAME, dynstr.offsets[0]], [DT_RUNPATH, dynstr.offsets[2]]], is64, little) },
      { name: '.data', type: SHT.PROGBITS, flags: 3, addr: 0x4000, data: new TextEncoder().encode(options.data ?? 'built in /tmp/build-a') },
      { name: '.bss', type: SHT.NOBITS, flags: 3, addr: 0x5000, size: 64 },
      { name: '.comment', type: SHT.PROGBITS, flags: 0x30, entsize: 1, data: new TextEncoder().encode('GCC: (Debian 12.2.0-14) 12.2.0\0') },
    ],
  })
}
