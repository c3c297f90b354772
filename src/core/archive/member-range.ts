/**
 * A range of one member's uncompressed bytes, for the hex view: `length` bytes from `start`, never the whole
 * member. Bytes that lie in the file as they are (a stored zip member, a member of an uncompressed tar, an ar
 * member, a plain file) are one `Blob.slice` of the range; compressed ones cannot be entered in the middle, so
 * they are decoded from the start, discarding, until the range (with progress and cancel), holding only the
 * range. One entry per format in `RANGE_READERS` (the registry of readers.ts has the same keys).
 */
import { CoreFailure, fail } from '../errors'
import { resolveKernels, type Kernels } from '../kernels'
import type { ArchiveFormat, ArtifactReading, Member } from '../types'
import { BlobReader, readSlice } from '../util/blob-reader'
import type { Bytes } from '../util/bytes'
import { StreamReader } from '../util/stream-reader'
import type { ArtifactSource } from './read-artifact'
import { CHUNK_DIGEST_SIZE, chunkDigestsOf, wantsChunkDigests } from './chunk-digests'
import { decompressorFor, decodedPayload } from './decompressors'
import { gunzipTransform, type GzipDecoder } from './gunzip'
import { readNestedMemberBytes } from './nested'
import { readerFor } from './readers'
import { isSparseMember } from './tar'
import { readLocalFileHeader } from './zip-local'
import { decodeZipMember, zipMethodFor } from './zip-methods'
import { FLAG_ENCRYPTED } from './zip-structure'
import { RangeBuffer, type RangeOptions } from './range-buffer'

export type { RangeOptions }

/** A range and how it was read: `sliced` when only the range was read from the file. */
export interface MemberRange {
  bytes: Uint8Array<ArrayBuffer>
  /** The member's size, so the caller knows where it ends. */
  size: number
  sliced: boolean
}

/** Compressed data is read, and decoded data taken, in slices of this size (nothing is read ahead of the decoder). */
const SLICE = 1024 * 1024
/** A local header with its name and extra field: usually well under this. */
const HEADER_WINDOW = 4096

/**
 * The bytes of member `index` from `start` (clamped to its end; fewer at its end). A nested member goes
 * through its containers as readMemberContent does: each container's bytes are read whole, from the level
 * around it; only the innermost member is read by range.
 */
export async function readMemberRange(
  source: ArtifactSource, reading: ArtifactReading, index: number, start: number, length: number, containerIndexes: number[] = [], options: RangeOptions = {},
): Promise<MemberRange> {
  const { blob, level, member } = await locate(source, reading, index, containerIndexes, resolveKernels(options.kernels))
  return readRange(blob, level, member, start, length, options)
}

interface Located {
  /** The bytes of the innermost container (the artefact's file at the top level). */
  blob: Blob
  level: ArtifactReading
  member: Member
}

async function locate(source: ArtifactSource, reading: ArtifactReading, index: number, containerIndexes: number[], kernels: Kernels): Promise<Located> {
  const readWhole = (blob: Blob, level: ArtifactReading, at: number) => readerFor(level.format).readMemberBytes(blob, memberAt(level, at), level.format!, Infinity, kernels)
  const inner = await readNestedMemberBytes(source.blob, reading, containerIndexes, readWhole)
  return { blob: inner.blob, level: inner.reading, member: memberAt(inner.reading, index) }
}

async function readRange(blob: Blob, level: ArtifactReading, member: Member, start: number, length: number, options: RangeOptions): Promise<MemberRange> {
  const from = Math.max(0, Math.min(start, member.size))
  const target = new RangeBuffer(from, Math.max(0, Math.min(length, member.size - from)), options)
  if (member.type !== 'file' || target.length === 0) return { bytes: new Uint8Array(0), size: member.size, sliced: true }
  const format = level.format!
  const reader = RANGE_READERS[format] ?? fail('NOT_AN_ARCHIVE', `No range reader for format ${String(format)}`)
  const sliced = await reader(blob, member, format, target)
  return { bytes: target.bytes, size: member.size, sliced }
}

/** Sliceable members are hashed by chunk on demand in slices of this size. */
const DIGEST_SLICE = 8 * CHUNK_DIGEST_SIZE

