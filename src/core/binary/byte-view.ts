/**
 * What the ELF, Mach-O and PE readers share, so that each rule is written once. First the one way they read a
 * member's bytes: every read bounds-checked, a short or inconsistent file a coded error with its offset, never
 * an exception of another kind and never an `undefined` field. A view may be a part of the parsed file (a slice
 * of a universal Mach-O file): offsets passed in are in the view, offsets in errors are in the whole file
 * (`base` added), so a reviewer can find them. Then names as they are shown, the budget on decoding them, the
 * bytes no section holds, and the structure every reader returns.
 */
import { fail } from '../errors'
import { Sha256 } from '../util/sha256-stream'
import { decodeName } from '../util/text'
import type { BinaryFormatName, BinaryHeaderField, BinarySection, BinaryStructure } from './types'

/** Names the format at the start of every message. */
export type BinaryLabel = 'ELF' | 'Mach-O' | 'PE'

export interface ByteView {
  /** The bytes read (a slice of a fat file is a subarray). */
  bytes: Uint8Array
  view: DataView
  little: boolean
  /** Whether `readWord` reads 8 bytes (ELFCLASS64, MH_MAGIC_64) or 4. */
  is64: boolean
  /** Where `bytes` starts in the parsed file: 0, or the fat_arch offset of a Mach-O slice. */
  base: number
  label: BinaryLabel
}

/** The largest integer a number holds exactly (2^53 - 1): larger 64-bit values are kept as bigint or hex. */
export const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

export function byteView(bytes: Uint8Array, label: BinaryLabel, little: boolean, is64: boolean, base = 0): ByteView {
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), little, is64, base, label }
}

/** Fails with TRUNCATED unless `length` bytes are there at `at` (`what` names the structure for the message). */
export function need(file: ByteView, at: number, length: number, what: string): void {
  if (at < 0 || length < 0 || at + length > file.bytes.length) {
    const where = file.base + at
    fail('TRUNCATED', `${file.label} ${what} at offset ${where} (${length} bytes) runs past the end of the file (${file.base + file.bytes.length} bytes)`, { offset: where })
  }
}

/** A structure error at `at` in the view, reported at its offset in the parsed file. */
export function corrupt(file: ByteView, at: number, message: string): never {
  return fail('CORRUPT_STRUCTURE', `${file.label} ${message}`, { offset: file.base + at })
}

export function readU8(file: ByteView, at: number, what: string): number {
  need(file, at, 1, what)
  return file.bytes[at]
}

export function readU16(file: ByteView, at: number, what: string): number {
  need(file, at, 2, what)
  return file.view.getUint16(at, file.little)
}

export function readU32(file: ByteView, at: number, what: string): number {
  need(file, at, 4, what)
  return file.view.getUint32(at, file.little)
}

export function readU64(file: ByteView, at: number, what: string): bigint {
  need(file, at, 8, what)
  return file.view.getBigUint64(at, file.little)
}

/** A 4-byte field of 32-bit structures that is 8 bytes in their 64-bit forms (addresses, sizes, file offsets). */
export function readWord(file: ByteView, at: number, what: string): bigint {
  return file.is64 ? readU64(file, at, what) : BigInt(readU32(file, at, what))
}

/**
 * Named 4-byte fields of one structure at `at`: `offsets` maps each spec field name to its offset in the
 * structure, and the name is what a TRUNCATED error names.
 */
export function readU32Fields<Name extends string>(file: ByteView, at: number, offsets: Readonly<Record<Name, number>>): Record<Name, number> {
  const values = {} as Record<Name, number>
  for (const name of Object.keys(offsets) as Name[]) values[name] = readU32(file, at + offsets[name], name)
  return values
}

/** Numbers as numbers; a 64-bit value beyond 2^53 as a hex string, never rounded (docs/report-format.md). */
export function wordValue(value: bigint): number | string {
  return value <= MAX_SAFE ? Number(value) : `0x${value.toString(16)}`
}

