/**
 * Compressors read as outer wrappers like gzip: xz, bzip2 and Zstandard. Each holds either a tar (`.tar.xz`,
 * `.tar.bz2`, `.tar.zst`, read by the tar reader unchanged) or one file (its only member, named after the
 * artefact without the compressor's suffix, as gzip without FNAME). One entry per format; the decoders
 * live in one file each (xz.ts, bzip2.ts, zstd.ts) and are chosen in docs/performance.md.
 *
 * Limits: every decoder calls `guard` with the bytes it has produced before handing them on, and the guard
 * applies the stream ratio limit (as gzip's), so a bomb stops within one block instead of filling memory;
 * the tar reader and the single-file reader apply the member and total limits as they consume.
 */
import { readSlice } from '../util/blob-reader'
import { fail } from '../errors'
import type { ArchiveFields, ArchiveFormat, Member } from '../types'
import type { Bytes } from '../util/bytes'
import { concatBytes } from '../util/bytes'
import type { Sha256Hasher } from '../kernels'
import { StreamReader } from '../util/stream-reader'
import type { Bzip2Log } from './bzip2'
import { detectFormat } from './detect'
import { addToTotal, checkMemberLimit, checkStreamRatio, noteOutsideBytes, throwIfCancelled, type ReadContext } from './read-context'
import { readTar, readTarMemberBytes } from './tar'
import { ChunkDigester, recordChunkDigests } from './chunk-digests'

/*
 * The decoders (xz's WebAssembly, bzip2, Zstandard) load on first use: a page that compares wheels never fetches
 * them (docs/performance.md, page weight). Bundlers split each dynamic import into its own chunk; Node loads it as is.
 */
const loadXz = () => import('./xz')
const loadBzip2 = () => import('./bzip2')
const loadZstd = () => import('./zstd')

/** Called with the total bytes a decoder has produced so far, before it hands them on; throws to stop it. */
export type OutputGuard = (produced: number) => void

/** A decoder driven by input: `null` means the input has ended. It hands its output to `emit` and throws a coded error. */
export type PushDecoder = (input: Uint8Array | null, emit: (output: Uint8Array) => void) => void

/**
 * A decoding stream pulled by its reader, one input chunk at a time. A TransformStream would lose the
 * output still queued when a later chunk fails (an error discards the queue, and its flush runs without
 * waiting for the reader): here an error after some output is kept until that output has been read, so the
 * members before a cut stay listed. Nothing is decoded ahead of the reader.
 */
export function decodingPair(decoder: PushDecoder): ReadableWritablePair<Uint8Array, Uint8Array> {
  const input = new TransformStream<Uint8Array, Uint8Array>()
  const reader = input.readable.getReader()
  let deferred: { error: unknown } | null = null
  let ended = false
  // A failed decoder stops reading its input too, so the file's stream is not left open behind it.
  const stop = async (error: unknown): Promise<never> => {
    await reader.cancel(error).catch(() => undefined)
    throw error
  }
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (deferred) return stop(deferred.error)
      let produced = false
      const emit = (output: Uint8Array) => {
        produced = true
        controller.enqueue(output)
      }
      while (!produced && !ended) {
        const { value, done } = await reader.read()
        ended = done
        try {
          decoder(done ? null : value, emit)
        } catch (error) {
          if (!produced) return stop(error)
          deferred = { error }
          return
        }
      }
      if (ended) controller.close()
    },
    cancel: (reason) => reader.cancel(reason),
  }, { highWaterMark: 0 })
  return { writable: input.writable, readable }
}

/** What a decoder reports once its stream has ended (bzip2: how many streams, where trailing bytes start). */
interface DecodeLog {
  bzip2?: Bzip2Log
}

export interface Decompressor {
  format: 'xz' | 'bzip2' | 'zstd'
  tarFormat: 'tar+xz' | 'tar+bzip2' | 'tar+zstd'
  description: string
  /** The suffix a single payload's name drops (`data.json.xz` holds `data.json`). */
  suffix: RegExp
  /**
   * Archive fields from the header (and, for xz, the index); a coded error for what the decoder cannot read.
   * `trailingAt`: where bytes that are not this format start after its end, when the decoder would skip them.
   */
  readHeader(blob: Blob): Promise<{ fields: ArchiveFields; trailingAt?: number }>
  decode(guard: OutputGuard, log: DecodeLog): ReadableWritablePair<Uint8Array, Uint8Array>
}

const headOf = async (blob: Blob, size: number) => await readSlice(blob, 0, size)

/**
 * A decoding pair whose decoder is loaded when its output is first pulled. Output is pulled one chunk at a time
 * (no queue of its own), so the loaded pair's behaviour on errors and backpressure is kept as it is.
 */
