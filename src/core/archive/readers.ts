/**
 * The registry of container formats: one entry per format, each knowing how to list and hash its members
 * and how to re-read one member's bytes on demand. A new format is one file plus one line here.
 */
import { CoreFailure, fail } from '../errors'
import type { ArchiveFields, ArchiveFormat, Member } from '../types'
import { BlobReader } from '../util/blob-reader'
import type { Bytes } from '../util/bytes'
import { StreamReader } from '../util/stream-reader'
import { detectFormat } from './detect'
import { parseGzipHeader } from './gzip'
import { addToTotal, checkMemberLimit, resetContext, type ReadContext } from './read-context'
import { sha256Hex } from '../util/hash'
import { gunzipTransform, type GzipDecoder } from './gunzip'
import { readTar, readTarMemberBytes } from './tar'
import { readZip, readZipMemberBytes } from './zip'

export interface ArchiveReaderEntry {
  format: ArchiveFormat
  description: string
  /**
   * Lists and hashes every member into `context.members`, throwing a CoreFailure when reading must stop.
   * Returns the format found inside (a gzip may hold a tar or a single file).
   */
  read(blob: Blob, context: ReadContext): Promise<ArchiveFormat>
  /** The bytes of one member, verified as during `read`. */
  readMemberBytes(blob: Blob, member: Member, format: ArchiveFormat, streamInflateThreshold: number): Promise<Bytes>
  /** The bytes of several members in one pass (one decompression of a tar stream, not one per member). */
  readMembersBytes(blob: Blob, members: Member[], format: ArchiveFormat, visit: (member: Member, bytes: Bytes) => Promise<void>): Promise<void>
}

/** One pass over a tar stream, in data order, handing each wanted member's bytes to `visit`. */
async function visitTarMembers(stream: ReadableStream<Uint8Array>, members: Member[], visit: (member: Member, bytes: Bytes) => Promise<void>) {
  const reader = new StreamReader(stream)
  try {
    for (const member of [...members].sort((a, b) => (a.dataOffset ?? 0) - (b.dataOffset ?? 0))) {
      await reader.skip((member.dataOffset ?? 0) - reader.position, `the stream before ${member.path}`)
      await visit(member, await reader.readExact(member.size, `the data of ${member.path}`))
    }
  } finally {
    await reader.cancel()
  }
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

function gunzipStream(blob: Blob, decoder: GzipDecoder = 'platform', onTrailingBytes = () => {}): { stream: ReadableStream<Uint8Array>; bytesRead: () => number } {
  const counted = countingStream(blob)
  return { ...counted, stream: counted.stream.pipeThrough(gunzipTransform(decoder, onTrailingBytes)) }
}

async function readGzip(blob: Blob, context: ReadContext): Promise<ArchiveFormat> {
  const header = parseGzipHeader(new Uint8Array(await blob.slice(0, 64 * 1024).arrayBuffer()))
  try {
    return await readGzipWith('platform', blob, context, header)
  } catch (thrown) {
    if (thrown instanceof CoreFailure) throw thrown
    // The platform decoder failed: read again with fflate, which keeps what it decoded before the problem.
    resetContext(context)
    return readGzipWith('fflate', blob, context, header)
  }
}

async function readGzipWith(decoder: GzipDecoder, blob: Blob, context: ReadContext, header: ArchiveFields): Promise<ArchiveFormat> {
  Object.assign(context.fields, header)
  const onTrailingBytes = () => context.anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: 'Bytes that are not gzip data follow the end of the gzip stream' })
  const { stream, bytesRead } = gunzipStream(blob, decoder, onTrailingBytes)
  const reader = new StreamReader(stream)
  if (detectFormat(await reader.peek(512)) === 'tar') {
    await readTar(reader, context, bytesRead)
    return 'tar+gzip'
  }
  await readSingleGzipMember(reader, context)
  return 'gzip'
}

/** A gzip that holds one file, not a tar: that file is the only member, named by FNAME or the file name. */
async function readSingleGzipMember(reader: StreamReader, context: ReadContext): Promise<void> {
  const fname = context.fields['gzip.fname']
  const path = typeof fname === 'string' && fname ? fname : context.name.replace(/\.gz$/i, '') || 'content'
  const member: Member = { index: 0, path, type: 'file', size: 0, sha256: null, offset: 0, dataOffset: 0, meta: {} }
  context.members.push(member)
  const limit = context.limits.maxMemberBytes
  const bytes = await reader.readUpTo(limit + 1)
  checkMemberLimit(context, path, bytes.length)
  addToTotal(context, path, bytes.length)
  member.size = bytes.length
  member.sha256 = await sha256Hex(bytes)
}

export const ARCHIVE_READERS: ArchiveReaderEntry[] = [
  {
    format: 'zip',
    description: 'zip (wheel, zip sdist)',
    read: async (blob, context) => {
      await readZip(new BlobReader(blob), context)
      return 'zip'
    },
    readMemberBytes: (blob, member, _format, threshold) => readZipMemberBytes(new BlobReader(blob), member, threshold),
    async readMembersBytes(blob, members, _format, visit) {
      const reader = new BlobReader(blob)
      for (const member of [...members].sort((a, b) => a.offset - b.offset)) await visit(member, await readZipMemberBytes(reader, member, Infinity))
    },
  },
  {
    format: 'gzip',
    description: 'gzip (tar.gz sdist, npm tarball)',
    read: readGzip,
    async readMemberBytes(blob, member, format) {
      const reader = new StreamReader(gunzipStream(blob).stream)
      try {
        if (format === 'gzip') return await reader.readUpTo(member.size)
        return await readTarMemberBytes(reader, member)
      } finally {
        await reader.cancel()
      }
    },
    async readMembersBytes(blob, members, format, visit) {
      if (format === 'gzip') {
        for (const member of members) await visit(member, await new StreamReader(gunzipStream(blob).stream).readUpTo(member.size))
        return
      }
      await visitTarMembers(gunzipStream(blob).stream, members, visit)
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
      return new Uint8Array(await blob.slice(member.dataOffset ?? 0, (member.dataOffset ?? 0) + member.size).arrayBuffer())
    },
    async readMembersBytes(blob, members, _format, visit) {
      await visitTarMembers(blob.stream(), members, visit)
    },
  },
]

export function readerFor(format: ArchiveFormat | null): ArchiveReaderEntry {
  const found = ARCHIVE_READERS.find((entry) => entry.format === (format === 'tar+gzip' ? 'gzip' : format))
  return found ?? fail('NOT_AN_ARCHIVE', `No reader for format ${String(format)}`)
}
