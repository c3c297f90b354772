/**
 * The registry of container formats: one entry per format, each knowing how to list and hash its members
 * and how to re-read one member's bytes on demand. A new format is one file plus one line here.
 */
import { CoreFailure, fail } from '../errors'
import type { ArchiveFormat, Member } from '../types'
import { BlobReader, readSlice } from '../util/blob-reader'
import { toHex, type Bytes } from '../util/bytes'
import { StreamReader } from '../util/stream-reader'
import { detectFormat } from './detect'
import { readGzipHeader, type GzipHeader } from './gzip'
import { gunzipWhole } from './gzip-whole'
import { addToTotal, checkMemberLimit, resetContext, type ReadContext } from './read-context'
import { DEFAULT_KERNELS, type Kernels } from '../kernels'
import { checkGzipEnd, endsLikeOneMember, firstMemberError, gunzipTransform, newMemberLog, type GzipDecoder, type GzipMemberLog } from './gunzip'
import { isSparseMember, readTar, readTarMemberBytes } from './tar'
import { readZip, readZipMemberBytes } from './zip'
import { DECOMPRESSORS, decompressorFor, readCompressed, readCompressedMemberBytes, visitCompressedMembers } from './decompressors'
import { readAr, readArMemberBytes } from './ar'
import { readPlainFile, readPlainFileBytes } from './plain-file'
import { recordChunkDigests } from './chunk-digests'

export interface ArchiveReaderEntry {
  format: ArchiveFormat
  description: string
  /**
   * Lists and hashes every member into `context.members`, throwing a CoreFailure when reading must stop.
   * Returns the format found inside (a gzip may hold a tar or a single file).
   */
  read(blob: Blob, context: ReadContext): Promise<ArchiveFormat>
  /** The bytes of one member, verified as during `read` (through `kernels`: the defaults when not given). */
  readMemberBytes(blob: Blob, member: Member, format: ArchiveFormat, streamInflateThreshold: number, kernels?: Kernels): Promise<Bytes>
  /** The bytes of several members in one pass (one decompression of a tar stream, not one per member). */
  readMembersBytes(blob: Blob, members: Member[], format: ArchiveFormat, visit: (member: Member, bytes: Bytes) => Promise<void>, kernels?: Kernels): Promise<void>
}

/** One pass over a tar stream, in data order, handing each wanted member's bytes to `visit`. */
async function visitTarMembers(reader: StreamReader, members: Member[], visit: (member: Member, bytes: Bytes) => Promise<void>) {
  // By header offset: a sparse member is read again from its first header (its map may be in the data).
  for (const member of [...members].sort((a, b) => a.offset - b.offset)) await visit(member, await readTarMemberBytes(reader, member))
}

/**
 * Runs `use` over the inflated stream: with the platform decoder, and again with fflate when that one fails
 * (as the listing did: a browser's DecompressionStream refuses a second gzip member or bytes after the stream).
 */
async function withGunzipped<T>(blob: Blob, kernels: Kernels, use: (reader: StreamReader) => Promise<T>): Promise<T> {
  const whole = await gunzipWhole(blob, kernels)
  if (whole instanceof Uint8Array) return use(new StreamReader(whole))
  for (const decoder of whole === 'refused' ? (['fflate'] as const) : (['platform', 'fflate'] as const)) {
    const reader = new StreamReader(gunzipStream(blob, kernels, decoder).stream)
    try {
      return await use(reader)
    } catch (thrown) {
      if (decoder === 'fflate' || thrown instanceof CoreFailure) throw thrown
    } finally {
      await reader.cancel()
    }
  }
  return fail('DECOMPRESSION_FAILED', 'The gzip stream could not be read again')
}

/** Counts the compressed bytes a stream hands on, for progress. */
function countingStream(blob: Blob): { stream: ReadableStream<Uint8Array>; bytesRead: () => number } {
  let bytesRead = 0
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytesRead += chunk.length
      controller.enqueue(chunk)
    },
  })
  return { stream: blob.stream().pipeThrough(counter), bytesRead: () => bytesRead }
}

function gunzipStream(blob: Blob, kernels: Kernels, decoder: GzipDecoder = 'platform', onTrailingBytes = () => {}, log?: GzipMemberLog): { stream: ReadableStream<Uint8Array>; bytesRead: () => number } {
  const counted = countingStream(blob)
  return { ...counted, stream: counted.stream.pipeThrough(gunzipTransform(decoder, onTrailingBytes, log, kernels)) }
}

