/**
 * Tar and gzip bytes that tests need and normal tools do not write on demand: pax records, GNU long names,
 * odd typeflags, base-256 numbers, old GNU and pax sparse members (GNU tar manual, "Sparse Formats"),
 * multi-member gzip and gzip headers with large optional fields (RFC 1952 2.3). Written from POSIX ustar/pax.
 */
import { gzipSync } from 'fflate'
import { crc32 } from '../../../src/core/util/crc32'

const text = new TextEncoder()
export const bytesOf = (value: Uint8Array | string | undefined) => (typeof value === 'string' ? text.encode(value) : (value ?? new Uint8Array(0)))

export function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let total = 0
  for (const part of parts) total += part.length
  const out = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A numeric field: octal text, or raw bytes (base-256) as given. */
export type NumberField = number | Uint8Array

export interface HeaderFields {
  name: string | Uint8Array
  typeflag?: string
  /** The size field; defaults to the data length. */
  size?: NumberField
  mode?: number
  uid?: NumberField
  gid?: NumberField
  mtime?: NumberField
  linkname?: string
  uname?: string
  gname?: string
  prefix?: string
  magic?: 'ustar' | 'gnu'
  /** Raw bytes written over the block at these offsets before the checksum (old GNU sparse fields, …). */
  patches?: [number, Uint8Array][]
}

const octal = (value: number, width: number) => text.encode(`${value.toString(8).padStart(width - 1, '0')}\0`)

