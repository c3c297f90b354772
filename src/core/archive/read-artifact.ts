/**
 * Reads one artefact: identity (size, SHA-256), format from the bytes, then every member through the
 * format's reader. Never throws for bad input: the problem becomes `error`, and the members read before
 * it stay listed, each unread one marked, so nothing partial is presented as complete.
 */
import { CoreFailure, toCoreError, type CoreError } from '../errors'
import { resolveLimits } from '../limits'
import type { ArtifactReading, ReadOptions } from '../types'
import { lastIndexOfSignature, toHex } from '../util/bytes'
import { END_OF_CENTRAL_DIRECTORY_SIGNATURE, MAX_END_SEARCH } from './zip-structure'
import { sha256OfBlob } from '../util/hash'
import { detectFormat, type DetectedFormat } from './detect'
import type { ReadContext } from './read-context'
import { readerFor } from './readers'

export interface ArtifactSource {
  name: string
  blob: Blob
}

/** Below 1 MB fflate inflates faster than DecompressionStream everywhere (docs/performance.md). */
const DEFAULT_STREAM_INFLATE_THRESHOLD = 1024 * 1024
/** Members this large are inflated and hashed in chunks (Web Crypto needs the whole buffer at once). */
const DEFAULT_STREAM_HASH_THRESHOLD = 256 * 1024 * 1024
const UNSUPPORTED: Partial<Record<DetectedFormat, string>> = { bzip2: 'bzip2', xz: 'xz', zstd: 'Zstandard' }

export async function readArtifact(source: ArtifactSource, options: ReadOptions = {}): Promise<ArtifactReading> {
  const { name, blob } = source
  const reading: ArtifactReading = { name, size: blob.size, sha256: null, format: null, fields: {}, members: [], retained: {}, anomalies: [] }
  try {
    if (blob.size === 0) return { ...reading, error: { code: 'EMPTY_FILE', message: `${name} is empty (0 bytes)` } }
    // The whole-file hash runs alongside the member reads (Web Crypto works on its own thread).
    const wholeFileHash = sha256OfBlob(blob, options.signal).then((sha256) => {
      reading.sha256 = sha256
    })
    wholeFileHash.catch(() => undefined)
    await readMembers(source, reading, options)
    await wholeFileHash
  } catch (thrown) {
    reading.error = describeFailure(thrown)
    markUnread(reading, reading.error)
  }
  return reading
}

async function readMembers(source: ArtifactSource, reading: ArtifactReading, options: ReadOptions): Promise<void> {
  const { name, blob } = source
  try {
    const head = new Uint8Array(await blob.slice(0, 512).arrayBuffer())
    const detected = detectFormat(head) ?? (await detectZipByEndRecord(blob))
    const refusal = refuseFormat(name, detected, head)
    if (refusal) {
      reading.error = refusal
      return
    }
    const context = newContext(name, blob.size, reading, options)
    const reader = readerFor(detected as 'zip' | 'gzip' | 'tar')
    reading.format = reader.format
    reading.format = await reader.read(blob, context)
  } catch (thrown) {
    reading.error = describeFailure(thrown)
    markUnread(reading, reading.error)
  }
}

/**
 * A zip may start with other bytes (a self-extractor stub, a prepended payload): its end record, found in
 * the last 64 KiB, still identifies it. The zip reader then reports the bytes in front as an anomaly.
 */
async function detectZipByEndRecord(blob: Blob): Promise<DetectedFormat | null> {
  const tailStart = Math.max(0, blob.size - MAX_END_SEARCH)
  const tail = new Uint8Array(await blob.slice(tailStart).arrayBuffer())
  return lastIndexOfSignature(tail, END_OF_CENTRAL_DIRECTORY_SIGNATURE, tail.length - 22) >= 0 ? 'zip' : null
}

function refuseFormat(name: string, detected: DetectedFormat | null, head: Uint8Array): CoreError | null {
  if (detected === null) {
    return {
      code: 'NOT_AN_ARCHIVE',
      message: `${name} is not an archive: its first bytes (${toHex(head.subarray(0, 8))}) match no zip, gzip or tar signature`,
    }
  }
  const unsupported = UNSUPPORTED[detected]
  if (unsupported) return { code: 'UNSUPPORTED_FORMAT', message: `${name} is ${unsupported}-compressed, which this version cannot read yet` }
  return null
}

function newContext(name: string, fileSize: number, reading: ArtifactReading, options: ReadOptions): ReadContext {
  return {
    name,
    fileSize,
    limits: resolveLimits(options.limits),
    fields: reading.fields,
    members: reading.members,
    retained: reading.retained,
    anomalies: reading.anomalies,
    retainMember: options.retainMember,
    totalBytes: 0,
    streamInflateThreshold: options.streamInflateThreshold ?? DEFAULT_STREAM_INFLATE_THRESHOLD,
    streamHashThreshold: options.streamHashThreshold ?? DEFAULT_STREAM_HASH_THRESHOLD,
    signal: options.signal,
    onProgress: options.onProgress,
  }
}

/** Platform decompressors throw plain TypeErrors; name the problem in our terms. */
function describeFailure(thrown: unknown): CoreError {
  if (thrown instanceof CoreFailure) return thrown.error
  const error = toCoreError(thrown, 'DECOMPRESSION_FAILED')
  if (error.code !== 'DECOMPRESSION_FAILED') return error
  const truncated = /end of (file|stream)|unexpected EOF|truncat|terminated|incomplete/i.test(error.message)
  return truncated
    ? { code: 'TRUNCATED', message: `The compressed stream ends early (${error.message}): the file is cut short` }
    : { code: 'DECOMPRESSION_FAILED', message: `The compressed stream is corrupt (${error.message})` }
}

/** After a stop, members whose bytes were never read say so instead of looking empty. */
function markUnread(reading: ArtifactReading, cause: CoreError): void {
  for (const member of reading.members) {
    if (member.sha256 === null && member.type === 'file' && !member.error) {
      member.error = { code: cause.code, message: `Not read: reading stopped (${cause.message})`, path: member.path }
    }
  }
}

/** Re-reads one member's bytes for display; the archive must have been read by `readArtifact` first. */
export async function readMemberContent(source: ArtifactSource, reading: ArtifactReading, index: number, options: ReadOptions = {}) {
  const member = reading.members[index]
  if (!member) throw new CoreFailure({ code: 'CORRUPT_STRUCTURE', message: `No member ${index} in ${reading.name}` })
  if (member.type !== 'file' && member.type !== 'symlink') return new Uint8Array(0)
  const reader = readerFor(reading.format)
  return reader.readMemberBytes(source.blob, member, reading.format!, options.streamInflateThreshold ?? DEFAULT_STREAM_INFLATE_THRESHOLD)
}