/**
 * The chunk digests of a member: those the listing took (compressed members: they cannot be sliced), or, for a
 * member whose bytes lie in the file as they are, computed now from slices of it (at disk speed, no decoding)
 * and kept on the reading. Null below one chunk, or when neither is possible (a sparse tar member).
 */
export async function memberChunkDigests(
  source: ArtifactSource, reading: ArtifactReading, index: number, containerIndexes: number[] = [], options: RangeOptions = {},
): Promise<string[] | null> {
  const kernels = resolveKernels(options.kernels)
  const { blob, level, member } = await locate(source, reading, index, containerIndexes, kernels)
  if (member.chunkSha256) return member.chunkSha256
  if (member.type !== 'file' || !wantsChunkDigests(member.size) || !isSliceable(level.format, member)) return null
  const digests: string[] = []
  for (let at = 0; at < member.size; at += DIGEST_SLICE) {
    const { bytes } = await readRange(blob, level, member, at, DIGEST_SLICE, { signal: options.signal, kernels })
    for (const digest of await chunkDigestsOf(bytes, kernels)) digests.push(digest)
    options.onProgress?.({ bytesDecoded: at + bytes.length, target: member.size })
  }
  member.chunkSha256 = digests
  return digests
}

/** Whether a member's bytes are one range of its container's file (the RANGE_READERS that slice). */
function isSliceable(format: ArchiveFormat | null, member: Member): boolean {
  if (format === 'zip') return member.meta.compression === 'stored' && !(Number(member.meta.flags) & FLAG_ENCRYPTED)
  if (format === 'tar') return !isSparseMember(member)
  return format === 'ar' || format === 'file'
}

function memberAt(reading: ArtifactReading, index: number): Member {
  return reading.members[index] ?? fail('CORRUPT_STRUCTURE', `No member ${index} in ${reading.name}`)
}

/** Thrown into a decoder once the buffer is full, so nothing past the range is decoded. */
class WindowFull extends Error {}

/** Returns whether the range was sliced from the file (true) or decoded from the member's start (false). */
type RangeReader = (blob: Blob, member: Member, format: ArchiveFormat, target: RangeBuffer) => Promise<boolean>

async function sliceInto(blob: Blob, dataOffset: number, target: RangeBuffer): Promise<boolean> {
  target.checkCancelled()
  target.fill(await readSlice(blob, dataOffset + target.start, dataOffset + target.start + target.length))
  return true
}

/**
 * Pushes decoded chunks into the buffer until it is full, reading no further than `end` (the stream position
 * where the member's bytes stop); the source is then cancelled.
 */
async function drainInto(reader: StreamReader, member: Member, target: RangeBuffer, end = Infinity): Promise<boolean> {
  try {
    while (!target.full) {
      const chunk = await reader.readUpTo(Math.min(SLICE, end - reader.position))
      if (chunk.length === 0) break
      target.offer(chunk)
    }
    target.checkFull(member)
    return false
  } finally {
    await reader.cancel()
  }
}

async function readZipRange(blob: Blob, member: Member, _format: ArchiveFormat, target: RangeBuffer): Promise<boolean> {
  if (Number(member.meta.flags) & FLAG_ENCRYPTED) fail('UNSUPPORTED_METHOD', `${member.path} is encrypted`, { path: member.path })
  // The data offset from the local header, read again (as zip.ts does), never a stale one; through a small
  // read, so a stored member's range costs a header and the range, not the 8 MiB a listing reads at once.
  const { dataOffset } = await readLocalFileHeader(new BlobReader(blob, HEADER_WINDOW), member.offset, member.path)
  if (member.meta.compression === 'stored') return sliceInto(blob, dataOffset, target)
  const reader = new BlobReader(blob, SLICE)
  const compressedSize = Number(member.meta.compressedSize)
  const slices = async function* () {
    for (let at = 0; at < compressedSize && !target.full; at += SLICE) {
      target.checkCancelled()
      yield await reader.read(dataOffset + at, Math.min(SLICE, compressedSize - at))
    }
  }
  try {
    if (member.meta.compression === 'deflate' && target.platformInflate) {
      const inflated = streamFrom(slices()).pipeThrough(new DecompressionStream('deflate-raw') as ReadableWritablePair<Uint8Array, Uint8Array>)
      await drainInto(new StreamReader(inflated), member, target)
    } else if (member.meta.compression === 'deflate') await inflateInto(slices(), target)
    else await decodeZipMember(zipMethodFor(member), member, streamFrom(slices()), (chunk) => stopWhenFull(target, chunk), () => target.checkCancelled())
  } catch (thrown) {
    if (!(thrown instanceof WindowFull)) throw thrown
  }
  target.checkFull(member)
  return false
}

