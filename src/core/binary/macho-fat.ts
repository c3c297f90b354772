/**
 * Universal ("fat") Mach-O files (`<mach-o/fat.h>`, always big-endian): fat_header (magic, nfat_arch), then
 * nfat_arch `fat_arch` (20 bytes) or `fat_arch_64` (32 bytes) entries, each naming one thin file by offset and
 * size. Each slice is parsed as a thin file of its own; a malformed slice is an error of that slice only, and
 * its bytes are still hashed. The top structure's sections are the slices' bytes, `(slice x86_64)`.
 */
import { fail, toCoreError } from '../errors'
import { bytesOutside, byteView, MAX_SAFE, OUTSIDE_SECTIONS_FACT, readU32, readU64, sha256Of, type ByteView } from './byte-view'
import { archName } from './macho-names'
import type { BinaryHeaderField, BinarySection, BinaryStructure } from './types'

const FAT_MAGIC = 0xcafebabe
const FAT_MAGIC_64 = 0xcafebabf
/**
 * 0xcafebabe is also a Java class file, whose major version (45 and up) sits where nfat_arch is: `file(1)` and
 * Apple's tools take it as fat only when nfat_arch is small (file's magic: "cafebabe ... >4 belong <30").
 */
const MAX_DETECTED_ARCHS = 30
/** More architectures than any universal file has; a hostile count in a fat_arch_64 file fails by name. */
const MAX_FAT_ARCHS = 1024
/** The fact naming the architectures, in fat_arch order. */
export const ARCHITECTURES_FACT = 'architectures'

const u32be = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, false)

/** A fat header whose first fat_arch lies inside `head` (detection sees the first bytes only). */
export function isFat(head: Uint8Array): boolean {
  if (head.length < 8) return false
  const magic = u32be(head, 0)
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) return false
  const nfat_arch = u32be(head, 4)
  const entrySize = magic === FAT_MAGIC_64 ? 32 : 20
  return nfat_arch >= 1 && nfat_arch <= MAX_DETECTED_ARCHS && head.length >= 8 + entrySize
}

interface FatArch {
  arch: string
  offset: number
  size: number
  /** Where its entry is in the fat header, for errors. */
  at: number
}

/** `fat_arch`: cputype, cpusubtype, offset, size, align; `fat_arch_64` widens offset and size and adds reserved. */
function readFatArch(fat: ByteView, at: number, index: number, header: BinaryHeaderField[]): FatArch {
  const { is64 } = fat
  const cputype = readU32(fat, at, 'cputype')
  const cpusubtype = readU32(fat, at + 4, 'cpusubtype')
  const wide = (field: number) => {
    const value = readU64(fat, field, 'fat_arch_64 field')
    if (value > MAX_SAFE) fail('CORRUPT_STRUCTURE', `Mach-O fat_arch[${index}] at offset ${at}: a value beyond any file size (0x${value.toString(16)})`, { offset: field })
    return Number(value)
  }
  const offset = is64 ? wide(at + 8) : readU32(fat, at + 8, 'offset')
  const size = is64 ? wide(at + 16) : readU32(fat, at + 12, 'size')
  const align = readU32(fat, at + (is64 ? 24 : 16), 'align')
  const fields: [string, number][] = [['cputype', cputype], ['cpusubtype', cpusubtype], ['offset', offset], ['size', size], ['align', align]]
  if (is64) fields.push(['reserved', readU32(fat, at + 28, 'reserved')])
  for (const [field, value] of fields) header.push({ field: `fat_arch[${index}].${field}`, value })
  return { arch: archName(cputype, cpusubtype), offset, size, at }
}

/** Why a slice cannot be read as a thin file, before parsing it: past the end, over the headers, over another slice. */
function placementError(slice: FatArch, index: number, tableEnd: number, length: number, placed: FatArch[]): { code: 'TRUNCATED' | 'CORRUPT_STRUCTURE'; message: string } | null {
  const what = `fat_arch[${index}] (${slice.arch}, offset ${slice.offset}, ${slice.size} bytes)`
  if (slice.offset + slice.size > length) return { code: 'TRUNCATED', message: `Mach-O ${what} runs past the end of the file (${length} bytes)` }
  if (slice.offset < tableEnd) return { code: 'CORRUPT_STRUCTURE', message: `Mach-O ${what} overlaps the fat header, which ends at offset ${tableEnd}` }
  for (const other of placed) {
    if (slice.offset < other.offset + other.size && other.offset < slice.offset + slice.size) {
      return { code: 'CORRUPT_STRUCTURE', message: `Mach-O ${what} overlaps the ${other.arch} slice (offset ${other.offset}, ${other.size} bytes)` }
    }
  }
  return null
}

