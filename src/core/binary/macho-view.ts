/**
 * The field types of Mach-O structures (`<mach-o/loader.h>`) beyond plain integers and `char[16]` names
 * (readFixedName): `lc_str` strings inside a load command, packed versions. Read through a ByteView (byte-view.ts) of the thin
 * file or slice: bounds-checked, every offset in an error one in the whole parsed file.
 */
import { corrupt, decodeString, readU32, type ByteView } from './byte-view'

/**
 * An `lc_str` (loader.h "union lc_str"): an offset from the command's start to a NUL-terminated string inside
 * the command, after its `fixedSize` bytes of fields. Returns the string and the bytes it spans (with its NUL),
 * or fails naming the command.
 */
export function lcString(file: ByteView, commandAt: number, cmdsize: number, fieldAt: number, fixedSize: number, what: string): { text: string; start: number; end: number } {
  const offset = readU32(file, fieldAt, `${what} name offset`)
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