/** A word used as an offset or size: beyond 2^53 it cannot lie inside any file, so it is corrupt. */
export function wordNumber(file: ByteView, value: bigint, what: string, at: number): number {
  if (value > MAX_SAFE) corrupt(file, at, `${what} at offset ${file.base + at} is 0x${value.toString(16)}, beyond any file size`)
  return Number(value)
}

/** readWord then wordNumber: an offset or size field as a number. */
export function readWordNumber(file: ByteView, at: number, what: string): number {
  return wordNumber(file, readWord(file, at, what), what, at)
}

const ascii = new TextDecoder('latin1')

/** A name's bytes: printable ASCII (nearly every symbol) as is; anything else in the unambiguous escaped form of names. */
export function decodeString(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]
    if (byte < 0x20 || byte >= 0x7f || byte === 0x5c) return decodeName(bytes).text
  }
  return ascii.decode(bytes)
}

/**
 * A fixed-width name field (PE's 8-byte section and symbol Name, Mach-O's `char[16]` segname and sectname): up
 * to its first NUL, all `width` bytes when there is none (both specs allow a name that fills the field).
 * `length` is the name's length in bytes, for what the field stands for.
 */
export function readFixedName(file: ByteView, at: number, width: number, what: string): { name: string; length: number } {
  need(file, at, width, what)
  const field = file.bytes.subarray(at, at + width)
  const nul = field.indexOf(0)
  const length = nul < 0 ? width : nul
  return { name: decodeString(field.subarray(0, length)), length }
}

/**
 * Legitimate string tables decode to about their own size (suffixes are shared): names decoding to more than
 * this many times the file are pointers into one long run, a hostile file, and each reader fails by name.
 */
export const DECODE_BUDGET_FACTOR = 4
const MIN_DECODE_BUDGET = 1024 * 1024

/** The bytes of names a reader may decode from `file` before it fails with LIMIT_EXCEEDED. */
export function decodeBudget(file: ByteView): number {
  return Math.max(MIN_DECODE_BUDGET, DECODE_BUDGET_FACTOR * file.bytes.length)
}

export function sha256Of(bytes: Uint8Array): string {
  return new Sha256().update(bytes).digestHex()
}

/** The fact naming the bytes no section holds (see bytesOutside), in every format. */
export const OUTSIDE_SECTIONS_FACT = '(bytes outside sections)'

/**
 * The value of OUTSIDE_SECTIONS_FACT: the bytes of `bytes` that none of the `covered` [start, end) ranges
 * holds, counted and hashed in file order. Two files whose fields and sections all match can still differ there
 * (padding, unreported fields, what follows the last structure), and a difference must never go unshown.
 * Empty and inverted ranges cover nothing.
 */
export function bytesOutside(bytes: Uint8Array, covered: readonly (readonly [number, number])[]): string {
  const ranges = covered.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0])
  const hash = new Sha256()
  let size = 0
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at && at < bytes.length) {
      const stop = Math.min(start, bytes.length)
      hash.update(bytes.subarray(at, stop))
      size += stop - at
    }
    at = Math.max(at, end)
  }
  if (at < bytes.length) {
    hash.update(bytes.subarray(at))
    size += bytes.length - at
  }
  return `${size} bytes, SHA-256 ${hash.digestHex()}`
}

/**
 * A reader's structure. `symbols` is there only when the file has a symbol table (an empty one is an empty
 * list, no table no key), its names sorted in code-unit order, not the locale's, the same in every format.
 */
export function binaryStructure(format: BinaryFormatName, header: BinaryHeaderField[], sections: BinarySection[], facts: BinaryStructure['facts'], symbols: Set<string> | undefined): BinaryStructure {
  const structure: BinaryStructure = { format, header, sections, facts }
  if (symbols) structure.symbols = Array.from(symbols).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return structure
}
