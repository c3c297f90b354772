/**
 * Format detection from the first bytes, never from the file name: a `.whl` is a zip, an sdist may be a
 * tar, a gzip or a zip, and a renamed file must be reported for what it is. This file answers only "what
 * starts at offset 0"; a file may also hold a zip found from its end (container-readings.ts).
 */
import type { ArchiveFormat } from '../types'

/** Formats recognised from their magic bytes but not read: the file is refused by name, never as "not an archive". */
export type UnreadFormat =
  | 'lzip' | 'lz4' | 'compress'
  | 'cpio' | 'rpm' | '7z' | 'squashfs' | 'rar' | 'cab'

export type DetectedFormat = ArchiveFormat | UnreadFormat

interface Signature {
  format: DetectedFormat
  offset: number
  bytes: number[]
  /** What the format is, in words that follow "… is": shown when the file is refused. */
  description: string
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

/** Readable containers that announce themselves at offset 0 (tar is recognised by its header checksum below). */
const READABLE_SIGNATURES: Signature[] = [
  { format: 'zip', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04], description: 'a zip' }, // APPNOTE 4.3.7 local file header
  { format: 'zip', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06], description: 'an empty zip' }, // APPNOTE 4.3.16: only an end record
  { format: 'gzip', offset: 0, bytes: [0x1f, 0x8b, 0x08], description: 'gzip' }, // RFC 1952 2.3.1: ID1 ID2 CM=8 (deflate)
  { format: 'ar', offset: 0, bytes: ascii('!<arch>\n'), description: 'an ar archive (such as a .deb)' }, // ar(5) / deb(5): "!<arch>\n"
]

/**
 * Compressors read like gzip (decompressors.ts). Checked after the tar header checksum: their magic is
 * printable or short ("BZh"), and a tar whose first member is named "BZh…" is a tar.
 */
const COMPRESSOR_SIGNATURES: Signature[] = [
  { format: 'bzip2', offset: 0, bytes: ascii('BZh'), description: 'bzip2-compressed data' }, // bzip2 1.0.8 sources: "BZh" + block size digit
  { format: 'xz', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], description: 'xz-compressed data' }, // xz file format 1.2.1, 2.1.1.1
  { format: 'zstd', offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], description: 'Zstandard-compressed data' }, // RFC 8878 3.1.1 magic 0xFD2FB528
]

/**
 * Formats we recognise but do not read, one line each with where its magic is specified. lzma-alone
 * (.lzma) has no magic worth the name and is not listed; ISO 9660 (magic at 32 KiB) and dmg (a trailer)
 * are not either, since the head read here is 512 bytes.
 */
const UNREAD_SIGNATURES: Signature[] = [
  { format: 'lzip', offset: 0, bytes: ascii('LZIP'), description: 'lzip-compressed data' }, // lzip manual, "File format"
  { format: 'lz4', offset: 0, bytes: [0x04, 0x22, 0x4d, 0x18], description: 'an LZ4 frame' }, // lz4_Frame_format.md: magic 0x184D2204
  { format: 'lz4', offset: 0, bytes: [0x02, 0x21, 0x4c, 0x18], description: 'an LZ4 legacy frame' }, // lz4_Frame_format.md: legacy 0x184C2102
  { format: 'compress', offset: 0, bytes: [0x1f, 0x9d], description: 'Unix compress (.Z) data' }, // ncompress: magic 0x1f 0x9d
  { format: 'cpio', offset: 0, bytes: ascii('070707'), description: 'a cpio archive (odc)' }, // libarchive cpio(5): "070707"
  { format: 'cpio', offset: 0, bytes: ascii('070701'), description: 'a cpio archive (newc)' }, // cpio(5): SVR4 "070701"
  { format: 'cpio', offset: 0, bytes: ascii('070702'), description: 'a cpio archive (newc with CRC)' }, // cpio(5): SVR4 "070702"
  { format: 'cpio', offset: 0, bytes: [0xc7, 0x71], description: 'a cpio archive (old binary, little-endian)' }, // cpio(5): short 070707 = 0x71c7
  { format: 'cpio', offset: 0, bytes: [0x71, 0xc7], description: 'a cpio archive (old binary, big-endian)' }, // cpio(5): the same, byte-swapped
  { format: 'rpm', offset: 0, bytes: [0xed, 0xab, 0xee, 0xdb], description: 'an RPM package' }, // LSB 5.0 "Package File Format": lead magic
  { format: '7z', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], description: 'a 7z archive' }, // 7-Zip 7zFormat.txt: SignatureHeader
  { format: 'squashfs', offset: 0, bytes: ascii('hsqs'), description: 'a squashfs image' }, // Linux fs/squashfs: SQUASHFS_MAGIC 0x73717368 (LE)
  { format: 'squashfs', offset: 0, bytes: ascii('sqsh'), description: 'a squashfs image (big-endian)' }, // the same magic, big-endian
  { format: 'rar', offset: 0, bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], description: 'a RAR archive' }, // RARLAB technote: "Rar!\x1a\x07"
  { format: 'cab', offset: 0, bytes: [...ascii('MSCF'), 0, 0, 0, 0], description: 'a Microsoft cabinet (CAB)' }, // [MS-CAB] 2.1: signature, reserved1 = 0
]

const USTAR_MAGIC = ascii('ustar') // at offset 257 (POSIX ustar "magic"; GNU writes "ustar  \0")

function matches(head: Uint8Array, signature: Signature): boolean {
  return signature.bytes.every((byte, i) => head[signature.offset + i] === byte)
}

/**
 * The format the bytes start with, or null. Tars are recognised by their header checksum (pre-POSIX v7
 * tars have no magic) or, with a bad checksum, by the ustar magic, so the tar reader can name the problem.
 */
export function detectFormat(head: Uint8Array): DetectedFormat | null {
  const readable = READABLE_SIGNATURES.find((signature) => matches(head, signature))
  if (readable) return readable.format
  if (detectTarHeader(head) !== null) return 'tar'
  const compressor = COMPRESSOR_SIGNATURES.find((signature) => matches(head, signature))
  if (compressor) return compressor.format
  return UNREAD_SIGNATURES.find((signature) => matches(head, signature))?.format ?? null
}

/** Words for a format we do not read ("a cpio archive (newc)"), from the head that matched; null for readable ones. */
export function describeUnreadFormat(head: Uint8Array): string | null {
  if ([...READABLE_SIGNATURES, ...COMPRESSOR_SIGNATURES].some((signature) => matches(head, signature)) || detectTarHeader(head) !== null) return null
  return UNREAD_SIGNATURES.find((signature) => matches(head, signature))?.description ?? null
}

export function isUnreadFormat(format: DetectedFormat): format is UnreadFormat {
  return UNREAD_SIGNATURES.some((signature) => signature.format === format)
}

/**
 * `checksum`: the first header's chksum is right, as Python's tarfile and GNU tar require before they read
 * anything. `magic-only`: "ustar" at 257 but a wrong checksum: no tool reads it, but it is meant as a tar.
 */
function detectTarHeader(head: Uint8Array): 'checksum' | 'magic-only' | null {
  if (hasValidTarChecksum(head)) return 'checksum'
  return matches(head, { format: 'tar', offset: 257, bytes: USTAR_MAGIC, description: 'a tar' }) ? 'magic-only' : null
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