/** Thrown when the platform decoder read to the end but the file does not end like one gzip member. */
class ReadAgainWithFflate extends Error {}

async function readGzip(blob: Blob, context: ReadContext): Promise<ArchiveFormat> {
  const header = await readGzipHeader(blob, 0, context.limits.maxTotalBytes)
  // One clean small member needs no stream (gzip-whole.ts); its end is proven, so nothing is left to check.
  const whole = await gunzipWhole(blob, context.kernels)
  if (whole instanceof Uint8Array) return readGzipPayload(new StreamReader(whole), context, header, () => blob.size)
  if (whole === 'refused') {
    // A first member that fails fails the same way in fflate's stream, which would hand on nothing before it.
    const failure = await firstMemberError(blob, header.length)
    if (failure) {
      addHeader(context, header)
      throw failure
    }
    return readGzipWith('fflate', blob, context, header)
  }
  try {
    return await readGzipWith('platform', blob, context, header)
  } catch (thrown) {
    if (thrown instanceof CoreFailure) throw thrown
    // The platform decoder failed, or the stream has several members or bytes after it: read again with
    // fflate, which keeps what it decoded before a problem and reports member by member.
    resetContext(context)
    return readGzipWith('fflate', blob, context, header)
  }
}

function addHeader(context: ReadContext, header: GzipHeader): void {
  Object.assign(context.fields, header.fields)
  for (const anomaly of header.anomalies) context.anomalies.push(anomaly)
}

/** The header's fields and anomalies, then the payload: a tar (tar+gzip) or one file (gzip). */
async function readGzipPayload(reader: StreamReader, context: ReadContext, header: GzipHeader, bytesRead: () => number): Promise<ArchiveFormat> {
  addHeader(context, header)
  if (detectFormat(await reader.peek(512)) === 'tar') {
    await readTar(reader, context, bytesRead)
    return 'tar+gzip'
  }
  await readSingleGzipMember(reader, context, header)
  return 'gzip'
}

async function readGzipWith(decoder: GzipDecoder, blob: Blob, context: ReadContext, header: GzipHeader): Promise<ArchiveFormat> {
  const log = newMemberLog()
  const { stream, bytesRead } = gunzipStream(blob, context.kernels, decoder, () => undefined, log)
  const reader = new StreamReader(stream)
  let format: ArchiveFormat
  try {
    format = await readGzipPayload(reader, context, header, bytesRead)
  } catch (thrown) {
    // A tar cut short by bytes that are not gzip: those bytes are still named, with their offset.
    if (log.refusedAfterLast) for (const anomaly of await checkGzipEnd(blob, log, context)) context.anomalies.push(anomaly)
    throw thrown
  }
  // Only a stream read to its end says where the gzip data ends (a limit may have stopped it before).
  if ((await reader.readUpTo(1)).length > 0) return format
  if (decoder === 'platform') {
    if (!(await endsLikeOneMember(blob, reader.position))) throw new ReadAgainWithFflate()
    return format
  }
  for (const anomaly of await checkGzipEnd(blob, log, context)) context.anomalies.push(anomaly)
  return format
}

/**
 * A gzip that holds one file, not a tar: that file is the only member, named by FNAME (its bytes in
 * `nameHex`) or else by the file name.
 */
async function readSingleGzipMember(reader: StreamReader, context: ReadContext, header: GzipHeader): Promise<void> {
  const fname = header.fields['gzip.fname']
  const named = typeof fname === 'string' && fname !== ''
  const path = named ? fname : context.name.replace(/\.gz$/i, '') || 'content'
  const member: Member = { index: 0, path, type: 'file', size: 0, sha256: null, offset: 0, dataOffset: 0, meta: {} }
  if (named && header.fnameBytes) member.nameHex = toHex(header.fnameBytes)
  context.members.push(member)
  const limit = context.limits.maxMemberBytes
  const bytes = await reader.readUpTo(limit + 1)
  checkMemberLimit(context, path, bytes.length)
  addToTotal(context, path, bytes.length)
  member.size = bytes.length
  const [sha256] = await Promise.all([context.kernels.sha256(bytes), recordChunkDigests(member, bytes, context.kernels)])
  member.sha256 = sha256
}