export function lazyPair(load: () => Promise<ReadableWritablePair<Uint8Array, Uint8Array>>): ReadableWritablePair<Uint8Array, Uint8Array> {
  const input = new TransformStream<Uint8Array, Uint8Array>()
  let output: ReadableStreamDefaultReader<Uint8Array> | null = null
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!output) {
        // A decoder that cannot load stops the file's stream too, as a failed decoder does (decodingPair).
        const pair = await load().catch(async (error: unknown) => {
          await input.readable.cancel(error).catch(() => undefined)
          throw error
        })
        output = input.readable.pipeThrough(pair).getReader()
      }
      const { value, done } = await output.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    async cancel(reason) {
      await (output ? output.cancel(reason) : input.readable.cancel(reason))
    },
  }, { highWaterMark: 0 })
  return { writable: input.writable, readable }
}

export const DECOMPRESSORS: Decompressor[] = [
  {
    format: 'xz', tarFormat: 'tar+xz', description: 'xz (.tar.xz, .xz)', suffix: /\.(xz|txz)$/i,
    readHeader: async (blob) => (await loadXz()).readXzHeader(blob),
    decode: (guard) => lazyPair(async () => (await loadXz()).xzTransform(guard)),
  },
  {
    format: 'bzip2', tarFormat: 'tar+bzip2', description: 'bzip2 (.tar.bz2, .bz2)', suffix: /\.(bz2|tbz2?)$/i,
    readHeader: async (blob) => ({ fields: (await loadBzip2()).readBzip2Header(await headOf(blob, 4)) }),
    decode: (guard, log) => {
      const bzip2Log = (log.bzip2 = { streams: 0, trailingAt: null })
      return lazyPair(async () => decodingPair((await loadBzip2()).bzip2Decoder(guard, bzip2Log)))
    },
  },
  {
    format: 'zstd', tarFormat: 'tar+zstd', description: 'Zstandard (.tar.zst, .zst)', suffix: /\.(zst|tzst)$/i,
    readHeader: async (blob) => ({ fields: (await loadZstd()).readZstdFrameHeader(await headOf(blob, 18)) }),
    decode: (guard) => lazyPair(async () => decodingPair((await loadZstd()).zstdDecoder(guard))),
  },
]

export function decompressorFor(format: ArchiveFormat | null): Decompressor | undefined {
  return DECOMPRESSORS.find((entry) => entry.format === format || entry.tarFormat === format)
}

interface Decoded {
  reader: StreamReader
  /** Compressed bytes handed to the decoder so far. */
  bytesRead: () => number
  log: DecodeLog
}

/** The decoded stream of a blob, with the ratio limit applied to what the decoder produces. */
function decodedStream(decompressor: Decompressor, blob: Blob, context?: ReadContext): Decoded {
  let bytesRead = 0
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytesRead += chunk.length
      controller.enqueue(chunk)
    },
  })
  const guard: OutputGuard = (produced) => {
    if (!context) return
    throwIfCancelled(context)
    checkStreamRatio(context, produced, bytesRead)
  }
  const log: DecodeLog = {}
  const stream = blob.stream().pipeThrough(counter).pipeThrough(decompressor.decode(guard, log))
  return { reader: new StreamReader(stream), bytesRead: () => bytesRead, log }
}

/** The decoded bytes of a compressed file, its trailing bytes left out (a range of a member: member-range.ts). */
export async function decodedPayload(decompressor: Decompressor, blob: Blob): Promise<StreamReader> {
  const { trailingAt } = await decompressor.readHeader(blob)
  return decodedStream(decompressor, blob.slice(0, trailingAt)).reader
}

/** Whether the decoded payload starts with a tar header; null when not even its first bytes decode. */
export async function payloadIsTar(decompressor: Decompressor, blob: Blob): Promise<boolean | null> {
  const { reader } = decodedStream(decompressor, blob)
  try {
    return detectFormat(await reader.peek(512)) === 'tar'
  } catch {
    return null
  } finally {
    await reader.cancel()
  }
}

/** Lists and hashes what the compressed file holds: a tar's members, or its one payload. */
export async function readCompressed(decompressor: Decompressor, blob: Blob, context: ReadContext): Promise<ArchiveFormat> {
  const header = await decompressor.readHeader(blob)
  Object.assign(context.fields, header.fields)
  if (header.trailingAt !== undefined) noteTrailingBytes(context, decompressor, header.trailingAt, blob.size)
  const { reader, bytesRead, log } = decodedStream(decompressor, blob.slice(0, header.trailingAt), context)
  try {
    let format: ArchiveFormat = decompressor.format
    if (detectFormat(await reader.peek(512)) === 'tar') {
      await readTar(reader, context, bytesRead)
      format = decompressor.tarFormat
    } else {
      await readSinglePayload(reader, context, decompressor)
    }
    // Read to the end, so that the decoder's last checks (stream CRC, index, trailer) have run.
    await reader.drain()
    noteDecodeLog(decompressor, log, blob, context)
    return format
  } finally {
    await reader.cancel()
  }
}

