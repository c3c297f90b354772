/**
 * Reading one thin Mach-O file (`<mach-o/loader.h>`), alone or as a slice of a universal file: every read is
 * bounds-checked against the slice's bytes, and every offset in an error is one in the whole parsed file (the
 * slice's start added), so a reviewer can find it. A short or inconsistent file is a coded error, never an
 * exception of another kind and never an `undefined` field.
 */
import { fail } from '../errors'
import { decodeString } from './elf-strings'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

export interface MachoView {
  /** The thin file's bytes (a slice of a fat file is a subarray). */
  bytes: Uint8Array
  view: DataView
  little: boolean
  is64: boolean
  /** Where `bytes` starts in the parsed file: 0 for a thin file, the fat_arch offset for a slice. */
  base: number
}

export function macho(bytes: Uint8Array, little: boolean, is64: boolean, base: number): MachoView {
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), little, is64, base }
}

/** Fails with TRUNCATED unless `length` bytes are there at `at` (an offset in the thin file). */
export function need(file: MachoView, at: number, length: number, what: string): void {
  if (at < 0 || length < 0 || at + length > file.bytes.length) {
    const where = file.base + at
    fail('TRUNCATED', `Mach-O ${what} at offset ${where} (${length} bytes) runs past the end of the file (${file.base + file.bytes.length} bytes)`, { offset: where })
  }
}

/** A structure error at `at` in the thin file, reported at its offset in the parsed file. */
export function corrupt(file: MachoView, at: number, message: string): never {
  return fail('CORRUPT_STRUCTURE', `Mach-O ${message}`, { offset: file.base + at })
}

export function u32(file: MachoView, at: number, what: string): number {
  need(file, at, 4, what)
  return file.view.getUint32(at, file.little)
}

/** A `uint32_t` in 32-bit structures, a `uint64_t` in their 64-bit forms (addresses, sizes, file offsets). */
export function word(file: MachoView, at: number, what: string): bigint {
  if (!file.is64) return BigInt(u32(file, at, what))
  need(file, at, 8, what)
  return file.view.getBigUint64(at, file.little)
}

/** Numbers as numbers; a 64-bit value beyond 2^53 as a hex string, never rounded. */
export function wordValue(value: bigint): number | string {
  return value <= MAX_SAFE ? Number(value) : `0x${value.toString(16)}`
}

/** A word used as an offset or size: beyond 2^53 it cannot lie inside any file, so it is corrupt. */
export function wordNumber(file: MachoView, value: bigint, what: string, at: number): number {
  if (value > MAX_SAFE) corrupt(file, at, `${what} at offset ${file.base + at} is 0x${value.toString(16)}, beyond any file size`)
  return Number(value)
}

/** A fixed `char[16]` name (segname, sectname): up to the first NUL, all 16 bytes when there is none. */
export function name16(file: MachoView, at: number, what: string): { name: string; length: number } {
  need(file, at, 16, what)
  const field = file.bytes.subarray(at, at + 16)
  const nul = field.indexOf(0)
  const length = nul < 0 ? 16 : nul
  return { name: decodeString(field.subarray(0, length)), length }
}

/**
 * An `lc_str` (loader.h "union lc_str"): an offset from the command's start to a NUL-terminated string inside
 * the command, after its `fixedSize` bytes of fields. Returns the string and the bytes it spans (with its NUL),
 * or fails naming the command.
 */
export function lcString(file: MachoView, commandAt: number, cmdsize: number, fieldAt: number, fixedSize: number, what: string): { text: string; start: number; end: number } {
  const offset = u32(file, fieldAt, `${what} name offset`)
  if (offset < fixedSize || offset >= cmdsize) {
    corrupt(file, fieldAt, `${what}: the string's offset ${offset} is outside the command (cmdsize ${cmdsize})`)
  }
  const start = commandAt + offset
  const inside = file.bytes.subarray(start, commandAt + cmdsize)
  const nul = inside.indexOf(0)
  if (nul < 0) corrupt(file, start, `${what}: the string at offset ${file.base + start} has no terminating NUL inside its command`)
  return { text: decodeString(inside.subarray(0, nul)), start, end: start + nul + 1 }
}

/** `X.Y.Z` packed in nibbles xxxx.yy.zz (loader.h); `.Z` only when not 0, as llvm-readobj and otool print it. */
export function versionString(value: number): string {
  const major = value >>> 16
  const minor = (value >>> 8) & 0xff
  const patch = value & 0xff
  return patch ? `${major}.${minor}.${patch}` : `${major}.${minor}`
}

/** LC_SOURCE_VERSION: A.B.C.D.E packed in 24.10.10.10.10 bits (loader.h `source_version_command`). */
export function sourceVersionString(value: bigint): string {
  const parts = [value >> 40n, (value >> 30n) & 0x3ffn, (value >> 20n) & 0x3ffn, (value >> 10n) & 0x3ffn, value & 0x3ffn]
  return parts.map(String).join('.')
}

export const hex = (value: number) => `0x${value.toString(16)}`
