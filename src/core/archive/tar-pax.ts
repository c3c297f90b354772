/**
 * pax records read strictly (POSIX pax, "pax Extended Header"): the integer keywords are decimal digits
 * only, the times `[-]digits[.digits]`; anything else is a named structure error at the header's offset, so a
 * negative or fractional size can never lower a running total, and a hex or huge one is never guessed at.
 * Also: a pax record that overrides a ustar field that was complete and different is a parser
 * differential (a reader that ignores pax sees another file), reported as PAX_OVERRIDE.
 */
import { fail } from '../errors'
import type { Anomaly } from '../types'
import { decodeName } from '../util/text'
import type { PaxRecord, TarHeader } from './tar-header'

/** pax keywords whose value is a non-negative decimal integer (POSIX pax: size, uid, gid; devmajor/devminor as star and GNU write them). */
export const PAX_INTEGER_KEYS = ['size', 'uid', 'gid', 'devmajor', 'devminor']
/** pax keywords whose value is a time: an optional `-`, digits, an optional `.` and digits (POSIX pax, "mtime"). */
export const PAX_TIME_KEYS = ['mtime', 'atime', 'ctime']

const ascii = (bytes: Uint8Array) => (bytes.length <= 64 ? String.fromCharCode(...bytes) : null)

/** A decimal integer record (also the GNU.sparse.* numbers), or a CORRUPT_STRUCTURE error naming it. */
export function paxInteger(record: PaxRecord, headerOffset: number): number {
  const text = ascii(record.valueBytes)
  const value = text !== null && /^[0-9]+$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(value)) {
    fail('CORRUPT_STRUCTURE', `pax record ${record.key}=${JSON.stringify(record.value.slice(0, 40))} (header at offset ${headerOffset}) is not a decimal integer below 2^53`, { offset: headerOffset })
  }
  return value
}

export function paxTime(record: PaxRecord, headerOffset: number): number {
  const text = ascii(record.valueBytes)
  const match = text === null ? null : /^(-?[0-9]+)(\.[0-9]+)?$/.exec(text)
  if (!match || !Number.isSafeInteger(Number(match[1]))) {
    fail('CORRUPT_STRUCTURE', `pax record ${record.key}=${JSON.stringify(record.value.slice(0, 40))} (header at offset ${headerOffset}) is not a time ([-]digits[.digits])`, { offset: headerOffset })
  }
  return Number(text)
}

/** Checks every integer and time record of one header (its own and the global ones in force). */
export function checkPaxNumbers(pax: Map<string, PaxRecord>, headerOffset: number): void {
  for (const key of PAX_INTEGER_KEYS) if (pax.has(key)) paxInteger(pax.get(key)!, headerOffset)
  for (const key of PAX_TIME_KEYS) if (pax.has(key)) paxTime(pax.get(key)!, headerOffset)
}

/** The largest value an octal field of `width` bytes holds (width - 1 digits and a terminator). */
const octalMax = (width: number) => 8 ** (width - 1) - 1

interface NumericField {
  key: string
  ustar: (header: TarHeader) => number
  width: number
}

const NUMERIC_FIELDS: NumericField[] = [
  { key: 'size', ustar: (h) => h.size, width: 12 },
  { key: 'uid', ustar: (h) => h.uid, width: 8 },
  { key: 'gid', ustar: (h) => h.gid, width: 8 },
  { key: 'devmajor', ustar: (h) => h.devmajor, width: 8 },
  { key: 'devminor', ustar: (h) => h.devminor, width: 8 },
]

/**
 * A numeric ustar field is a placeholder, never an override, when the pax value does not fit it: writers
 * then put 0 or the octal maximum there (CPython writes 0; GNU tar the largest value). A pax mtime with a
 * fraction fits when its whole seconds do: GNU tar stores them truncated, CPython rounded.
 */
function numericOverride(field: NumericField, header: TarHeader, value: number): boolean {
  const ustar = field.ustar(header)
  return value !== ustar && value >= 0 && value <= octalMax(field.width)
}

function mtimeOverride(header: TarHeader, value: number): boolean {
  if (value < 0 || value > octalMax(12)) return false
  return ![Math.floor(value), Math.ceil(value), Math.round(value)].includes(header.mtime)
}

/**
 * A ustar name field is a placeholder when it is empty or the pax value does not fit it and the field holds
 * its truncated form (GNU tar: the first 100 bytes), or the value with each non-ASCII character as "?"
 * (CPython's pax writer encodes the ustar fields as ASCII with "replace").
 */
function stringOverride(ustarText: string, ustarBytes: Uint8Array, record: PaxRecord, capacity: number): boolean {
  if (ustarBytes.length === 0 || (ustarBytes.length === record.valueBytes.length && startsWith(record.valueBytes, ustarBytes))) return false
  const fits = record.valueBytes.length <= capacity
  if (!fits && startsWith(record.valueBytes, ustarBytes)) return false
  const replaced = asciiReplaced(record.valueBytes)
  if (replaced !== null && (replaced === ustarText || (!fits && replaced.startsWith(ustarText)))) return false
  return true
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false
  return true
}

/** The text with every non-ASCII character as "?", or null when it is not valid UTF-8. */
function asciiReplaced(bytes: Uint8Array): string | null {
  const { text, validUtf8 } = decodeName(bytes)
  return validUtf8 ? text.replace(/[^\x00-\x7f]/gu, '?') : null
}

/**
 * PAX_OVERRIDE anomalies for one member: each pax record that replaces a ustar field whose value was
 * complete and different. `path` names the member in the message (the artefact list carries it).
 */
export function paxOverrides(header: TarHeader, headerOffset: number, pax: Map<string, PaxRecord>, path: string): Anomaly[] {
  const found: Anomaly[] = []
  const note = (key: string, ustar: string | number, value: string | number, recordOffset: number) => found.push({
    code: 'PAX_OVERRIDE',
    message: `${path}: the pax record "${key}" (at offset ${recordOffset}) overrides the ustar header at offset ${headerOffset}: ustar ${JSON.stringify(ustar)}, pax ${JSON.stringify(value)}; a reader that ignores pax extracts the other one`,
    offset: headerOffset,
  })
  for (const field of NUMERIC_FIELDS) {
    const record = pax.get(field.key)
    if (record && numericOverride(field, header, paxInteger(record, headerOffset))) note(field.key, field.ustar(header), paxInteger(record, headerOffset), record.offset)
  }
  const mtime = pax.get('mtime')
  if (mtime && mtimeOverride(header, paxTime(mtime, headerOffset))) note('mtime', header.mtime, paxTime(mtime, headerOffset), mtime.offset)
  const strings: [string, string, Uint8Array, number][] = [
    // A path that fits 100 bytes fits the name field; a longer one may also fit prefix + name, but writers
    // that add a pax path then truncate the name field instead (GNU tar, CPython), which is the placeholder form.
    ['path', header.name, header.nameBytes, 100],
    ['linkpath', header.linkname, fieldBytesOf(header.block, 157, 100), 100],
    ['uname', header.uname, fieldBytesOf(header.block, 265, 32), 32],
    ['gname', header.gname, fieldBytesOf(header.block, 297, 32), 32],
  ]
  for (const [key, text, bytes, capacity] of strings) {
    const record = pax.get(key)
    if (record && stringOverride(text, bytes, record, capacity)) note(key, text, record.value, record.offset)
  }
  return found
}

function fieldBytesOf(block: Uint8Array, at: number, length: number): Uint8Array {
  const bytes = block.subarray(at, at + length)
  const end = bytes.indexOf(0)
  return end < 0 ? bytes : bytes.subarray(0, end)
}
