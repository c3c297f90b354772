/**
 * Format detection from the first bytes, never from the file name: a `.whl` is a zip, an sdist may be a
 * tar, a gzip or a zip, and a renamed file must be reported for what it is.
 */
import type { ArchiveFormat } from '../types'

export type DetectedFormat = ArchiveFormat | 'bzip2' | 'xz' | 'zstd'

interface Signature {
  format: DetectedFormat
  offset: number
  bytes: number[]
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]
/** An empty zip is only an end record (APPNOTE 4.3.16). */
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const GZIP = [0x1f, 0x8b, 0x08] // RFC 1952: ID1 ID2 CM=8 (deflate)
const BZIP2 = [0x42, 0x5a, 0x68] // "BZh"
const XZ = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd]
const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72] // "ustar" at offset 257 (POSIX ustar, GNU)

const SIGNATURES: Signature[] = [
  { format: 'zip', offset: 0, bytes: ZIP_LOCAL_HEADER },
  { format: 'zip', offset: 0, bytes: ZIP_EMPTY },
  { format: 'gzip', offset: 0, bytes: GZIP },
  { format: 'bzip2', offset: 0, bytes: BZIP2 },
  { format: 'xz', offset: 0, bytes: XZ },
  { format: 'zstd', offset: 0, bytes: ZSTD },
  { format: 'tar', offset: 257, bytes: USTAR_MAGIC },
]

function matches(head: Uint8Array, signature: Signature): boolean {
  return signature.bytes.every((byte, i) => head[signature.offset + i] === byte)
}

/** The format the bytes start with, or null. Pre-POSIX (v7) tars are recognised by their header checksum. */
export function detectFormat(head: Uint8Array): DetectedFormat | null {
  const found = SIGNATURES.find((signature) => matches(head, signature))
  if (found) return found.format
  return hasValidTarChecksum(head) ? 'tar' : null
}

/** POSIX tar chksum: the sum of all 512 header bytes with the chksum field (148..155) taken as spaces. */
export function tarHeaderChecksum(header: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]
  return sum
}

function hasValidTarChecksum(head: Uint8Array): boolean {
  if (head.length < 512 || head[0] === 0) return false
  const field = String.fromCharCode(...head.subarray(148, 156)).replace(/[\0 ]+$/, '').trim()
  if (!/^[0-7]+$/.test(field)) return false
  return parseInt(field, 8) === tarHeaderChecksum(head)
}
