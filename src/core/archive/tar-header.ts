/**
 * One tar header block, parsed field by field (POSIX ustar, pubs.opengroup.org .../basedefs/tar.h.html;
 * GNU tar manual "Standard"), and pax extended records (POSIX pax, "pax Extended Header").
 */
import { fail } from '../errors'
import type { Bytes } from '../util/bytes'
import { decodeName } from '../util/text'
import { tarHeaderChecksum } from './detect'

export const TAR_BLOCK_SIZE = 512

export interface TarHeader {
  name: string
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
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false
  return true
}

/** Fields whose bytes were not valid UTF-8 while parsing the current header (POSIX leaves the encoding open). */
let invalidFields: string[] = []

function readString(block: Bytes, at: number, length: number, field = ''): string {
  const bytes = block.subarray(at, at + length)
  const end = bytes.indexOf(0)
  const { text, validUtf8 } = decodeName(end < 0 ? bytes : bytes.subarray(0, end))
  if (!validUtf8 && field) invalidFields.push(field)
  return text
}

/** Numeric fields are octal text, or base-256 when the first byte's high bit is set (GNU, POSIX 2008). */
function readNumber(block: Bytes, at: number, length: number, field: string, offset: number): number {
  if (block[at] & 0x80) {
    let value = block[at] & 0x3f
    for (let i = 1; i < length; i++) value = value * 256 + block[at + i]
    return value
  }
  const text = String.fromCharCode(...block.subarray(at, at + length)).replace(/\0.*$/s, '').trim()
  if (text === '') return 0
  if (!/^[0-7]+$/.test(text)) fail('CORRUPT_STRUCTURE', `tar header at offset ${offset}: ${field} is not an octal number (${JSON.stringify(text)})`, { offset })
  return parseInt(text, 8)
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
  const name = readString(block, 0, 100, 'name')
  // Only POSIX ustar has the prefix field; GNU keeps atime/ctime at the same offsets.
  const prefix = magic === 'ustar' ? readString(block, 345, 155, 'prefix') : ''
  const linkname = readString(block, 157, 100, 'linkname')
  return {
    name: prefix ? `${prefix}/${name}` : name,
    mode: readNumber(block, 100, 8, 'mode', offset),
    uid: readNumber(block, 108, 8, 'uid', offset),
    gid: readNumber(block, 116, 8, 'gid', offset),
    size: readNumber(block, 124, 12, 'size', offset),
    mtime: readNumber(block, 136, 12, 'mtime', offset),
    checksum,
    typeflag: block[156] === 0 ? '0' : String.fromCharCode(block[156]),
    linkname,
    magic,
    uname: magic === 'v7' ? '' : readString(block, 265, 32),
    gname: magic === 'v7' ? '' : readString(block, 297, 32),
    devmajor: magic === 'v7' ? 0 : readNumber(block, 329, 8, 'devmajor', offset),
    devminor: magic === 'v7' ? 0 : readNumber(block, 337, 8, 'devminor', offset),
    invalidUtf8Fields: invalidFields,
  }
}

/** Parses "<length> <key>=<value>\n" records; the length counts the whole record (POSIX pax). */
export function parsePaxRecords(data: Bytes, offset: number): Map<string, string> {
  const records = new Map<string, string>()
  let at = 0
  while (at < data.length && data[at] !== 0) {
    const space = data.indexOf(0x20, at)
    const length = space < 0 ? NaN : Number(String.fromCharCode(...data.subarray(at, space)))
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length || data[at + length - 1] !== 0x0a) {
      fail('CORRUPT_STRUCTURE', `Malformed pax record at offset ${offset + at}`, { offset: offset + at })
    }
    const record = decodeName(data.subarray(space + 1, at + length - 1)).text
    const equals = record.indexOf('=')
    if (equals < 0) fail('CORRUPT_STRUCTURE', `pax record without "=" at offset ${offset + at}`, { offset: offset + at })
    records.set(record.slice(0, equals), record.slice(equals + 1))
    at += length
  }
  return records
}
