/**
 * GNU sparse members (GNU tar manual, appendix "Sparse Formats"): the archive stores only the data
 * segments, and a map says where each goes in the real file; the holes between them are zeros. A sparse
 * member is hashed as the file an extractor writes, streamed segment by segment and hole by hole, so a
 * 1 TiB file with 1 KiB of data never allocates more than one chunk (and the member-size limit, applied to
 * the real size, stops it long before).
 * - old GNU (typeflag S): four map entries in the header at offset 386 (offset and numbytes, 12 bytes
 *   each), `isextended` at 482, `realsize` at 483; each extension block after the header holds 21 more
 *   entries and its own `isextended` at 504.
 * - pax 0.0: repeated GNU.sparse.offset / GNU.sparse.numbytes records, GNU.sparse.numblocks, GNU.sparse.size.
 * - pax 0.1: GNU.sparse.map ("offset,size,offset,size,…"), GNU.sparse.size, GNU.sparse.name.
 * - pax 1.0: GNU.sparse.major=1, minor=0, realsize and name in records; the map is at the start of the data
 *   (decimal numbers, one a line: the count, then offset and size of each segment), padded to a block.
 * A map that cannot be read makes that member unread, with the problem and its offset; reading goes on.
 */
import { CoreFailure } from '../errors'
import type { StreamReader } from '../util/stream-reader'
import { TAR_BLOCK_SIZE, readNumber, type PaxRecord, type TarHeader } from './tar-header'
import { paxInteger } from './tar-pax'

export type SparseFormat = 'old GNU' | 'pax 0.0' | 'pax 0.1' | 'pax 1.0'

export interface SparseSegment {
  offset: number
  length: number
}

export interface SparseMap {
  format: SparseFormat
  realSize: number
  segments: SparseSegment[]
  /** Stored bytes taken by the map itself at the start of the data (pax 1.0), else 0. */
  mapBytes: number
}

/** The map could not be read: that member's error, never the archive's (its stored data is still skipped). */
export class SparseMapError extends CoreFailure {}

const OLD_GNU_HEADER_ENTRIES = 4
const OLD_GNU_EXTENSION_ENTRIES = 21
const ENTRY_SIZE = 24

/** Which sparse format a member uses (the checks GNU tar's sparse.c and CPython's tarfile make), or null. */
export function sparseFormatOf(header: TarHeader, pax: Map<string, PaxRecord>, offset: number): SparseFormat | null {
  if (header.typeflag === 'S') return 'old GNU'
  const major = pax.get('GNU.sparse.major')?.value
  const minor = pax.get('GNU.sparse.minor')?.value
  if (major === '1' && minor === '0') return 'pax 1.0'
  if (pax.has('GNU.sparse.map')) return 'pax 0.1'
  if (pax.has('GNU.sparse.numblocks') || pax.has('GNU.sparse.offset')) return 'pax 0.0'
  if (major !== undefined) {
    mapFailure(`GNU sparse format ${major}.${minor ?? '?'} is not one GNU tar defines (0.0, 0.1, 1.0)`, offset)
  }
  return null
}

function mapFailure(message: string, offset: number): never {
  throw new SparseMapError({ code: 'CORRUPT_STRUCTURE', message: `The sparse map cannot be read: ${message}`, offset })
}

/** A number inside the map, with a map failure (not an archive failure) when it is not one. */
function mapNumber(read: () => number, offset: number): number {
  try {
    return read()
  } catch (thrown) {
    if (thrown instanceof CoreFailure) mapFailure(thrown.error.message, offset)
    throw thrown
  }
}

/** Old GNU map entries of one block; an entry whose numbytes field starts with NUL ends the map (GNU sparse.c). */
function oldGnuEntries(block: Uint8Array, at: number, count: number, offset: number, into: SparseSegment[]): boolean {
  for (let i = 0; i < count; i++) {
    const entry = at + i * ENTRY_SIZE
    if (block[entry + 12] === 0) return false
    const segment = {
      offset: mapNumber(() => readNumber(block, entry, 12, 'sparse offset', offset), offset),
      length: mapNumber(() => readNumber(block, entry + 12, 12, 'sparse numbytes', offset), offset),
    }
    into.push(segment)
  }
  return true
}

/**
 * Reads the old GNU map: the header's entries, then every extension block (which follow the header and are
 * not counted in its size). All extension blocks are consumed even when one is unreadable, so the data after
 * them is still found; the first problem is raised after.
 */
