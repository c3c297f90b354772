/**
 * One tar header block, parsed field by field (POSIX ustar, pubs.opengroup.org .../basedefs/tar.h.html;
 * GNU tar manual "Basic Tar Format" and "Old GNU Format"), and pax extended records (POSIX pax, "pax
 * Extended Header").
 */
import { fail } from '../errors'
import type { Bytes } from '../util/bytes'
import { decodeName } from '../util/text'
import { tarHeaderChecksum } from './detect'

export const TAR_BLOCK_SIZE = 512

export interface TarHeader {
  name: string
  /** The stored name bytes: prefix + "/" + name for POSIX ustar, else the name field, up to its first NUL. */
  nameBytes: Uint8Array
  mode: number
  uid: number
  gid: number
  size: number
  mtime: number
  checksum: number
  typeflag: string
  linkname: string
  magic: 'ustar' | 'gnu' | 'v7'
  uname: string
  gname: string
  devmajor: number
  devminor: number
  /** Name fields (name, prefix, linkname) whose bytes are not valid UTF-8 and are shown escaped. */
  invalidUtf8Fields: string[]
  /** The raw block, for the fields only some typeflags have (the old GNU sparse map, tar-sparse.ts). */
  block: Uint8Array
}

/** One pax record, in archive order: `key`, the value as display text and as its stored bytes. */
export interface PaxRecord {
  key: string
  value: string
  valueBytes: Uint8Array
  /** Offset of the record in the (uncompressed) tar stream. */
  offset: number
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false
  return true
}

/** Fields whose bytes were not valid UTF-8 while parsing the current header (POSIX leaves the encoding open). */
let invalidFields: string[] = []

function fieldBytes(block: Uint8Array, at: number, length: number): Uint8Array {
  const bytes = block.subarray(at, at + length)
  const end = bytes.indexOf(0)
  return end < 0 ? bytes : bytes.subarray(0, end)
}

function readString(block: Uint8Array, at: number, length: number, field = ''): string {
  const { text, validUtf8 } = decodeName(fieldBytes(block, at, length))
  if (!validUtf8 && field) invalidFields.push(field)
  return text
}

/**
 * Base-256 (GNU tar "Basic Tar Format"; POSIX 2008 allows it): a first byte of 0x80 marks a positive
 * number, 0xff a negative one, the remaining bytes are big-endian two's complement (GNU tar's
 * `from_header`, CPython's `nti`). So an mtime of -1 is ff ff … ff. Values past 2^53 are refused, never
 * rounded into another number.
 */
function readBase256(block: Uint8Array, at: number, length: number, field: string, offset: number): number {
  const lead = block[at]
  if (lead !== 0x80 && lead !== 0xff) {
    fail('CORRUPT_STRUCTURE', `tar header at offset ${offset}: ${field} starts with 0x${lead.toString(16)}, neither octal text nor base-256 (0x80 or 0xff)`, { offset })
  }
  let value = 0n
  for (let i = 1; i < length; i++) value = value * 256n + BigInt(block[at + i])
  if (lead === 0xff) value -= 256n ** BigInt(length - 1)
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    fail('CORRUPT_STRUCTURE', `tar header at offset ${offset}: base-256 ${field} ${value} is beyond 2^53, which cannot be read exactly`, { offset })
  }
  return Number(value)
}

/** Numeric fields are octal text, or base-256 when the first byte's high bit is set (GNU, POSIX 2008). */
export function readNumber(block: Uint8Array, at: number, length: number, field: string, offset: number): number {
  if (block[at] & 0x80) return readBase256(block, at, length, field, offset)
  // A fixed 8- or 12-byte field: spreading it into fromCharCode is bounded.
  const text = String.fromCharCode(...block.subarray(at, at + length)).replace(/\0.*$/s, '').trim()
  if (text === '') return 0
  if (!/^[0-7]+$/.test(text)) fail('CORRUPT_STRUCTURE', `tar header at offset ${offset}: ${field} is not an octal number (${JSON.stringify(text)})`, { offset })
  return parseInt(text, 8)
}