/** Base-256 of a (possibly negative) number in a field of `width` bytes (GNU tar: 0x80 positive, 0xff negative). */
export function base256(value: bigint | number, width: number): Uint8Array {
  let v = BigInt(value)
  if (v < 0n) v += 256n ** BigInt(width - 1)
  const out = new Uint8Array(width)
  out[0] = BigInt(value) < 0n ? 0xff : 0x80
  for (let i = width - 1; i >= 1; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

export function tarHeader(fields: HeaderFields, dataLength: number): Uint8Array {
  const block = new Uint8Array(512)
  const put = (at: number, value: Uint8Array | string) => block.set(bytesOf(value), at)
  const number = (at: number, value: NumberField, width: number) => put(at, typeof value === 'number' ? octal(value, width) : value)
  put(0, fields.name)
  number(100, fields.mode ?? 0o644, 8)
  number(108, fields.uid ?? 0, 8)
  number(116, fields.gid ?? 0, 8)
  number(124, fields.size ?? dataLength, 12)
  number(136, fields.mtime ?? 1700000000, 12)
  put(156, fields.typeflag ?? '0')
  put(157, fields.linkname ?? '')
  if (fields.magic === 'gnu') put(257, 'ustar  \0')
  else put(257, 'ustar\u000000')
  put(265, fields.uname ?? '')
  put(297, fields.gname ?? '')
  if (fields.prefix) put(345, fields.prefix)
  for (const [at, bytes] of fields.patches ?? []) put(at, bytes)
  block.fill(0x20, 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `)
  return block
}

export const blockPadding = (length: number) => new Uint8Array((512 - (length % 512)) % 512)

/** One header and its data, padded to the block size. */
export function tarEntry(fields: HeaderFields, data?: Uint8Array | string): Uint8Array<ArrayBuffer> {
  const bytes = bytesOf(data)
  return concat([tarHeader(fields, bytes.length), bytes, blockPadding(bytes.length)])
}

/** pax records "<length> <key>=<value>\n", the length counting itself (POSIX pax). */
export function paxRecords(records: [string, string | Uint8Array][]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = []
  for (const [key, value] of records) {
    const body = concat([text.encode(` ${key}=`), bytesOf(value), text.encode('\n')])
    let length = body.length + 1
    while (String(length).length + body.length !== length) length++
    parts.push(text.encode(String(length)), body)
  }
  return concat(parts)
}

/** A pax extended header (x, or g for global) holding `records`. */
export function paxEntry(records: [string, string | Uint8Array][], typeflag: 'x' | 'g' | 'X' = 'x'): Uint8Array<ArrayBuffer> {
  return tarEntry({ name: 'PaxHeaders/x', typeflag }, paxRecords(records))
}

/** A GNU long name (L) or long link (K) entry. */
export function gnuLongEntry(typeflag: 'L' | 'K', name: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return tarEntry({ name: '././@LongLink', typeflag, magic: 'gnu' }, concat([bytesOf(name), new Uint8Array(1)]))
}

/** The end-of-archive marker: two zero blocks. */
export const END_OF_ARCHIVE = new Uint8Array(1024)

export function tarOf(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return concat([...parts, END_OF_ARCHIVE])
}

export interface Segment {
  offset: number
  data: Uint8Array | string
}

/** The file an extractor writes for a sparse member: zeros with each segment at its offset. */
export function expandedFile(segments: Segment[], realSize: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(realSize)
  for (const segment of segments) out.set(bytesOf(segment.data), segment.offset)
  return out
}

/** An old GNU sparse member (typeflag S): 4 map entries in the header, 21 in each extension block. */
export function oldGnuSparseEntry(name: string, segments: Segment[], realSize: number, patchEntry?: (entry: Uint8Array, index: number) => void): Uint8Array<ArrayBuffer> {
  const entries = segments.map((segment, index) => {
    const entry = concat([octal(segment.offset, 12), octal(bytesOf(segment.data).length, 12)])
    patchEntry?.(entry, index)
    return entry
  })
  const data = concat(segments.map((segment) => bytesOf(segment.data)))
  const headerEntries = entries.slice(0, 4)
  const patches: [number, Uint8Array][] = headerEntries.map((entry, i) => [386 + i * 24, entry])
  patches.push([482, new Uint8Array([entries.length > 4 ? 1 : 0])], [483, octal(realSize, 12)])
  const extensions: Uint8Array[] = []
  for (let i = 4; i < entries.length; i += 21) {
    const block = new Uint8Array(512)
    entries.slice(i, i + 21).forEach((entry, j) => block.set(entry, j * 24))
    block[504] = i + 21 < entries.length ? 1 : 0
    extensions.push(block)
  }
  return concat([tarHeader({ name, typeflag: 'S', magic: 'gnu', patches }, data.length), ...extensions, data, blockPadding(data.length)])
}

/** A pax sparse member in format 0.0, 0.1 or 1.0, as GNU tar writes them (ustar name GNUSparseFile.N for 0.1 and 1.0). */
export function paxSparseEntry(name: string, segments: Segment[], realSize: number, version: '0.0' | '0.1' | '1.0', mapText?: string): Uint8Array<ArrayBuffer> {
  const data = concat(segments.map((segment) => bytesOf(segment.data)))
  const lengths = segments.map((segment) => bytesOf(segment.data).length)
  if (version === '1.0') {
    const map = mapText ?? [segments.length, ...segments.flatMap((s, i) => [s.offset, lengths[i]])].map((n) => `${n}\n`).join('')
    const mapBlock = concat([text.encode(map), blockPadding(map.length)])
    const stored = concat([mapBlock, data])
    const records: [string, string][] = [['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.name', name], ['GNU.sparse.realsize', String(realSize)]]
    return concat([paxEntry(records), tarEntry({ name: `./GNUSparseFile.1/${name}` }, stored)])
  }
  if (version === '0.1') {
    const map = mapText ?? segments.flatMap((s, i) => [s.offset, lengths[i]]).join(',')
    const records: [string, string][] = [['GNU.sparse.size', String(realSize)], ['GNU.sparse.numblocks', String(segments.length)], ['GNU.sparse.name', name], ['GNU.sparse.map', map]]
    return concat([paxEntry(records), tarEntry({ name: `./GNUSparseFile.1/${name}` }, data)])
  }
  const records: [string, string][] = [['GNU.sparse.size', String(realSize)], ['GNU.sparse.numblocks', String(segments.length)]]
  segments.forEach((s, i) => records.push(['GNU.sparse.offset', String(s.offset)], ['GNU.sparse.numbytes', String(lengths[i])]))
  return concat([paxEntry(records), tarEntry({ name }, data)])
}

export function gzipOf(bytes: Uint8Array, options: { filename?: string; mtime?: number } = {}): Uint8Array<ArrayBuffer> {
  return gzipSync(bytes, { mtime: options.mtime ?? 0, filename: options.filename }) as Uint8Array<ArrayBuffer>
}

export interface GzipHeaderFields {
  extra?: Uint8Array
  fname?: Uint8Array | string
  fcomment?: Uint8Array | string
  /** Write FHCRC: the right value, or this one. */
  fhcrc?: true | number
}

/** A gzip member with a hand-built header (RFC 1952 2.3) around fflate's deflate stream and trailer. */
export function gzipWithHeader(payload: Uint8Array, fields: GzipHeaderFields): Uint8Array<ArrayBuffer> {
  const plain = gzipOf(payload)
  const body = plain.subarray(10)
  let flags = 0
  const parts: Uint8Array[] = []
  if (fields.extra) {
    flags |= 0x04
    parts.push(new Uint8Array([fields.extra.length & 0xff, fields.extra.length >> 8]), fields.extra)
  }
  if (fields.fname !== undefined) (flags |= 0x08), parts.push(bytesOf(fields.fname), new Uint8Array(1))
  if (fields.fcomment !== undefined) (flags |= 0x10), parts.push(bytesOf(fields.fcomment), new Uint8Array(1))
  if (fields.fhcrc !== undefined) flags |= 0x02
  const head = concat([new Uint8Array([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3]), ...parts])
  const crc = fields.fhcrc === true ? crc32(head) & 0xffff : (fields.fhcrc ?? 0)
  const fhcrc = fields.fhcrc === undefined ? new Uint8Array(0) : new Uint8Array([crc & 0xff, crc >> 8])
  return concat([head, fhcrc, body])
}