async function readOldGnuMap(stream: StreamReader, header: TarHeader, offset: number): Promise<SparseMap> {
  const segments: SparseSegment[] = []
  let problem: unknown = null
  const collect = (block: Uint8Array, at: number, count: number, blockOffset: number) => {
    try {
      if (problem === null) oldGnuEntries(block, at, count, blockOffset, segments)
    } catch (thrown) {
      problem = thrown
    }
  }
  collect(header.block, 386, OLD_GNU_HEADER_ENTRIES, offset)
  for (let extended = header.block[482] !== 0; extended; ) {
    const blockOffset = stream.position
    const block = await stream.readExact(TAR_BLOCK_SIZE, 'an old GNU sparse extension block')
    collect(block, 0, OLD_GNU_EXTENSION_ENTRIES, blockOffset)
    extended = block[504] !== 0
  }
  if (problem !== null) throw problem
  const realSize = mapNumber(() => readNumber(header.block, 483, 12, 'realsize', offset), offset)
  return { format: 'old GNU', realSize, segments, mapBytes: 0 }
}

function recordNumber(pax: Map<string, PaxRecord>, key: string, offset: number): number {
  const record = pax.get(key)
  if (!record) mapFailure(`the record ${key} is missing`, offset)
  return mapNumber(() => paxInteger(record, offset), offset)
}

/** pax 0.0: offset/numbytes pairs in record order (the only format where a key repeats meaningfully). */
function pax00Segments(records: PaxRecord[], pax: Map<string, PaxRecord>, offset: number): SparseSegment[] {
  const segments: SparseSegment[] = []
  let pending: number | null = null
  for (const record of records) {
    if (record.key === 'GNU.sparse.offset') pending = mapNumber(() => paxInteger(record, offset), offset)
    if (record.key !== 'GNU.sparse.numbytes') continue
    if (pending === null) mapFailure(`GNU.sparse.numbytes at offset ${record.offset} has no GNU.sparse.offset before it`, offset)
    segments.push({ offset: pending, length: mapNumber(() => paxInteger(record, offset), offset) })
    pending = null
  }
  const count = recordNumber(pax, 'GNU.sparse.numblocks', offset)
  if (count !== segments.length) mapFailure(`GNU.sparse.numblocks says ${count} segments, the records give ${segments.length}`, offset)
  return segments
}

/** pax 0.1: "offset,size,offset,size,…" in one record. */
function pax01Segments(pax: Map<string, PaxRecord>, offset: number): SparseSegment[] {
  const text = pax.get('GNU.sparse.map')!.value
  const numbers = text === '' ? [] : text.split(',')
  if (numbers.length % 2 !== 0 || numbers.some((n) => !/^[0-9]{1,16}$/.test(n) || !Number.isSafeInteger(Number(n)))) {
    mapFailure(`GNU.sparse.map is not a list of decimal offset,size pairs (${JSON.stringify(text.slice(0, 60))})`, offset)
  }
  const segments: SparseSegment[] = []
  for (let i = 0; i < numbers.length; i += 2) segments.push({ offset: Number(numbers[i]), length: Number(numbers[i + 1]) })
  return segments
}

/**
 * pax 1.0: decimal numbers one a line at the start of the data, the count first, padded with NULs to a block
 * boundary. Read block by block, never past the stored size.
 */
async function readPax10Segments(stream: StreamReader, storedSize: number, onConsumed: (bytes: number) => void): Promise<{ segments: SparseSegment[]; mapBytes: number }> {
  const numbers: number[] = []
  let digits = ''
  let wanted = 1
  let mapBytes = 0
  while (numbers.length < wanted) {
    const at = stream.position
    if (mapBytes + TAR_BLOCK_SIZE > storedSize) mapFailure(`the map at the start of the data runs past the stored size (${storedSize} bytes)`, at)
    const block = await stream.readExact(TAR_BLOCK_SIZE, 'a pax 1.0 sparse map')
    mapBytes += TAR_BLOCK_SIZE
    onConsumed(TAR_BLOCK_SIZE)
    for (let i = 0; i < block.length && numbers.length < wanted; i++) {
      const byte = block[i]
      if (byte >= 0x30 && byte <= 0x39 && digits.length < 16) digits += String.fromCharCode(byte)
      else if (byte === 0x0a && digits !== '' && Number.isSafeInteger(Number(digits))) {
        numbers.push(Number(digits))
        digits = ''
        // Each segment takes at least 4 map bytes ("0\n0\n"): a count the stored size cannot hold is no map.
        if (numbers.length === 1) wanted = numbers[0] * 4 <= storedSize ? 1 + 2 * numbers[0] : mapFailure(`it announces ${numbers[0]} segments, more than ${storedSize} stored bytes can describe`, at)
      } else mapFailure(`byte 0x${byte.toString(16)} at offset ${at + i} is not part of a decimal number on its own line`, at + i)
    }
  }
  const segments: SparseSegment[] = []
  for (let i = 1; i < numbers.length; i += 2) segments.push({ offset: numbers[i], length: numbers[i + 1] })
  return { segments, mapBytes }
}

