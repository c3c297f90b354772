/**
 * Local file headers (APPNOTE 6.3.10 section 4.3.7) and data descriptors (4.3.9), checked against the
 * central directory (4.3.12). An extractor that trusts the local records and one that trusts the central
 * directory see different archives (a parser differential), so every disagreement becomes a
 * ZIP_HEADER_MISMATCH anomaly that names the fields and carries the offset of the record.
 */
import { fail } from '../errors'
import type { Anomaly, Member } from '../types'
import type { BlobReader } from '../util/blob-reader'
import { readU16, readU32, readU64, toHex, type Bytes } from '../util/bytes'
import { FLAG_DATA_DESCRIPTOR, LOCAL_FILE_HEADER_SIGNATURE, LOCAL_HEADER_SIZE, dosDateTimeToSeconds, parseExtraFields, readExtendedTimestamp } from './zip-structure'

export const DATA_DESCRIPTOR_SIGNATURE = 0x08074b50 // APPNOTE 4.3.9.3
const ZIP64_EXTRA_ID = 0x0001 // APPNOTE 4.5.3
const ZIP64_MARKER = 0xffffffff

export interface LocalFileHeader {
  offset: number
  versionNeeded: number
  flags: number
  compressionMethod: number
  lastModTime: number
  lastModDate: number
  crc32: number
  /** The sizes as a reader of this header sees them: from its zip64 extra when the field holds 0xFFFFFFFF. */
  compressedSize: number
  uncompressedSize: number
  /** Copies (the reader's window must not be kept alive by them). */
  nameBytes: Bytes
  nameHex: string
  extra: Bytes
  hasZip64Extra: boolean
  dataOffset: number
}

/** Reads and parses the local header at `offset`; a missing signature is a structure error of that member. */
export async function readLocalFileHeader(reader: BlobReader, offset: number, path: string): Promise<LocalFileHeader> {
  const header = await reader.read(offset, LOCAL_HEADER_SIZE)
  if (readU32(header, 0) !== LOCAL_FILE_HEADER_SIGNATURE) {
    fail('CORRUPT_STRUCTURE', `No local file header at offset ${offset} for ${path}`, { offset, path })
  }
  const nameLength = readU16(header, 26)
  const extraLength = readU16(header, 28)
  const local: LocalFileHeader = {
    offset,
    versionNeeded: readU16(header, 4),
    flags: readU16(header, 6),
    compressionMethod: readU16(header, 8),
    lastModTime: readU16(header, 10),
    lastModDate: readU16(header, 12),
    crc32: readU32(header, 14),
    compressedSize: readU32(header, 18),
    uncompressedSize: readU32(header, 22),
    nameBytes: new Uint8Array(0),
    nameHex: '',
    extra: new Uint8Array(0),
    hasZip64Extra: false,
    dataOffset: offset + LOCAL_HEADER_SIZE + nameLength + extraLength,
  }
  const tail = await reader.read(offset + LOCAL_HEADER_SIZE, nameLength + extraLength)
  local.nameBytes = tail.slice(0, nameLength)
  local.nameHex = toHex(local.nameBytes)
  local.extra = tail.slice(nameLength)
  applyLocalZip64Extra(local)
  return local
}

/**
 * APPNOTE 4.5.3: in a local header the zip64 extra holds BOTH sizes (uncompressed first) when either field
 * is 0xFFFFFFFF, as Python's zipfile and large-wheel writers do. A block with only the marked field (8 bytes)
 * is read the central directory's way, which some writers use.
 */
function applyLocalZip64Extra(local: LocalFileHeader): void {
  const block = parseExtraFields(local.extra).find((b) => b.id === ZIP64_EXTRA_ID)
  local.hasZip64Extra = block !== undefined
  const uncompressedMarked = local.uncompressedSize === ZIP64_MARKER
  const compressedMarked = local.compressedSize === ZIP64_MARKER
  if (!block || !(uncompressedMarked || compressedMarked)) return
  if (block.data.length >= 16) {
    if (uncompressedMarked) local.uncompressedSize = readU64(block.data, 0)
    if (compressedMarked) local.compressedSize = readU64(block.data, 8)
  } else if (block.data.length >= 8) {
    if (uncompressedMarked) local.uncompressedSize = readU64(block.data, 0)
    else local.compressedSize = readU64(block.data, 0)
  }
}

const isoTime = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')

/**
 * The fields a local header repeats from the central directory that disagree. With a data descriptor
 * (flag bit 3) the local CRC-32 and sizes are zero (APPNOTE 4.4.4), or the zip64 marker without a value:
 * neither tells a reader anything, so only other values are compared.
 */