export const ARCHIVE_READERS: ArchiveReaderEntry[] = [
  {
    format: 'zip',
    description: 'zip (wheel, zip sdist)',
    read: async (blob, context) => {
      await readZip(new BlobReader(blob), context)
      return 'zip'
    },
    readMemberBytes: (blob, member, _format, threshold, kernels = DEFAULT_KERNELS) => readZipMemberBytes(new BlobReader(blob), member, threshold, kernels),
    async readMembersBytes(blob, members, _format, visit, kernels = DEFAULT_KERNELS) {
      const reader = new BlobReader(blob)
      for (const member of [...members].sort((a, b) => a.offset - b.offset)) await visit(member, await readZipMemberBytes(reader, member, Infinity, kernels))
    },
  },
  {
    format: 'gzip',
    description: 'gzip (tar.gz sdist, npm tarball)',
    read: readGzip,
    readMemberBytes: (blob, member, format, _threshold, kernels = DEFAULT_KERNELS) => withGunzipped(blob, kernels, (reader) => (format === 'gzip' ? reader.readUpTo(member.size) : readTarMemberBytes(reader, member))),
    async readMembersBytes(blob, members, format, visit, kernels = DEFAULT_KERNELS) {
      if (format === 'gzip') {
        for (const member of members) await visit(member, await withGunzipped(blob, kernels, (reader) => reader.readUpTo(member.size)))
        return
      }
      const visited = new Set<Member>()
      await withGunzipped(blob, kernels, (reader) => visitTarMembers(reader, members.filter((member) => !visited.has(member)), async (member, bytes) => {
        visited.add(member)
        await visit(member, bytes)
      }))
    },
  },
  {
    format: 'tar',
    description: 'tar (uncompressed)',
    read: async (blob, context) => {
      const { stream, bytesRead } = countingStream(blob)
      await readTar(new StreamReader(stream), context, bytesRead)
      return 'tar'
    },
    async readMemberBytes(blob, member) {
      if (!isSparseMember(member)) return await readSlice(blob, member.dataOffset ?? 0, (member.dataOffset ?? 0) + member.size)
      // A sparse member is expanded from its map again, read from its first header on.
      const reader = new StreamReader(blob.slice(member.offset).stream())
      reader.position = member.offset
      try {
        return await readTarMemberBytes(reader, member)
      } finally {
        await reader.cancel()
      }
    },
    async readMembersBytes(blob, members, _format, visit) {
      const reader = new StreamReader(blob.stream())
      try {
        await visitTarMembers(reader, members, visit)
      } finally {
        await reader.cancel()
      }
    },
  },
  // xz, bzip2, Zstandard: a tar or one file inside, like gzip (decompressors.ts).
  ...DECOMPRESSORS.map((decompressor): ArchiveReaderEntry => ({
    format: decompressor.format,
    description: decompressor.description,
    read: (blob, context) => readCompressed(decompressor, blob, context),
    readMemberBytes: (blob, member, format) => readCompressedMemberBytes(decompressor, blob, member, format),
    readMembersBytes: (blob, members, format, visit) => visitCompressedMembers(decompressor, blob, members, format, visit),
  })),
  {
    format: 'ar',
    description: 'ar (.deb, .a)',
    read: async (blob, context) => {
      await readAr(blob, context)
      return 'ar'
    },
    readMemberBytes: (blob, member) => readArMemberBytes(blob, member),
    async readMembersBytes(blob, members, _format, visit) {
      for (const member of members) await visit(member, await readArMemberBytes(blob, member))
    },
  },
  // Not a container: the file itself is the one member (plain-file.ts).
  {
    format: 'file',
    description: 'a plain file',
    read: async (blob, context) => {
      await readPlainFile(blob, context)
      return 'file'
    },
    readMemberBytes: (blob) => readPlainFileBytes(blob),
    async readMembersBytes(blob, members, _format, visit) {
      for (const member of members) await visit(member, await readPlainFileBytes(blob))
    },
  },
]

export function readerFor(format: ArchiveFormat | null): ArchiveReaderEntry {
  const base = format === 'tar+gzip' ? 'gzip' : (decompressorFor(format)?.format ?? format)
  const found = ARCHIVE_READERS.find((entry) => entry.format === base)
  return found ?? fail('NOT_AN_ARCHIVE', `No reader for format ${String(format)}`)
}
