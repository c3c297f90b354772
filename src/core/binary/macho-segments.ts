/**
 * LC_SEGMENT / LC_SEGMENT_64 and their sections (loader.h `segment_command(_64)`, `section(_64)`): one
 * BinarySection per section, named `segname,sectname` as otool and ld64 name them (`__TEXT,__text`), hashed over
 * its bytes in the file, with its table fields as facts; the segment's own fields as one fact.
 */
import { fail } from '../errors'
import { corrupt, need, readFixedName, readU32, readWord, readWordNumber, sha256Of, wordValue, type ByteView } from './byte-view'
import { cover, setFact, tableSection, type LoadCommand, type ThinReading } from './macho-reading'
import { ZEROFILL_TYPES, SECTION_TYPE, sectionTypeName } from './macho-names'
import { hex } from './macho-view'
import type { BinarySection } from './types'

/** More sections than any real image has (ld64 allows 255 per image); a hostile count fails by name. */
export const MAX_SECTIONS = 100_000
/** loader.h `struct relocation_info`: 8 bytes. */
const RELOCATION_SIZE = 8

export const segmentHeaderSize = (is64: boolean) => (is64 ? 72 : 56)
const sectionSize = (is64: boolean) => (is64 ? 80 : 68)

/** A `char[16]` name field covers its bytes up to and with its NUL; bytes after the NUL stand for nothing. */
function coverName(reading: ThinReading, at: number, length: number): void {
  cover(reading, at, at + Math.min(16, length + 1))
}

/** `struct section` (68 bytes) / `struct section_64` (80 bytes): addr and size widen, reserved3 is 64-bit only. */
function readSection(reading: ThinReading, at: number): BinarySection {
  const { file } = reading
  const w = file.is64 ? 8 : 4
  const sectname = readFixedName(file, at, 16, 'sectname')
  const segname = readFixedName(file, at + 16, 16, 'segname')
  const addr = readWord(file, at + 32, 'section addr')
  const size = readWordNumber(file, at + 32 + w, 'section size')
  const fieldsAt = at + 32 + 2 * w
  const [offset, align, reloff, nreloc, flags, reserved1, reserved2] = [0, 1, 2, 3, 4, 5, 6].map((i) => readU32(file, fieldsAt + 4 * i, 'section field'))
  const name = `${segname.name},${sectname.name}`
  const facts: Record<string, string | number> = { addr: wordValue(addr), offset, align, reloff, nreloc, flags, type: sectionTypeName(flags), reserved1, reserved2 }
  if (file.is64) facts.reserved3 = readU32(file, fieldsAt + 28, 'section reserved3')
  // `a,b` + `c` and `a` + `b,c` would show as one name: such names stay with the bytes outside sections.
  if (!sectname.name.includes(',') && !segname.name.includes(',')) {
    coverName(reading, at, sectname.length)
    coverName(reading, at + 16, segname.length)
  }
  cover(reading, at + 32, at + sectionSize(file.is64))
  const section: BinarySection = { name, size, sha256: null, facts }
  // Zero-fill sections have no bytes in the file (loader.h S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL);
  // offset 0 is how ld64 writes a section whose contents were not kept (a dSYM's copy of __TEXT).
  if (!ZEROFILL_TYPES.has(flags & SECTION_TYPE) && offset !== 0) {
    need(file, offset, size, `section ${name} data`)
    section.sha256 = sha256Of(file.bytes.subarray(offset, offset + size))
    if (size > 0) section.fileRange = { offset: file.base + offset, size }
    cover(reading, offset, offset + size)
  }
  return section
}

/** Relocation entries of an object file's section, which no section holds, as `(relocations segname,sectname)`. */
function relocations(reading: ThinReading, section: BinarySection, at: number): void {
  const facts = section.facts!
  const nreloc = facts.nreloc as number
  if (nreloc === 0) return
  const fieldsAt = at + 32 + 2 * (reading.file.is64 ? 8 : 4)
  tableSection(reading, `(relocations ${section.name})`, facts.reloff as number, nreloc * RELOCATION_SIZE, { nreloc }, [fieldsAt + 8, fieldsAt + 16])
}

function checkSectionCount(file: ByteView, reading: ThinReading, nsects: number, at: number): void {
  reading.sectionCount += nsects
  if (reading.sectionCount > MAX_SECTIONS) {
    fail('LIMIT_EXCEEDED', `Mach-O declares more than ${MAX_SECTIONS.toLocaleString('en')} sections, more than are read`, { offset: file.base + at })
  }
}

/** `segment_command(_64)`: segname, vmaddr, vmsize, fileoff, filesize, maxprot, initprot, nsects, flags, then the sections. */
export function readSegment(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const { at, cmdsize, name } = command
  const w = file.is64 ? 8 : 4
  const segname = readFixedName(file, at + 8, 16, 'segname')
  const [vmaddr, vmsize, fileoff, filesize] = [0, 1, 2, 3].map((i) => readWord(file, at + 24 + i * w, 'segment field'))
  const rest = at + 24 + 4 * w
  const [maxprot, initprot, nsects, flags] = [0, 1, 2, 3].map((i) => readU32(file, rest + 4 * i, 'segment field'))
  const needed = segmentHeaderSize(file.is64) + nsects * sectionSize(file.is64)
  if (cmdsize < needed) corrupt(file, at, `${name} ${segname.name} at offset ${file.base + at}: cmdsize ${cmdsize} is too small for its ${nsects} sections (${needed} bytes)`)
  checkSectionCount(file, reading, nsects, at)
  const values = `vmaddr 0x${vmaddr.toString(16)} vmsize 0x${vmsize.toString(16)} fileoff ${wordValue(fileoff)} filesize ${wordValue(filesize)} maxprot ${maxprot} initprot ${initprot} nsects ${nsects} flags ${hex(flags)}`
  setFact(reading, `${name} ${segname.name}`, values)
  coverName(reading, at + 8, segname.length)
  cover(reading, at + 24, at + segmentHeaderSize(file.is64))
  for (let i = 0; i < nsects; i++) {
    const sectionAt = at + segmentHeaderSize(file.is64) + i * sectionSize(file.is64)
    const section = readSection(reading, sectionAt)
    reading.sections.push(section)
    relocations(reading, section, sectionAt)
  }
}
