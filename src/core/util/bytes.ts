/** Little-endian field readers with bounds checks: a short buffer is a structure error, never `undefined`. */
import { fail } from '../errors'

export type Bytes = Uint8Array<ArrayBuffer>

export function readU16(bytes: Uint8Array, at: number): number {
  if (at + 2 > bytes.length) fail('TRUNCATED', `Expected 2 bytes at ${at}, only ${bytes.length - at} left`)
  return bytes[at] | (bytes[at + 1] << 8)
}

export function readU32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) fail('TRUNCATED', `Expected 4 bytes at ${at}, only ${bytes.length - at} left`)
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000
}

/** 64-bit little-endian as a JS number; values above 2^53 are reported as corrupt rather than rounded. */
export function readU64(bytes: Uint8Array, at: number): number {
  const low = readU32(bytes, at)
  const high = readU32(bytes, at + 4)
  if (high >= 0x200000) fail('CORRUPT_STRUCTURE', `64-bit value at ${at} is larger than 2^53`)
  return high * 0x100000000 + low
}

const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef')
// Every byte of the hex text is ASCII, which windows-1252 (the Encoding Standard's "latin1") decodes unchanged.
const ASCII = new TextDecoder('latin1')

/**
 * Lower-case hex of every byte. It runs for each member's name, digest and extra field, so it writes the digits into
 * one array and decodes that once: 10-15 times faster than joining two-character strings (docs/performance.md).
 */
export function toHex(bytes: Uint8Array): string {
  const digits = new Uint8Array(bytes.length * 2)
  for (let i = 0; i < bytes.length; i++) {
    digits[2 * i] = HEX_DIGITS[bytes[i] >> 4]
    digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 15]
  }
  return ASCII.decode(digits)
}

export function concatBytes(parts: Uint8Array[], total?: number): Bytes {
  const length = total ?? parts.reduce((sum, part) => sum + part.length, 0)
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part.subarray(0, Math.min(part.length, length - at)), at)
    at += part.length
    if (at >= length) break
  }
  return out
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return firstDifference(a, b) === -1
}

/** Offset of the first differing byte, the shorter length when one is a prefix, -1 when equal. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const shorter = Math.min(a.length, b.length)
  for (let i = 0; i < shorter; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : shorter
}

/** Index of `needle` searching backwards from the end, -1 when absent. */
export function lastIndexOfSignature(bytes: Uint8Array, signature: number, from: number): number {
  // The engine's lastIndexOf finds each candidate first byte (native, many times faster than a loop in JavaScript).
  // A negative fromIndex would count from the end, so the search stops before reaching one.
  const first = signature & 0xff
  for (let i = Math.min(from, bytes.length - 4); i >= 0; i--) {
    i = bytes.lastIndexOf(first, i)
    if (i < 0) return -1
    if (readU32(bytes, i) === signature) return i
  }
  return -1
}