/** A slice that could not be read: no fields, and the error as a fact (its offset in the whole file). */
function sliceError(code: string, message: string, offset: number | undefined): BinaryStructure {
  const where = offset === undefined ? '' : ` at offset ${offset}`
  return { format: 'macho', header: [], sections: [], facts: { '(slice error)': `${code}${where}: ${message}` } }
}

export function parseFat(bytes: Uint8Array, parseThin: (bytes: Uint8Array, base: number) => BinaryStructure): BinaryStructure {
  if (bytes.length < 8) fail('TRUNCATED', `Mach-O fat_header needs 8 bytes, the file has ${bytes.length}`, { offset: 0 })
  const magic = u32be(bytes, 0)
  const nfat_arch = u32be(bytes, 4)
  const is64 = magic === FAT_MAGIC_64
  // fat.h: "All structures defined here are always written and read to/from disk in big-endian order".
  const fat = byteView(bytes, 'Mach-O', false, is64)
  const entrySize = is64 ? 32 : 20
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) fail('CORRUPT_STRUCTURE', `Not a universal Mach-O file: magic 0x${magic.toString(16)}`, { offset: 0 })
  if (nfat_arch === 0) fail('CORRUPT_STRUCTURE', 'Mach-O fat_header: nfat_arch is 0, a universal file with no architecture', { offset: 4 })
  if (nfat_arch > MAX_FAT_ARCHS) fail('LIMIT_EXCEEDED', `Mach-O fat_header: nfat_arch is ${nfat_arch}, more than the ${MAX_FAT_ARCHS} architectures that are read`, { offset: 4 })
  const tableEnd = 8 + nfat_arch * entrySize
  if (tableEnd > bytes.length) fail('TRUNCATED', `Mach-O fat_header: ${nfat_arch} fat_arch entries (${tableEnd - 8} bytes from offset 8) run past the end of the file (${bytes.length} bytes)`, { offset: 8 })
  const header: BinaryHeaderField[] = [{ field: 'magic', value: magic }, { field: 'nfat_arch', value: nfat_arch }]
  const sections: BinarySection[] = []
  const slices: NonNullable<BinaryStructure['slices']> = []
  const covered: [number, number][] = [[0, tableEnd]]
  const placed: FatArch[] = []
  for (let index = 0; index < nfat_arch; index++) {
    const slice = readFatArch(fat, 8 + index * entrySize, index, header)
    const problem = placementError(slice, index, tableEnd, bytes.length, placed)
    const inside = slice.offset + slice.size <= bytes.length
    const sliceBytes = inside ? bytes.subarray(slice.offset, slice.offset + slice.size) : null
    sections.push({
      name: `(slice ${slice.arch})`,
      size: slice.size,
      sha256: sliceBytes ? sha256Of(sliceBytes) : null,
      facts: { offset: slice.offset },
      ...(sliceBytes && slice.size > 0 ? { fileRange: { offset: slice.offset, size: slice.size } } : {}),
    })
    if (sliceBytes) covered.push([slice.offset, slice.offset + slice.size])
    if (problem) {
      slices.push({ arch: slice.arch, structure: sliceError(problem.code, problem.message, slice.offset) })
      continue
    }
    placed.push(slice)
    slices.push({ arch: slice.arch, structure: parseSlice(sliceBytes!, slice.offset, parseThin) })
  }
  const facts = { [ARCHITECTURES_FACT]: slices.map((slice) => slice.arch), [OUTSIDE_SECTIONS_FACT]: bytesOutside(bytes, covered) }
  return { format: 'macho', header, sections, facts, slices }
}

function parseSlice(bytes: Uint8Array, base: number, parseThin: (bytes: Uint8Array, base: number) => BinaryStructure): BinaryStructure {
  try {
    return parseThin(bytes, base)
  } catch (thrown) {
    const error = toCoreError(thrown)
    return sliceError(error.code, error.message, error.offset)
  }
}
