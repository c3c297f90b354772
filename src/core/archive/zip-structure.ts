/**
 * Zip end records and central directory, parsed field by field as PKWARE's APPNOTE 6.3.10 lays them out.
 * Pure functions over bytes: the reader in zip.ts decides what to read from the file.
 */
import { fail } from '../errors'
import { lastIndexOfSignature, readU16, readU32, readU64, toHex, type Bytes } from '../util/bytes'
import { decodeCp437, decodeName, decodeUtf8OrEscape, escapeControls, isAscii } from '../util/text'

export const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50 // APPNOTE 4.3.16
export const ZIP64_END_LOCATOR_SIGNATURE = 0x07064b50 // APPNOTE 4.3.15
export const ZIP64_END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06064b50 // APPNOTE 4.3.14
export const CENTRAL_DIRECTORY_HEADER_SIGNATURE = 0x02014b50 // APPNOTE 4.3.12
export const LOCAL_FILE_HEADER_SIGNATURE = 0x04034b50 // APPNOTE 4.3.7
const END_RECORD_SIZE = 22
const ZIP64_LOCATOR_SIZE = 20
const CENTRAL_HEADER_SIZE = 46
export const LOCAL_HEADER_SIZE = 30
/** The end record's comment is at most 65535 bytes, so the record starts within this many bytes of the end. */
export const MAX_END_SEARCH = END_RECORD_SIZE + 0xffff + ZIP64_LOCATOR_SIZE