export function localHeaderDisagreements(member: Member, local: LocalFileHeader, methodName: (method: number) => string): string[] {
  const descriptor = (Number(member.meta.flags) & FLAG_DATA_DESCRIPTOR) !== 0
  const given = (value: number) => !descriptor || (value !== 0 && value !== ZIP64_MARKER)
  const checks: [string, number | string, number | string, boolean][] = [
    ['version needed', local.versionNeeded, Number(member.meta.extractVersion), true],
    ['flags', local.flags, Number(member.meta.flags), true],
    ['name', local.nameHex, member.nameHex ?? '', true],
    ['compression method', methodName(local.compressionMethod), String(member.meta.compression), true],
    ['modification time', dosDateTimeToSeconds(local.lastModDate, local.lastModTime), Number(member.meta.mtime), true],
    ['CRC-32', local.crc32.toString(16).padStart(8, '0'), String(member.meta.crc32), given(local.crc32)],
    ['compressed size', local.compressedSize, Number(member.meta.compressedSize), given(local.compressedSize)],
    ['uncompressed size', local.uncompressedSize, member.size, given(local.uncompressedSize)],
  ]
  // A plain loop: this runs for every member, and destructuring callbacks cost more than the comparisons.
  const differing: string[] = []
  for (const check of checks) if (check[3] && check[1] !== check[2]) differing.push(check[0])
  // Info-ZIP extended timestamp (extrafld.txt, 0x5455): both copies carry the modification time first.
  const localTime = readExtendedTimestamp(local.extra)
  const centralTime = member.meta.extendedMtime
  if (localTime !== null && typeof centralTime === 'number' && localTime !== centralTime) {
    differing.push(`extended timestamp (local ${isoTime(localTime)}, central ${isoTime(centralTime)})`)
  }
  return differing
}

export interface DataDescriptor {
  offset: number
  /** 12 or 16 bytes (with the optional signature), 20 or 24 with zip64 sizes. */
  length: number
  crc32: number
  compressedSize: number
  uncompressedSize: number
}

/**
 * Reads the data descriptor after a member's data (APPNOTE 4.3.9): an optional signature, the CRC-32, then
 * both sizes, 8 bytes each when the local header has a zip64 extra (4.3.9.2). A writer that chose the other
 * width is read that way when only that reading agrees with the central directory. Null when it does not fit.
 */
export async function readDataDescriptor(reader: BlobReader, member: Member, local: LocalFileHeader): Promise<DataDescriptor | null> {
  const offset = local.dataOffset + Number(member.meta.compressedSize)
  if (offset + 12 > reader.size) return null
  const bytes = await reader.read(offset, Math.min(24, reader.size - offset))
  const centralCrc = parseInt(String(member.meta.crc32), 16)
  const signed = readU32(bytes, 0) === DATA_DESCRIPTOR_SIGNATURE && (centralCrc !== DATA_DESCRIPTOR_SIGNATURE || (bytes.length >= 8 && readU32(bytes, 4) === DATA_DESCRIPTOR_SIGNATURE))
  const base = signed ? 4 : 0
  const readWith = (width: 4 | 8): DataDescriptor | null => {
    if (base + 4 + 2 * width > bytes.length) return null
    // Read as 8-byte sizes, the next header's bytes may exceed 2^53: that reading is then simply not this one.
    const size = (at: number) => (width === 8 ? readU64Loose(bytes, at) : readU32(bytes, at))
    return { offset, length: base + 4 + 2 * width, crc32: readU32(bytes, base), compressedSize: size(base + 4), uncompressedSize: size(base + 4 + width) }
  }
  const preferred = readWith(local.hasZip64Extra ? 8 : 4)
  const other = readWith(local.hasZip64Extra ? 4 : 8)
  if (preferred && descriptorDisagreements(member, preferred).length === 0) return preferred
  if (other && descriptorDisagreements(member, other).length === 0) return other
  return preferred ?? other
}

/** A 64-bit little-endian value, or NaN past 2^53 (which then agrees with nothing). */
function readU64Loose(bytes: Bytes, at: number): number {
  const high = readU32(bytes, at + 4)
  return high >= 0x200000 ? NaN : high * 0x100000000 + readU32(bytes, at)
}

export function descriptorDisagreements(member: Member, descriptor: DataDescriptor): string[] {
  const differing: string[] = []
  if (descriptor.crc32.toString(16).padStart(8, '0') !== member.meta.crc32) differing.push('CRC-32')
  if (descriptor.compressedSize !== Number(member.meta.compressedSize)) differing.push('compressed size')
  if (descriptor.uncompressedSize !== member.size) differing.push('uncompressed size')
  return differing
}

/** Adds one ZIP_HEADER_MISMATCH anomaly to the member (each record that disagrees gets its own, with its offset). */
export function noteMismatch(member: Member, record: string, offset: number, fields: string[]): void {
  if (fields.length === 0) return
  addHeaderMismatch(member, `The ${record} at offset ${offset} disagrees with the central directory on ${fields.join(', ')}`, offset)
}

export function addHeaderMismatch(member: Member, message: string, offset: number): void {
  const anomaly: Anomaly = { code: 'ZIP_HEADER_MISMATCH', message, offset }
  member.anomalies = member.anomalies ? member.anomalies.concat(anomaly) : [anomaly]
}
