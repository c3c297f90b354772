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
  /** Set flag bit 3 and write a data descriptor after the data (APPNOTE 4.3.9); the local CRC-32 and sizes are zero. */
  dataDescriptor?: true | DataDescriptorOptions
  /** Zip64 extended information extra fields (APPNOTE 4.5.3). */
  zip64?: Zip64Options
  /** Info-ZIP extended timestamp (extra 0x5455, modification time only) in the local and/or central extra field. */
  extendedTime?: { local?: number; central?: number }
  /** Filler bytes written in front of this entry's local header: bytes no entry covers. */
  gapBefore?: number
  /** Uncompressed size written in both headers instead of the real one (a member that lies about its size). */
  declaredSize?: number
  /** Compression method written in both headers (APPNOTE 4.4.5), with `stored` as its already compressed data. */
  method?: number
  stored?: Uint8Array
  /** CRC-32 written in both headers instead of the real one. */
  crc?: number
}

export interface DataDescriptorOptions {
  /** Write the optional signature 0x08074b50 (APPNOTE 4.3.9.3); default true. */
  signature?: boolean
  /** 8-byte sizes (APPNOTE 4.3.9.2); default: when the local header has a zip64 extra field. */
  zip64?: boolean
  /** Values written instead of the real ones, for descriptors that disagree with the central directory. */
  crc32?: number
  compressedSize?: number
  uncompressedSize?: number
}

export interface Zip64Options {
  /** Local header: both sizes 0xFFFFFFFF, the real ones in its zip64 extra field (as Python's zipfile writes). */
  local?: boolean
  /** Central directory: sizes and local header offset 0xFFFFFFFF, the real values in its zip64 extra field. */
  central?: boolean
  /** Sizes written in the local zip64 extra instead of the real ones. */
  localSizes?: { uncompressed: number; compressed: number }
}

export interface ZipOptions {
  prefix?: Uint8Array
  trailing?: Uint8Array
  /** Extra central directory entries pointing at the local header of entry N (under another name, if given). */
  repeatCentral?: (number | { entry: number; name: string })[]
  /** Filler bytes between the last entry and the central directory: bytes no entry covers. */
  gapBeforeDirectory?: number
  /** Write a zip64 end record and locator (APPNOTE 4.3.14, 4.3.15); always done past 65,535 entries. */
  zip64End?: boolean
}

const text = new TextEncoder()
const bytesOf = (value: Uint8Array | string | undefined) => (typeof value === 'string' ? text.encode(value) : (value ?? new Uint8Array(0)))