/** APPNOTE 4.4.5 compression methods, by name. */
const METHOD_NAMES: Record<number, string> = { 0: 'stored', 8: 'deflate', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd', 95: 'xz', 99: 'aes' }

export function methodName(method: number): string {
  return METHOD_NAMES[method] ?? `method ${method}`
}

/** APPNOTE 4.4.4 general purpose bit flags. */
export const FLAG_ENCRYPTED = 0x0001
export const FLAG_DATA_DESCRIPTOR = 0x0008
export const FLAG_UTF8 = 0x0800

export interface EndOfCentralDirectory {
  /** Offset of the end record within the file. */
  recordOffset: number
  /** Offset just past the end record and its comment: anything after it is not part of the zip. */
  recordEnd: number
  entriesTotal: number
  centralDirectorySize: number
  centralDirectoryOffset: number
  comment: string
  zip64: boolean
  /** Where the zip64 locator (APPNOTE 4.3.15) is, and where it says the zip64 end record is. */
  zip64LocatorOffset?: number
  zip64RecordOffset?: number
  /** Bytes of the zip64 end record: its 12 leading bytes plus its "size of zip64 end of central directory record". */
  zip64RecordSize?: number
}

/**
 * Finds the end record in the file's tail (`tail` starts at file offset `tailOffset`).
 * With a zip64 locator in front of it, `zip64` tells the caller to read the zip64 record at `zip64RecordOffset`.
 */
export function parseEndRecord(tail: Bytes, tailOffset: number): EndOfCentralDirectory {
  const at = lastIndexOfSignature(tail, END_OF_CENTRAL_DIRECTORY_SIGNATURE, tail.length - END_RECORD_SIZE)
  if (at < 0) fail('TRUNCATED', 'The zip end-of-central-directory record is missing: the file is cut short (or is not a complete zip)')
  const commentLength = readU16(tail, at + 20)
  const record: EndOfCentralDirectory = {
    recordOffset: tailOffset + at,
    recordEnd: tailOffset + at + END_RECORD_SIZE + commentLength,
    entriesTotal: readU16(tail, at + 10),
    centralDirectorySize: readU32(tail, at + 12),
    centralDirectoryOffset: readU32(tail, at + 16),
    comment: decodeUtf8OrEscape(tail.subarray(at + 22, at + 22 + commentLength)),
    zip64: false,
  }
  const locatorAt = at - ZIP64_LOCATOR_SIZE
  if (locatorAt >= 0 && readU32(tail, locatorAt) === ZIP64_END_LOCATOR_SIGNATURE) {
    record.zip64 = true
    record.zip64LocatorOffset = tailOffset + locatorAt
    record.zip64RecordOffset = readU64(tail, locatorAt + 8)
  }
  return record
}

/** The fixed part of the zip64 end record (APPNOTE 4.3.14); its size field counts the bytes after the first 12. */
export const ZIP64_END_RECORD_SIZE = 56

/** A 64-bit little-endian value, Infinity past 2^53 (for sizes that are only compared). */
function readU64Loose(bytes: Bytes, at: number): number {
  const high = readU32(bytes, at + 4)
  return high >= 0x200000 ? Infinity : high * 0x100000000 + readU32(bytes, at)
}

/**
 * Applies the zip64 end record (APPNOTE 4.3.14) found at `offset`, whose 64-bit counts replace the
 * 0xFFFF/0xFFFFFFFF markers. The central directory it points at (shifted by the bytes
 * in front of the archive) is checked. Returns the fields where the classic record holds a real value that
 * disagrees with it.
 */
export function applyZip64EndRecord(record: EndOfCentralDirectory, bytes: Bytes, offset: number, prefixBytes = 0): string[] {
  if (readU32(bytes, 0) !== ZIP64_END_OF_CENTRAL_DIRECTORY_SIGNATURE) {
    fail('CORRUPT_STRUCTURE', `The zip64 end record is missing at offset ${offset}`, { offset })
  }
  const zip64 = { entriesTotal: readU64(bytes, 32), centralDirectorySize: readU64(bytes, 40), centralDirectoryOffset: readU64(bytes, 48) }
  if (prefixBytes + zip64.centralDirectoryOffset + zip64.centralDirectorySize > offset) {
    fail('CORRUPT_STRUCTURE', `The zip64 end record at offset ${offset} puts the central directory at offset ${zip64.centralDirectoryOffset} (${zip64.centralDirectorySize} bytes), which does not end before the record`, { offset })
  }
  const markers = { entriesTotal: 0xffff, centralDirectorySize: 0xffffffff, centralDirectoryOffset: 0xffffffff }
  const disagreeing = (Object.keys(zip64) as (keyof typeof zip64)[]).filter((field) => record[field] !== markers[field] && record[field] !== zip64[field])
  Object.assign(record, zip64)
  // The size field counts the bytes after its first 12, extensible data included; the fixed fields are read
  // whatever it says, and a value that leaves bytes before the locator leaves them uncovered (zip-layout.ts).
  const locator = record.zip64LocatorOffset ?? record.recordOffset
  record.zip64RecordSize = Math.max(ZIP64_END_RECORD_SIZE, Math.min(12 + readU64Loose(bytes, 4), locator - offset))
  return disagreeing
}

export interface CentralDirectoryEntry {
  index: number
  name: string
  encodingProblem: string | null
  nameBytes: Bytes
  versionMadeBy: number
  versionNeeded: number
  flags: number
  compressionMethod: number
  lastModTime: number
  lastModDate: number
  crc32: number
  compressedSize: number
  uncompressedSize: number
  internalAttributes: number
  externalAttributes: number
  localHeaderOffset: number
  extra: Bytes
  comment: string
}

/** Parses every central directory header in `bytes` (which starts at the directory's first byte). */
export function parseCentralDirectory(bytes: Bytes, count: number, baseOffset: number): CentralDirectoryEntry[] {
  const entries: CentralDirectoryEntry[] = []
  let at = 0
  for (let index = 0; at + 4 <= bytes.length && readU32(bytes, at) === CENTRAL_DIRECTORY_HEADER_SIGNATURE; index++) {
    const entry = parseCentralHeader(bytes, at, index)
    entries.push(entry)
    at += CENTRAL_HEADER_SIZE + entry.nameBytes.length + entry.extra.length + readU16(bytes, at + 32)
  }
  if (entries.length !== count) {
    fail('CORRUPT_STRUCTURE', `The zip end record declares ${count} entries, the central directory at ${baseOffset} holds ${entries.length}`, {
      offset: baseOffset + at,
    })
  }
  return entries
}

function parseCentralHeader(bytes: Bytes, at: number, index: number): CentralDirectoryEntry {
  const nameLength = readU16(bytes, at + 28)
  const extraLength = readU16(bytes, at + 30)
  const commentLength = readU16(bytes, at + 32)
  const nameStart = at + CENTRAL_HEADER_SIZE
  if (nameStart + nameLength + extraLength + commentLength > bytes.length) {
    // The end record was found, so the file is not cut short: the directory's own sizes disagree.
    fail('CORRUPT_STRUCTURE', `Central directory entry ${index} runs past the end of the directory`)
  }
  const flags = readU16(bytes, at + 8)
  const nameBytes = bytes.subarray(nameStart, nameStart + nameLength)
  const extra = bytes.subarray(nameStart + nameLength, nameStart + nameLength + extraLength)
  const { name, encodingProblem } = decodeZipName(nameBytes, flags)
  const entry: CentralDirectoryEntry = {
    index,
    name,
    encodingProblem,
    nameBytes,
    versionMadeBy: readU16(bytes, at + 4),
    versionNeeded: readU16(bytes, at + 6),
    flags,
    compressionMethod: readU16(bytes, at + 10),
    lastModTime: readU16(bytes, at + 12),
    lastModDate: readU16(bytes, at + 14),
    crc32: readU32(bytes, at + 16),
    compressedSize: readU32(bytes, at + 20),
    uncompressedSize: readU32(bytes, at + 24),
    internalAttributes: readU16(bytes, at + 36),
    externalAttributes: readU32(bytes, at + 38),
    localHeaderOffset: readU32(bytes, at + 42),
    extra,
    comment: decodeUtf8OrEscape(bytes.subarray(nameStart + nameLength + extraLength, nameStart + nameLength + extraLength + commentLength)),
  }
  applyZip64Extra(entry)
  return entry
}

/**
 * Names are UTF-8 when flag bit 11 is set, CP437 otherwise (APPNOTE appendix D). Both readings are
 * checked: undecodable UTF-8 and non-ASCII names without the flag (read as CP437, which most tools
 * would show differently) are reported, never silently normalised.
 */
export function decodeZipName(nameBytes: Bytes, flags: number): { name: string; encodingProblem: string | null } {
  if (isAscii(nameBytes)) return { name: escapeControls(decodeCp437(nameBytes)), encodingProblem: null }
  if (flags & FLAG_UTF8) {
    const { text, validUtf8 } = decodeName(nameBytes)
    return { name: text, encodingProblem: validUtf8 ? null : `The name is flagged UTF-8 but is not valid UTF-8 (bytes ${toHex(nameBytes)})` }
  }
  const utf8 = decodeName(nameBytes)
  const problem = `The name has non-ASCII bytes without the UTF-8 flag: read as CP437 (APPNOTE D.1)${utf8.validUtf8 ? `; as UTF-8 it would read ${JSON.stringify(utf8.text)}` : ''}`
  return { name: escapeControls(decodeCp437(nameBytes)), encodingProblem: problem }
}

/** Splits an extra field into its (header ID, data) blocks (APPNOTE 4.5.1). */
export function parseExtraFields(extra: Bytes): { id: number; data: Bytes }[] {
  const blocks: { id: number; data: Bytes }[] = []
  for (let at = 0; at + 4 <= extra.length; ) {
    const size = readU16(extra, at + 2)
    blocks.push({ id: readU16(extra, at), data: extra.subarray(at + 4, Math.min(at + 4 + size, extra.length)) })
    at += 4 + size
  }
  return blocks
}

/** Zip64 extended information (0x0001, APPNOTE 4.5.3): 64-bit values for the fields set to all ones, in this order. */
function applyZip64Extra(entry: CentralDirectoryEntry): void {
  const block = parseExtraFields(entry.extra).find((b) => b.id === 0x0001)
  if (!block) return
  let at = 0
  if (entry.uncompressedSize === 0xffffffff && at + 8 <= block.data.length) (entry.uncompressedSize = readU64(block.data, at)), (at += 8)
  if (entry.compressedSize === 0xffffffff && at + 8 <= block.data.length) (entry.compressedSize = readU64(block.data, at)), (at += 8)
  if (entry.localHeaderOffset === 0xffffffff && at + 8 <= block.data.length) entry.localHeaderOffset = readU64(block.data, at)
}

/** Extended timestamp (0x5455, Info-ZIP extrafld.txt): flags byte, then the modification time when bit 0 is set. */
export function readExtendedTimestamp(extra: Bytes): number | null {
  const block = parseExtraFields(extra).find((b) => b.id === 0x5455)
  if (!block || block.data.length < 5 || !(block.data[0] & 1)) return null
  return readU32(block.data, 1) | 0
}

/** MS-DOS date and time (APPNOTE 4.4.6) as seconds since the epoch, reading the wall-clock fields as UTC. */
export function dosDateTimeToSeconds(date: number, time: number): number {
  const year = 1980 + (date >> 9)
  const month = ((date >> 5) & 0x0f) - 1
  const day = date & 0x1f
  return Date.UTC(year, month, day, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2) / 1000
}

export function describeExtra(extra: Bytes): string {
  return extra.length === 0 ? '' : toHex(extra)
}