function joinName(prefix: Uint8Array, name: Uint8Array): Uint8Array {
  if (prefix.length === 0) return name
  const joined = new Uint8Array(prefix.length + 1 + name.length)
  joined.set(prefix)
  joined[prefix.length] = 0x2f
  joined.set(name, prefix.length + 1)
  return joined
}

export function parseTarHeader(block: Bytes, offset: number): TarHeader {
  const checksum = readNumber(block, 148, 8, 'chksum', offset)
  const expected = tarHeaderChecksum(block)
  if (checksum !== expected) {
    fail('TAR_CHECKSUM', `tar header at offset ${offset} has checksum ${checksum}, its bytes sum to ${expected}`, { offset })
  }
  const magicField = String.fromCharCode(...block.subarray(257, 265))
  const magic = magicField === 'ustar  \0' ? 'gnu' : magicField.startsWith('ustar') ? 'ustar' : 'v7'
  invalidFields = []
  // Only POSIX ustar has the prefix field; GNU keeps atime/ctime at the same offsets, and an old GNU sparse
  // header (S) its map, whatever its magic (CPython's tarfile skips the prefix for GNU_TYPES too).
  const hasPrefix = magic === 'ustar' && block[156] !== 0x53
  const nameBytes = joinName(hasPrefix ? fieldBytes(block, 345, 155) : new Uint8Array(0), fieldBytes(block, 0, 100))
  const name = readString(nameBytes, 0, nameBytes.length, 'name')
  const size = readNumber(block, 124, 12, 'size', offset)
  if (size < 0) fail('CORRUPT_STRUCTURE', `tar header at offset ${offset}: size is negative (${size})`, { offset })
  return {
    name,
    nameBytes,
    mode: readNumber(block, 100, 8, 'mode', offset),
    uid: readNumber(block, 108, 8, 'uid', offset),
    gid: readNumber(block, 116, 8, 'gid', offset),
    size,
    mtime: readNumber(block, 136, 12, 'mtime', offset),
    checksum,
    typeflag: block[156] === 0 ? '0' : String.fromCharCode(block[156]),
    linkname: readString(block, 157, 100, 'linkname'),
    magic,
    uname: magic === 'v7' ? '' : readString(block, 265, 32),
    gname: magic === 'v7' ? '' : readString(block, 297, 32),
    devmajor: magic === 'v7' ? 0 : readNumber(block, 329, 8, 'devmajor', offset),
    devminor: magic === 'v7' ? 0 : readNumber(block, 337, 8, 'devminor', offset),
    invalidUtf8Fields: invalidFields,
    block,
  }
}

/** The decimal length that starts a pax record: at most 20 digits (a record longer than 2^53 cannot exist). */
function readRecordLength(data: Uint8Array, at: number): { length: number; space: number } | null {
  let length = 0
  let i = at
  for (; i < data.length && i - at < 20 && data[i] >= 0x30 && data[i] <= 0x39; i++) length = length * 10 + (data[i] - 0x30)
  if (i === at || data[i] !== 0x20 || !Number.isSafeInteger(length)) return null
  return { length, space: i }
}

/**
 * Parses "<length> <key>=<value>\n" records; the length counts the whole record (POSIX pax). Every record
 * is kept in order: GNU sparse format 0.0 repeats keys, and only the last occurrence of others counts.
 */
export function parsePaxRecords(data: Uint8Array, offset: number): PaxRecord[] {
  const records: PaxRecord[] = []
  let at = 0
  while (at < data.length && data[at] !== 0) {
    const start = readRecordLength(data, at)
    const length = start?.length ?? 0
    if (!start || length <= start.space - at + 1 || at + length > data.length || data[at + length - 1] !== 0x0a) {
      fail('CORRUPT_STRUCTURE', `Malformed pax record at offset ${offset + at}`, { offset: offset + at })
    }
    const record = data.subarray(start.space + 1, at + length - 1)
    const equals = record.indexOf(0x3d)
    if (equals < 0) fail('CORRUPT_STRUCTURE', `pax record without "=" at offset ${offset + at}`, { offset: offset + at })
    const valueBytes = record.subarray(equals + 1)
    records.push({ key: decodeName(record.subarray(0, equals)).text, value: decodeName(valueBytes).text, valueBytes, offset: offset + at })
    at += length
  }
  return records
}