function le(values: [number, 2 | 4 | 8][]): Uint8Array {
  const out = new Uint8Array(values.reduce((n, [, size]) => n + size, 0))
  const view = new DataView(out.buffer)
  let at = 0
  for (const [value, size] of values) {
    if (size === 2) view.setUint16(at, value, true)
    else if (size === 4) view.setUint32(at, value >>> 0, true)
    else view.setBigUint64(at, BigInt(value), true)
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

/** One extra field block (APPNOTE 4.5.1): header ID, data size, data. */
export function extraBlock(id: number, data: Uint8Array): Uint8Array {
  return concat([le([[id, 2], [data.length, 2]]), data])
}

const extendedTimestamp = (mtime: number) => extraBlock(0x5455, concat([new Uint8Array([1]), le([[mtime, 4]])]))
const filler = (length: number) => new Uint8Array(length).fill(0x5a)
const ALL_ONES = 0xffffffff

/** The local header, data and data descriptor of one entry, and a writer of its central directory header. */
function writeEntry(entry: ZipEntry, offset: number): { local: Uint8Array; central: (name?: string) => Uint8Array } {
  const name = bytesOf(entry.name)
  const data = bytesOf(entry.data)
  const stored = entry.stored ?? (entry.deflate ? deflateSync(data) : data)
  const size = entry.declaredSize ?? data.length
  const descriptor = entry.dataDescriptor === true ? {} : entry.dataDescriptor
  const zip64 = entry.zip64 ?? {}
  const flags = (entry.flags ?? (typeof entry.name === 'string' ? 0x800 : 0)) | (descriptor ? 0x8 : 0)
  const method = entry.method ?? (entry.deflate ? 8 : 0)
  const version = zip64.local || zip64.central ? 45 : 20
  const crc = entry.crc ?? crc32(data)
  const common = (): [number, 2 | 4][] => [[version, 2], [flags, 2], [method, 2], [0, 2], [0x21, 2]]
  // Local header (APPNOTE 4.3.7); with a data descriptor the CRC-32 and sizes are zero (4.4.4 bit 3).
  const localSizes = zip64.localSizes ?? (descriptor ? { uncompressed: 0, compressed: 0 } : { uncompressed: size, compressed: stored.length })
  const localExtra = concat([
    zip64.local ? extraBlock(0x0001, le([[localSizes.uncompressed, 8], [localSizes.compressed, 8]])) : new Uint8Array(0),
    entry.extendedTime?.local === undefined ? new Uint8Array(0) : extendedTimestamp(entry.extendedTime.local),
  ])
  const localValues: [number, 4][] = zip64.local ? [[descriptor ? 0 : crc, 4], [ALL_ONES, 4], [ALL_ONES, 4]] : [[descriptor ? 0 : crc, 4], [localSizes.compressed, 4], [localSizes.uncompressed, 4]]
  const local = concat([le([[0x04034b50, 4], ...common(), ...localValues, [name.length, 2], [localExtra.length, 2]]), name, localExtra, stored, descriptor ? writeDescriptor(descriptor, crc, stored.length, size, Boolean(zip64.local)) : new Uint8Array(0)])
  // Central directory header (APPNOTE 4.3.12).
  const central = (centralName?: string) => {
    const n = centralName !== undefined ? text.encode(centralName) : entry.centralName === undefined ? name : text.encode(entry.centralName)
    const extra = concat([
      zip64.central ? extraBlock(0x0001, le([[size, 8], [stored.length, 8], [offset, 8]])) : new Uint8Array(0),
      entry.extendedTime?.central === undefined ? new Uint8Array(0) : extendedTimestamp(entry.extendedTime.central),
    ])
    const sizes: [number, 4][] = zip64.central ? [[ALL_ONES, 4], [ALL_ONES, 4]] : [[stored.length, 4], [size, 4]]
    const tail: [number, 2 | 4][] = [[0, 2], [0, 2], [0, 2], [((entry.mode ?? 0o100644) << 16) >>> 0, 4], [zip64.central ? ALL_ONES : offset, 4]]
    return concat([le([[0x02014b50, 4], [0x031e, 2], ...common(), [crc, 4], ...sizes, [n.length, 2], [extra.length, 2], ...tail]), n, extra])
  }
  return { local, central }
}

/** Data descriptor (APPNOTE 4.3.9): optional signature, CRC-32, then both sizes in 4 or 8 bytes. */
function writeDescriptor(options: DataDescriptorOptions, crc: number, compressed: number, uncompressed: number, localZip64: boolean): Uint8Array {
  const width = (options.zip64 ?? localZip64) ? 8 : 4
  return concat([
    options.signature === false ? new Uint8Array(0) : le([[0x08074b50, 4]]),
    le([[options.crc32 ?? crc, 4], [options.compressedSize ?? compressed, width], [options.uncompressedSize ?? uncompressed, width]]),
  ])
}

export function buildZip(entries: ZipEntry[], options: ZipOptions = {}): Uint8Array<ArrayBuffer> {
  const prefix = options.prefix ?? new Uint8Array(0)
  const parts: Uint8Array[] = [prefix]
  const centrals: Uint8Array[] = []
  const writers: ((name?: string) => Uint8Array)[] = []
  let offset = prefix.length
  for (const entry of entries) {
    if (entry.gapBefore) (parts.push(filler(entry.gapBefore)), (offset += entry.gapBefore))
    const { local, central } = writeEntry(entry, offset)
    parts.push(local)
    writers.push(central)
    centrals.push(central())
    offset += local.length
  }
  for (const repeat of options.repeatCentral ?? []) centrals.push(typeof repeat === 'number' ? writers[repeat]() : writers[repeat.entry](repeat.name))
  if (options.gapBeforeDirectory) (parts.push(filler(options.gapBeforeDirectory)), (offset += options.gapBeforeDirectory))
  const directory = concat(centrals)
  const zip64End = options.zip64End || centrals.length > 0xffff
  const count = zip64End ? 0xffff : centrals.length
  const zip64Records = zip64End ? writeZip64End(centrals.length, directory.length, offset) : new Uint8Array(0)
  const end = le([[0x06054b50, 4], [0, 2], [0, 2], [count, 2], [count, 2], [directory.length, 4], [zip64End ? ALL_ONES : offset, 4], [0, 2]])
  return concat([...parts, directory, zip64Records, end, options.trailing ?? new Uint8Array(0)])
}

/** Zip64 end of central directory record (APPNOTE 4.3.14) and its locator (4.3.15), right after the directory. */
function writeZip64End(entries: number, directorySize: number, directoryOffset: number): Uint8Array {
  const record = le([[0x06064b50, 4], [44, 8], [0x031e, 2], [45, 2], [0, 4], [0, 4], [entries, 8], [entries, 8], [directorySize, 8], [directoryOffset, 8]])
  const locator = le([[0x07064b50, 4], [0, 4], [directoryOffset + directorySize, 8], [1, 4]])
  return concat([record, locator])
}

/**
 * David Fifield's "quoted overlap" zip bomb (https://www.bamsoftware.com/hacks/zipbomb/): every entry's
 * deflate stream starts with a non-final stored block that quotes the next entry's local header, so entry i
 * inflates to every later local header followed by the one shared kernel. Each entry looks ordinary; together
 * they expand far past the file's size. CRC-32s and sizes are real, so an extractor would write every file.
 */
export function buildQuotedOverlapZip(count: number, kernel: Uint8Array): Uint8Array<ArrayBuffer> {
  const kernelStream = deflateSync(kernel)
  const names = Array.from({ length: count }, (_, i) => text.encode(`${String(i).padStart(4, '0')}.bin`))
  const headers: Uint8Array[] = new Array(count)
  let inflated: Uint8Array = kernel
  let compressedSize = kernelStream.length
  // From the last entry back: entry i's output is entry i+1's local header, then entry i+1's output.
  for (let i = count - 1; i >= 0; i--) {
    if (i < count - 1) {
      inflated = concat([headers[i + 1], inflated])
      compressedSize += 5 + headers[i + 1].length
    }
    headers[i] = concat([le([[0x04034b50, 4], [20, 2], [0, 2], [8, 2], [0, 2], [0x21, 2], [crc32(inflated), 4], [compressedSize, 4], [inflated.length, 4], [names[i].length, 2], [0, 2]]), names[i]])
  }
  const parts: Uint8Array[] = []
  const offsets: number[] = []
  let offset = 0
  for (let i = 0; i < count; i++) {
    offsets.push(offset)
    parts.push(headers[i])
    offset += headers[i].length
    if (i < count - 1) {
      // A stored block header (RFC 1951 3.2.4): BFINAL=0, BTYPE=00, then LEN and its one's complement.
      const length = headers[i + 1].length
      parts.push(new Uint8Array([0]), le([[length, 2], [~length & 0xffff, 2]]))
      offset += 5
    }
  }
  parts.push(kernelStream)
  offset += kernelStream.length
  const centrals = headers.map((header, i) => {
    const fields = header.subarray(4, 30)
    return concat([le([[0x02014b50, 4], [0x031e, 2]]), fields, le([[0, 2], [0, 2], [0, 2], [(0o100644 << 16) >>> 0, 4], [offsets[i], 4]]), names[i]])
  })
  const directory = concat(centrals)
  const end = le([[0x06054b50, 4], [0, 2], [0, 2], [count, 2], [count, 2], [directory.length, 4], [offset, 4], [0, 2]])
  return concat([...parts, directory, end])
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
