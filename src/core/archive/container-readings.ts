/**
 * Every container a file parses as. Tools disagree on where a container starts: Python's tarfile, gzip and
 * GNU tar read from offset 0, while CPython's zipfile (hence pip, for wheels and zip sdists) and unzip
 * read a zip from its end record, so a tar followed by a complete zip is a tar to one and a zip to the
 * other. The readings found here are only those the bytes support; reading-choice.ts picks the one to compare.
 */
import { CoreFailure } from '../errors'
import type { ArchiveFormat } from '../types'
import { lastIndexOfSignature, readU16, readU32, type Bytes } from '../util/bytes'
import { BlobReader, readSlice } from '../util/blob-reader'
import { StreamReader } from '../util/stream-reader'
import { resolveZip64EndRecord } from './zip-directory'
import { describeUnreadFormat, detectFormat, type DetectedFormat } from './detect'
import { gunzipTransform } from './gunzip'
import { decompressorFor, payloadIsTar } from './decompressors'
import {
  CENTRAL_DIRECTORY_HEADER_SIGNATURE, END_OF_CENTRAL_DIRECTORY_SIGNATURE, MAX_END_SEARCH, parseCentralDirectory, parseEndRecord,
} from './zip-structure'

const END_RECORD_SIZE = 22 // APPNOTE 4.3.16, without the comment
const CENTRAL_HEADER_MIN_SIZE = 46 // APPNOTE 4.3.12, with empty name, extra and comment
/** CPython zipfile searches this many final bytes (ZIP_MAX_COMMENT + sizeEndCentDir, `_EndRecData`). */
const ZIPFILE_END_SEARCH = 0xffff + END_RECORD_SIZE
/** End records verified at most: real files have one or two; more is a crafted tail and must not cost more. */
const MAX_END_RECORDS = 8

export interface ReadingCandidate {
  format: DetectedFormat
  /**
   * Where the container starts (zip: its first local header, or its end record when empty). Exact only
   * when a file has several candidates: a lone candidate is read without being checked first.
   */
  offset: number
  /** zip: the end record this reading comes from. */
  endRecordOffset?: number
  /** zip: the end record CPython's zipfile takes (the last signature in its search window). */
  zipfileReads?: boolean
  /** zip: the end record the zip reader finds by itself (the last signature); other records are read through a slice ending at them. */
  lastSignature?: boolean
  /** Formats we do not read: what they are, in words ("a cpio archive (newc)"). */
  description?: string
}

/** The readings, sorted by offset (then end record); [] when the bytes are no container we know. */
export async function findContainerReadings(blob: Blob, head: Uint8Array): Promise<ReadingCandidate[]> {
  const start = readingAtStart(head)
  const tailStart = Math.max(0, blob.size - MAX_END_SEARCH)
  const tail = await readSlice(blob, tailStart, blob.size)
  const ends = endRecordCandidates(tail, tailStart, blob.size)
  if (ends.length === 0) return start ? [start] : []
  // One end record and, at offset 0, nothing or that zip's own first header: nothing to tell apart.
  if (ends.length === 1 && (start === null || start.format === 'zip')) return [ends[0]]
  const zips = await verifiedZipReadings(blob, tail, tailStart, ends)
  if (zips.length === 0) return start ? [start] : [ends.find((end) => end.lastSignature) ?? ends[0]]
  const refined = start && start.format !== 'zip' ? await refineStart(blob, start) : null
  return [...(refined ? [refined] : []), ...zips].sort((a, b) => a.offset - b.offset || (a.endRecordOffset ?? 0) - (b.endRecordOffset ?? 0))
}

function readingAtStart(head: Uint8Array): ReadingCandidate | null {
  const format = detectFormat(head)
  if (format === null) return null
  const description = describeUnreadFormat(head)
  return description === null ? { format, offset: 0 } : { format, offset: 0, description }
}

/**
 * What starts at offset 0 counts as a reading whenever its signature is there, even when its reader would
 * then fail (a wrong tar checksum, a corrupt gzip stream): GNU tar skips a bad header and reads on, and a
 * file that might be read two ways is flagged rather than trusted. A gzip's payload decides tar.gz or a
 * single file, as the gzip reader decides; so does an xz, bzip2 or Zstandard payload (decompressors.ts).
 */