function noteDecodeLog(decompressor: Decompressor, log: DecodeLog, blob: Blob, context: ReadContext): void {
  if (!log.bzip2) return
  if (log.bzip2.streams > 1) context.fields['bzip2.streams'] = log.bzip2.streams
  if (log.bzip2.trailingAt !== null) noteTrailingBytes(context, decompressor, log.bzip2.trailingAt, blob.size)
}

/** Bytes after the compressed data that the decoder skips (bzip2(1) warns, Python's tarfile ignores them): hashed and flagged. */
function noteTrailingBytes(context: ReadContext, decompressor: Decompressor, at: number, size: number): void {
  noteOutsideBytes(context, at, size)
  context.anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: `${size - at} bytes from offset ${at} to the end of the file follow the ${decompressor.format} data and are not ${decompressor.format} data`, offset: at })
}

/** The payload is read in slices of this size; from `streamHashThreshold` on it is hashed incrementally, as large tar members are. */
const CHUNK = 4 * 1024 * 1024

/** The one file a compressor holds: named after the artefact without the suffix, read in chunks under the limits. */
async function readSinglePayload(reader: StreamReader, context: ReadContext, decompressor: Decompressor): Promise<void> {
  const path = context.name.replace(decompressor.suffix, '') || 'content'
  const member: Member = { index: 0, path, type: 'file', size: 0, sha256: null, offset: 0, dataOffset: 0, meta: {} }
  context.members.push(member)
  const held: Uint8Array[] = []
  let hash: Sha256Hasher | null = null
  const chunks = new ChunkDigester(context.kernels)
  for (;;) {
    await chunks.settle()
    const chunk = await reader.readUpTo(CHUNK)
    if (chunk.length === 0) break
    checkMemberLimit(context, path, member.size + chunk.length)
    addToTotal(context, path, chunk.length)
    member.size += chunk.length
    if (hash === null && member.size >= context.streamHashThreshold) {
      hash = context.kernels.createSha256()
      for (const part of held.splice(0)) {
        hash.update(part)
        chunks.update(part)
      }
    }
    if (hash) {
      hash.update(chunk)
      chunks.update(chunk)
    } else held.push(chunk)
  }
  if (hash) {
    member.sha256 = hash.digestHex()
    const chunkSha256 = await chunks.finish()
    if (chunkSha256) member.chunkSha256 = chunkSha256
    return
  }
  const bytes = concatBytes(held, member.size)
  const [sha256] = await Promise.all([context.kernels.sha256(bytes), recordChunkDigests(member, bytes, context.kernels)])
  member.sha256 = sha256
}

/**
 * The members' bytes are read in batches of at most this many bytes, with the decoded stream closed before
 * `visit` sees them: xz-decompress decodes one stream at a time (a lock: its decoders are not safe side by side,
 * httptoolkit/xz-decompress#9), so a nested .tar.xz opened by `visit` while the outer xz stream is still open
 * would wait for it forever. A further batch decodes from the start again.
 */
const VISIT_BATCH_BYTES = 64 * 1024 * 1024

/** Hands each wanted member's bytes to `visit`, in data order, decoding the file once per batch. */
export async function visitCompressedMembers(decompressor: Decompressor, blob: Blob, members: Member[], format: ArchiveFormat, visit: (member: Member, bytes: Bytes) => Promise<void>): Promise<void> {
  const { trailingAt } = await decompressor.readHeader(blob)
  const rest = [...members].sort((a, b) => a.offset - b.offset)
  while (rest.length > 0) {
    const batch: [Member, Bytes][] = []
    let batchBytes = 0
    const { reader } = decodedStream(decompressor, blob.slice(0, trailingAt))
    try {
      while (rest.length > 0 && (batch.length === 0 || batchBytes + rest[0].size <= VISIT_BATCH_BYTES)) {
        const member = rest.shift()!
        const bytes = format === decompressor.format ? await reader.readUpTo(member.size) : await readTarMemberBytes(reader, member)
        batch.push([member, bytes])
        batchBytes += bytes.length
      }
    } finally {
      await reader.cancel()
    }
    for (const [member, bytes] of batch) await visit(member, bytes)
  }
}

/** The bytes of one member, decoded again. */
export async function readCompressedMemberBytes(decompressor: Decompressor, blob: Blob, member: Member, format: ArchiveFormat): Promise<Bytes> {
  let found: Bytes | null = null
  await visitCompressedMembers(decompressor, blob, [member], format, async (_member, bytes) => {
    found = bytes
  })
  return found ?? fail('CORRUPT_STRUCTURE', `${member.path} could not be read again`)
}