/** A pull stream over an async iterator (ReadableStream.from is too new for the browsers we support). */
function streamFrom(iterator: AsyncIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(value)
    },
  }, { highWaterMark: 0 })
}

function stopWhenFull(target: RangeBuffer, chunk: Uint8Array): void {
  target.offer(chunk)
  if (target.full) throw new WindowFull()
}

async function inflateInto(slices: AsyncIterable<Bytes>, target: RangeBuffer): Promise<void> {
  const inflater = target.kernels.createInflateRaw((chunk) => stopWhenFull(target, chunk))
  // Each slice is decoded as it comes, so a range near the start needs no more than its slice read.
  for await (const slice of slices) inflater.push(slice, false)
  inflater.push(new Uint8Array(0), true)
}

/** A tar stream (uncompressed, or decoded from its wrapper): skip to the member's data, then the range. */
async function tarRange(skipper: StreamReader, member: Member, target: RangeBuffer): Promise<boolean> {
  try {
    if (member.dataOffset === undefined) fail('CORRUPT_STRUCTURE', `${member.path} has no recorded data offset`)
    // Discard up to the member's data, in steps, so cancel and progress are seen on the way.
    while (skipper.position < member.dataOffset) {
      target.checkCancelled()
      await skipper.skip(Math.min(SLICE, member.dataOffset - skipper.position), `the stream before ${member.path}`)
    }
  } catch (thrown) {
    await skipper.cancel()
    throw thrown
  }
  return drainInto(skipper, member, target, member.dataOffset + member.size)
}

/**
 * The platform decoder first (DecompressionStream: several times faster than fflate in Chromium), and fflate
 * when that one fails, as the listing does (readers.ts): a browser's decoder refuses a second gzip member.
 */
async function readGzipRange(blob: Blob, member: Member, format: ArchiveFormat, target: RangeBuffer): Promise<boolean> {
  for (const decoder of ['platform', 'fflate'] as GzipDecoder[]) {
    const reader = new StreamReader(blob.stream().pipeThrough(gunzipTransform(decoder, () => undefined, undefined, target.kernels)))
    try {
      return format === 'gzip' ? await drainInto(reader, member, target) : await tarRange(reader, member, target)
    } catch (thrown) {
      if (decoder === 'fflate' || thrown instanceof CoreFailure) throw thrown
      target.restart()
    }
  }
  return fail('DECOMPRESSION_FAILED', `${member.path} could not be decoded again`)
}

async function readCompressedRange(blob: Blob, member: Member, format: ArchiveFormat, target: RangeBuffer): Promise<boolean> {
  const decompressor = decompressorFor(format) ?? fail('NOT_AN_ARCHIVE', `No decompressor for ${format}`)
  const reader = await decodedPayload(decompressor, blob)
  return format === decompressor.format ? drainInto(reader, member, target) : tarRange(reader, member, target)
}

async function readTarRange(blob: Blob, member: Member, _format: ArchiveFormat, target: RangeBuffer): Promise<boolean> {
  if (!isSparseMember(member)) return sliceInto(blob, member.dataOffset ?? 0, target)
  // A sparse member's bytes are its map expanded: read whole (tar.ts) and cut; sparse members are rare.
  const bytes = await readerFor('tar').readMemberBytes(blob, member, 'tar', Infinity, target.kernels)
  target.offer(bytes)
  target.checkFull(member)
  return false
}

const RANGE_READERS: Partial<Record<ArchiveFormat, RangeReader>> = {
  zip: readZipRange,
  tar: readTarRange,
  'tar+gzip': readGzipRange,
  gzip: readGzipRange,
  'tar+xz': readCompressedRange,
  xz: readCompressedRange,
  'tar+bzip2': readCompressedRange,
  bzip2: readCompressedRange,
  'tar+zstd': readCompressedRange,
  zstd: readCompressedRange,
  ar: (blob, member, _format, target) => sliceInto(blob, member.dataOffset ?? 0, target),
  file: (blob, _member, _format, target) => sliceInto(blob, 0, target),
}
