/**
 * A zip's end records and central directory, read from the file's tail (APPNOTE 6.3.10 sections 4.3.12
 * to 4.3.16): where the directory is, what bytes lie outside the archive, and which structures (the
 * directory, the zip64 end records) take bytes that no entry may cover.
 */
import { fail } from '../errors'
import type { BlobReader } from '../util/blob-reader'
import { readU32 } from '../util/bytes'
import { checkMemberCount, noteOutsideBytes, type ReadContext } from './read-context'
import type { Span } from './zip-layout'
import {
  FLAG_DATA_DESCRIPTOR,
  MAX_END_SEARCH,
  ZIP64_END_OF_CENTRAL_DIRECTORY_SIGNATURE,
  ZIP64_END_RECORD_SIZE,
  applyZip64EndRecord,
  parseCentralDirectory,
  parseEndRecord,
  type CentralDirectoryEntry,
  type EndOfCentralDirectory,
} from './zip-structure'

/** Bytes before the first local header or after the end record belong to no member (a stub, an appended payload). */
function noteOuterBytes(context: ReadContext, firstLocalHeader: number, recordEnd: number, size: number): void {
  noteOutsideBytes(context, 0, firstLocalHeader)
  noteOutsideBytes(context, recordEnd, size)
  if (firstLocalHeader > 0) {
    context.anomalies.push({ code: 'ARCHIVE_PREFIX_BYTES', message: `${firstLocalHeader} bytes come before the first zip entry (offsets 0 to ${firstLocalHeader - 1})`, offset: 0 })
  }
  if (recordEnd < size) {
    context.anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: `${size - recordEnd} bytes follow the zip end record (from offset ${recordEnd})`, offset: recordEnd })
  }
}

export interface CentralDirectory {
  entries: CentralDirectoryEntry[]
  /** The central directory and the zip64 end records, which no entry may overlap. */
  structures: Span[]
  recordOffset: number
}

export async function readCentralDirectory(reader: BlobReader, context: ReadContext): Promise<CentralDirectory> {
  const tailStart = Math.max(0, reader.size - MAX_END_SEARCH)
  const end = parseEndRecord(await reader.read(tailStart, reader.size - tailStart), tailStart)
  const structures: Span[] = []
  // Bytes in front of the archive (a self-extractor stub) shift every stored offset (APPNOTE 4.3.6).
  const prefixBytes = end.zip64RecordOffset !== undefined
    ? await readZip64EndRecord(reader, end, context, structures)
    : end.recordOffset - end.centralDirectorySize - end.centralDirectoryOffset
  if (prefixBytes < 0) fail('CORRUPT_STRUCTURE', `The zip central directory (offset ${end.centralDirectoryOffset}, ${end.centralDirectorySize} bytes) overlaps its end record`)
  checkMemberCount(context, end.entriesTotal)
  const directoryOffset = end.centralDirectoryOffset + prefixBytes
  const directory = await reader.read(directoryOffset, end.centralDirectorySize)
  const entries = parseCentralDirectory(directory, end.entriesTotal, directoryOffset)
  let firstLocalHeader = entries.length ? Infinity : directoryOffset
  for (const entry of entries) {
    entry.localHeaderOffset += prefixBytes
    firstLocalHeader = Math.min(firstLocalHeader, entry.localHeaderOffset)
  }
  structures.push(
    { start: directoryOffset, end: directoryOffset + end.centralDirectorySize, label: 'the central directory' },
    { start: end.recordOffset, end: end.recordEnd, label: 'the end record' },
  )
  noteOuterBytes(context, firstLocalHeader, end.recordEnd, reader.size)
  Object.assign(context.fields, {
    'zip.comment': end.comment,
    'zip.zip64': end.zip64,
    'zip.prefixBytes': prefixBytes,
    'zip.dataDescriptors': entries.filter((entry) => entry.flags & FLAG_DATA_DESCRIPTOR).length,
  })
  return { entries, structures, recordOffset: end.recordOffset }
}