async function refineStart(blob: Blob, start: ReadingCandidate): Promise<ReadingCandidate> {
  const decompressor = decompressorFor(start.format as ArchiveFormat)
  if (decompressor) {
    const isTar = await payloadIsTar(decompressor, blob)
    return isTar === null ? start : { ...start, format: isTar ? decompressor.tarFormat : decompressor.format }
  }
  if (start.format !== 'gzip') return start
  const reader = new StreamReader(blob.stream().pipeThrough(gunzipTransform('fflate', () => {})))
  try {
    const payload = await reader.peek(512)
    return { ...start, format: detectFormat(payload) === 'tar' ? 'tar+gzip' : 'gzip' }
  } catch {
    return start
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}

/**
 * End records worth a reading: the one CPython's zipfile takes, the one the zip reader takes (the last
 * signature at least 22 bytes from the end), and every record whose comment runs exactly to the end of the
 * file (what a strict reader accepts). A signature inside member data is none of these.
 */
function endRecordCandidates(tail: Bytes, tailStart: number, size: number): ReadingCandidate[] {
  const zipfileAt = zipfileEndRecord(tail, tailStart, size)
  const found = new Map<number, ReadingCandidate>()
  const add = (at: number, flags: Partial<ReadingCandidate>) => {
    const known = found.get(at) ?? { format: 'zip', offset: tailStart + at, endRecordOffset: tailStart + at }
    found.set(at, { ...known, ...flags })
  }
  for (let at = lastIndexOfSignature(tail, END_OF_CENTRAL_DIRECTORY_SIGNATURE, tail.length - END_RECORD_SIZE), last = true; at >= 0; ) {
    if (last) add(at, { lastSignature: true })
    else if (at + END_RECORD_SIZE + readU16(tail, at + 20) === tail.length) add(at, {})
    if (found.size >= MAX_END_RECORDS) break
    last = false
    at = lastIndexOfSignature(tail, END_OF_CENTRAL_DIRECTORY_SIGNATURE, at - 1)
  }
  if (zipfileAt !== null) add(zipfileAt, { zipfileReads: true })
  return [...found.values()]
}

/**
 * CPython `zipfile._EndRecData`: the record at size - 22 when its comment is empty, else the last
 * signature in the final 65,557 bytes (a record cut by the end of the file is no zip for it).
 */
function zipfileEndRecord(tail: Bytes, tailStart: number, size: number): number | null {
  const atEnd = tail.length - END_RECORD_SIZE
  if (atEnd >= 0 && readU32(tail, atEnd) === END_OF_CENTRAL_DIRECTORY_SIGNATURE && readU16(tail, atEnd + 20) === 0) return atEnd
  const windowStart = Math.max(0, size - ZIPFILE_END_SEARCH) - tailStart
  const at = lastIndexOfSignature(tail, END_OF_CENTRAL_DIRECTORY_SIGNATURE, tail.length - 4)
  return at >= windowStart && at + END_RECORD_SIZE <= tail.length ? at : null
}

/** The end records whose central directory parses, one per distinct directory, with their real offsets. */
async function verifiedZipReadings(blob: Blob, tail: Bytes, tailStart: number, ends: ReadingCandidate[]): Promise<ReadingCandidate[]> {
  const byDirectory = new Map<string, ReadingCandidate>()
  for (const end of ends) {
    const resolved = await resolveCentralDirectory(blob, tail, tailStart, end.endRecordOffset!)
    if (resolved === null) continue
    const known = byDirectory.get(resolved.key)
    // Two records describing the same directory are one reading; it keeps what each record is to the readers.
    byDirectory.set(resolved.key, known
      ? { ...known, zipfileReads: known.zipfileReads || end.zipfileReads, lastSignature: known.lastSignature || end.lastSignature }
      : { ...end, offset: resolved.firstLocalHeader })
  }
  return [...byDirectory.values()]
}

/**
 * Resolves one end record to its central directory as the zip reader does (zip64 record, prefix bytes
 * shifting every offset, APPNOTE 4.3.6) and parses it; null when it does not parse.
 */
async function resolveCentralDirectory(blob: Blob, tail: Bytes, tailStart: number, recordOffset: number): Promise<{ key: string; firstLocalHeader: number } | null> {
  try {
    const end = parseEndRecord(tail.subarray(0, recordOffset - tailStart + END_RECORD_SIZE), tailStart)
    // The same zip64 resolution as the zip reader, so a zip64 zip behind a tar (a shifted locator) is seen too.
    const prefix = end.zip64RecordOffset !== undefined
      ? (await resolveZip64EndRecord(new BlobReader(blob), end)).prefixBytes
      : end.recordOffset - end.centralDirectorySize - end.centralDirectoryOffset
    const directoryOffset = end.centralDirectoryOffset + prefix
    if (prefix < 0 || directoryOffset + end.centralDirectorySize > end.recordOffset) return null
    // Cheap checks first, so a crafted tail of many records never makes us read large spans for nothing.
    if (end.entriesTotal * CENTRAL_HEADER_MIN_SIZE > end.centralDirectorySize) return null
    if (end.entriesTotal > 0 && readU32(await readSlice(blob, directoryOffset, directoryOffset + 4), 0) !== CENTRAL_DIRECTORY_HEADER_SIGNATURE) return null
    const directory = await readSlice(blob, directoryOffset, directoryOffset + end.centralDirectorySize)
    const entries = parseCentralDirectory(directory, end.entriesTotal, directoryOffset)
    let firstLocalHeader = entries.length ? Infinity : end.recordOffset
    for (const entry of entries) firstLocalHeader = Math.min(firstLocalHeader, entry.localHeaderOffset + prefix)
    return { key: `${directoryOffset}:${prefix}:${entries.length}`, firstLocalHeader }
  } catch (thrown) {
    if (thrown instanceof CoreFailure) return null
    throw thrown
  }
}
