/**
 * Small archive writers for tests that need bytes no normal tool writes: hostile names, duplicate
 * entries, bytes around the archive, links that leave it. Written from APPNOTE 4.3 and POSIX ustar.
 */
import { deflateSync, gzipSync } from 'fflate'
import { crc32 } from '../../../src/core/util/crc32'

export interface ZipEntry {
  name: string | Uint8Array
  data?: Uint8Array | string
  deflate?: boolean
  /** General purpose flags; bit 11 (UTF-8) is set for string names unless given. */
  flags?: number
  mode?: number
  /** Write the central entry's name differently from the local header's. */
  centralName?: string
}

export interface ZipOptions {
  prefix?: Uint8Array
  trailing?: Uint8Array
  /** Extra central directory entries pointing at the local header of entry N. */
  repeatCentral?: number[]
}

const text = new TextEncoder()
const bytesOf = (value: Uint8Array | string | undefined) => (typeof value === 'string' ? text.encode(value) : (value ?? new Uint8Array(0)))

function le(values: [number, 2 | 4][]): Uint8Array {
  const out = new Uint8Array(values.reduce((n, [, size]) => n + size, 0))
  const view = new DataView(out.buffer)
  let at = 0
  for (const [value, size] of values) {
    if (size === 2) view.setUint16(at, value, true)
    else view.setUint32(at, value >>> 0, true)
    at += size
  }
  return out
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) (out.set(part, at), (at += part.length))
  return out
}

export function buildZip(entries: ZipEntry[], options: ZipOptions = {}): Uint8Array<ArrayBuffer> {
  const prefix = options.prefix ?? new Uint8Array(0)
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  const headers: { central: Uint8Array }[] = []
  for (const entry of entries) {
    const name = bytesOf(entry.name)
    const data = bytesOf(entry.data)
    const stored = entry.deflate ? deflateSync(data) : data
    const flags = entry.flags ?? (typeof entry.name === 'string' ? 0x800 : 0)
    const method = entry.deflate ? 8 : 0
    const fields = (n: Uint8Array): [number, 2 | 4][] => [[20, 2], [flags, 2], [method, 2], [0, 2], [0x21, 2], [crc32(data), 4], [stored.length, 4], [data.length, 4], [n.length, 2], [0, 2]]
    const local = concat([le([[0x04034b50, 4]]), le(fields(name)), name, stored])
    const centralName = entry.centralName === undefined ? name : text.encode(entry.centralName)
    const central = concat([le([[0x02014b50, 4], [0x031e, 2]]), le(fields(centralName)), le([[0, 2], [0, 2], [0, 2], [((entry.mode ?? 0o100644) << 16) >>> 0, 4], [prefix.length + offset, 4]]), centralName])
    locals.push(local)
    centrals.push(central)
    headers.push({ central })
    offset += local.length
  }
  for (const index of options.repeatCentral ?? []) centrals.push(headers[index].central)
  const directory = concat(centrals)
  const end = le([[0x06054b50, 4], [0, 2], [0, 2], [centrals.length, 2], [centrals.length, 2], [directory.length, 4], [prefix.length + offset, 4], [0, 2]])
  return concat([prefix, ...locals, directory, end, options.trailing ?? new Uint8Array(0)])
}

export interface TarEntry {
  name: string
  type?: '0' | '1' | '2' | '5'
  data?: Uint8Array | string
  linkname?: string
}

function tarHeader(entry: TarEntry, size: number): Uint8Array {
  const block = new Uint8Array(512)
  const put = (at: number, value: string) => block.set(text.encode(value), at)
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0')
  put(0, entry.name)
  put(100, octal(0o644, 8))
  put(108, octal(0, 8))
  put(116, octal(0, 8))
  put(124, octal(size, 12))
  put(136, octal(1700000000, 12))
  put(156, entry.type ?? '0')
  put(157, entry.linkname ?? '')
  put(257, 'ustar\u000000')
  block.fill(0x20, 148, 156)
  const sum = block.reduce((n, byte) => n + byte, 0)
  put(148, `${octal(sum, 7)}\u0000`)
  return block
}

export function buildTar(entries: TarEntry[], trailing?: Uint8Array): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = []
  for (const entry of entries) {
    const data = bytesOf(entry.data)
    parts.push(tarHeader(entry, data.length), data, new Uint8Array((512 - (data.length % 512)) % 512))
  }
  parts.push(new Uint8Array(1024))
  if (trailing) parts.push(trailing)
  return concat(parts)
}

export function gzip(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return gzipSync(bytes, { mtime: 0 }) as Uint8Array<ArrayBuffer>
}

export const blobSource = (name: string, bytes: Uint8Array<ArrayBuffer>) => ({ name, blob: new Blob([bytes]) })