export interface Zip64EndRecord {
  /** Where the record is, and how many bytes come in front of the archive (0 unless the locator is shifted). */
  at: number
  prefixBytes: number
  /** The fields where the classic end record disagrees with it. */
  disagreeing: string[]
  /** A second record right before the locator, where CPython's zipfile reads it, when the locator points elsewhere. */
  decoyAt: number | null
}

/**
 * Finds the zip64 end record (APPNOTE 4.3.14) that the locator (4.3.15) of `end` points at and applies it
 * to `end`. Bytes in front of the archive shift the locator's offset too, so when nothing is there but a
 * record sits right before the locator (where CPython's zipfile reads it), the difference is the prefix.
 * A locator that points outside the file or at other bytes is a structure error named as such: the end
 * record was found, so nothing is cut short.
 */
export async function resolveZip64EndRecord(reader: BlobReader, end: EndOfCentralDirectory): Promise<Zip64EndRecord> {
  const locator = end.zip64LocatorOffset!
  const stated = end.zip64RecordOffset!
  const problem = await zip64RecordProblem(reader, stated, locator)
  const adjacent = locator - ZIP64_END_RECORD_SIZE
  const adjacentProblem = adjacent === stated ? problem : await zip64RecordProblem(reader, adjacent, locator)
  const at = problem && adjacent > stated && !adjacentProblem ? adjacent : stated
  if (problem && at === stated) {
    fail('CORRUPT_STRUCTURE', `The zip64 end-of-central-directory locator at offset ${locator} points at ${stated}, where there is no zip64 end record (${problem})`, { offset: locator })
  }
  const prefixBytes = at - stated
  const disagreeing = applyZip64EndRecord(end, await reader.read(at, ZIP64_END_RECORD_SIZE), at, prefixBytes)
  return { at, prefixBytes, disagreeing, decoyAt: !problem && adjacent !== stated && !adjacentProblem ? adjacent : null }
}

/** Applies the zip64 end record, records what disagrees and the bytes it takes; returns the prefix size. */
async function readZip64EndRecord(reader: BlobReader, end: EndOfCentralDirectory, context: ReadContext, structures: Span[]): Promise<number> {
  const { at, prefixBytes, disagreeing, decoyAt } = await resolveZip64EndRecord(reader, end)
  const locator = end.zip64LocatorOffset!
  if (decoyAt !== null) {
    context.anomalies.push({
      code: 'ZIP64_INCONSISTENT',
      message: `The zip64 locator at offset ${locator} points at a zip64 end record at ${at}, but another one lies right before the locator at ${decoyAt}, where CPython's zipfile reads it: readers may see different central directories`,
      offset: decoyAt,
    })
  }
  if (disagreeing.length) {
    context.anomalies.push({ code: 'ZIP64_INCONSISTENT', message: `The zip64 end record and the classic end record disagree on ${disagreeing.join(', ')}`, offset: at })
  }
  structures.push({ start: at, end: at + end.zip64RecordSize!, label: 'the zip64 end record' }, { start: locator, end: locator + 20, label: 'the zip64 end locator' })
  return prefixBytes
}

/** Why there is no zip64 end record at `at`, or null when its signature is there. */
async function zip64RecordProblem(reader: BlobReader, at: number, locator: number): Promise<string | null> {
  if (at + ZIP64_END_RECORD_SIZE > reader.size) return `the file is ${reader.size} bytes`
  if (at + ZIP64_END_RECORD_SIZE > locator) return 'a record there would run into the locator'
  const signature = readU32(await reader.read(at, 4), 0)
  if (signature !== ZIP64_END_OF_CENTRAL_DIRECTORY_SIGNATURE) return `the signature there is ${hex32(signature)}, not ${hex32(ZIP64_END_OF_CENTRAL_DIRECTORY_SIGNATURE)}`
  return null
}

const hex32 = (value: number) => value.toString(16).padStart(8, '0')