/**
 * Reads the member's sparse map. For old GNU this consumes the extension blocks; for pax 1.0 the map blocks
 * at the start of the data (`onConsumed` is told how many data bytes that took).
 */
export async function readSparseMap(
  stream: StreamReader, format: SparseFormat, header: TarHeader, records: PaxRecord[], pax: Map<string, PaxRecord>, storedSize: number, offset: number,
  onConsumed: (bytes: number) => void,
): Promise<SparseMap> {
  const map = await readUncheckedMap(stream, format, header, records, pax, storedSize, offset, onConsumed)
  checkSegments(map, storedSize, offset)
  return map
}

async function readUncheckedMap(
  stream: StreamReader, format: SparseFormat, header: TarHeader, records: PaxRecord[], pax: Map<string, PaxRecord>, storedSize: number, offset: number,
  onConsumed: (bytes: number) => void,
): Promise<SparseMap> {
  if (format === 'old GNU') return readOldGnuMap(stream, header, offset)
  if (format === 'pax 1.0') {
    const realSize = recordNumber(pax, 'GNU.sparse.realsize', offset)
    return { format, realSize, ...(await readPax10Segments(stream, storedSize, onConsumed)) }
  }
  const realSize = recordNumber(pax, 'GNU.sparse.size', offset)
  const segments = format === 'pax 0.1' ? pax01Segments(pax, offset) : pax00Segments(records, pax, offset)
  return { format, realSize, segments, mapBytes: 0 }
}

/**
 * Segments in order, apart, inside the real size, and exactly as many bytes as the archive stores. Every
 * segment but the last with data must be whole blocks: GNU tar (sparse.c, sparse_extract_region) starts each
 * segment's data on a new block, CPython's tarfile reads them back to back, and only whole blocks make the
 * two write the same file.
 */
function checkSegments(map: SparseMap, storedSize: number, offset: number): void {
  let end = 0
  let stored = 0
  let unaligned: SparseSegment | null = null
  for (const segment of map.segments) {
    if (segment.offset < end) mapFailure(`the segment at ${segment.offset} starts before the previous one ends (${end})`, offset)
    if (unaligned && segment.length > 0) {
      mapFailure(`the segment at ${unaligned.offset} holds ${unaligned.length} bytes, not whole ${TAR_BLOCK_SIZE}-byte blocks, and more data follows it: GNU tar and CPython's tarfile would write different files`, offset)
    }
    if (segment.length % TAR_BLOCK_SIZE !== 0) unaligned = segment
    end = segment.offset + segment.length
    if (end > map.realSize) mapFailure(`the segment at ${segment.offset} (${segment.length} bytes) ends past the real size ${map.realSize}`, offset)
    stored += segment.length
  }
  if (stored !== storedSize - map.mapBytes) {
    mapFailure(`its segments hold ${stored} bytes, the archive stores ${storedSize - map.mapBytes}`, offset)
  }
}

const ZEROS = new Uint8Array(1024 * 1024)
const CHUNK = 4 * 1024 * 1024

/**
 * Hands the real file to `sink` in order: zeros for each hole (from one shared zero buffer), then each
 * segment's stored bytes as they are read. Consumes exactly the segments' bytes from the stream.
 */
export async function expandSparse(stream: StreamReader, map: SparseMap, what: string, sink: (chunk: Uint8Array) => void): Promise<void> {
  let position = 0
  const zeros = (upTo: number) => {
    for (; position < upTo; ) {
      const step = Math.min(ZEROS.length, upTo - position)
      sink(ZEROS.subarray(0, step))
      position += step
    }
  }
  for (const segment of map.segments) {
    zeros(segment.offset)
    for (let left = segment.length; left > 0; ) {
      const chunk = await stream.readExact(Math.min(CHUNK, left), what)
      sink(chunk)
      left -= chunk.length
      position += chunk.length
    }
  }
  zeros(map.realSize)
}
