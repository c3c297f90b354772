/**
 * Reads one artefact: identity (size, SHA-256), format from the bytes, then every member through the
 * format's reader. Never throws for bad input: the problem becomes `error`, and the members read before
 * it stay listed, each unread one marked, so nothing partial is presented as complete.
 */
import { readSlice } from '../util/blob-reader'
import { CoreFailure, toCoreError, type CoreError } from '../errors'
import { resolveLimits } from '../limits'
import type { ArchiveFormat, ArtifactReading, ReadOptions } from '../types'
import { lastIndexOfSignature, readU16 } from '../util/bytes'
import { BytesBlob } from '../util/bytes-blob'
import { DEFAULT_HOLD_FILE_BELOW, startsLikeZip, wholeFileBytes } from './held-file'
import { sha256OfBlob } from '../util/hash'
import { resolveKernels } from '../kernels'
import { decodeUtf8OrEscape } from '../util/text'
import { findContainerReadings, type ReadingCandidate } from './container-readings'
import { isUnreadFormat } from './detect'
import { throwIfCancelled, type ReadContext } from './read-context'
import { chooseReading } from './reading-choice'
import { readerFor } from './readers'
import { collectCandidates, newNestingLevel, readNestedMembers, readNestedMemberBytes, type NestingLevel } from './nested'
import type { NestingTotals } from './read-context'
import { END_OF_CENTRAL_DIRECTORY_SIGNATURE } from './zip-structure'

export interface ArtifactSource {
  name: string
  blob: Blob
}

/** Below about 32 KiB fflate inflates faster than DecompressionStream in Chromium, above it slower (docs/performance.md). */
const DEFAULT_STREAM_INFLATE_THRESHOLD = 32 * 1024
/** Members this large are inflated and hashed in chunks (Web Crypto needs the whole buffer at once). */
const DEFAULT_STREAM_HASH_THRESHOLD = 256 * 1024 * 1024

export async function readArtifact(source: ArtifactSource, options: ReadOptions = {}): Promise<ArtifactReading> {
  const outer = await readArtifactOuter(source, options)
  await outer.openContainers()
  return outer.reading
}

/**
 * An artefact read to its own members, its container members not opened yet: a comparison first pairs the two
 * sides' members, then opens only the containers whose bytes differ from their counterpart's
 * (compare/same-bytes.ts). Identical bytes hold identical contents, so opening those proves nothing.
 */
export interface OuterReading {
  reading: ArtifactReading
  /**
   * Opens the container members, all but those whose indexes are in `sameBytes` (those get a reading that says
   * why they were not opened, nested.ts `sameBytesReading`), and answers `reading.nested` (null: no container).
   * Called again, it opens the ones it left closed that `sameBytes` no longer lists; a container opened once stays
   * as read.
   */
  openContainers(sameBytes?: Iterable<number> | null): Promise<ArtifactReading['nested'] | null>
}

export async function readArtifactOuter(source: ArtifactSource, options: ReadOptions = {}): Promise<OuterReading> {
  const totals: NestingTotals = { outerFileSize: source.blob.size, totalBytes: 0, members: 0 }
  const level = newNestingLevel(0, totals)
  // A small zip is read once and then from memory: in Chromium every slice of a File is a round trip to the
  // browser process (seven per side for a 2 MB wheel, each waiting behind the other threads on a busy machine).
  const whole = await wholeFileBytes(source.blob, options.holdFileBelow ?? DEFAULT_HOLD_FILE_BELOW)
  let held: Blob | null = whole && startsLikeZip(whole) ? new BytesBlob(whole) : null
  // Bytes read whole are hashed from memory, not read again for it.
  const fileSha256 = whole ? Promise.resolve().then(() => resolveKernels(options.kernels).sha256(whole)) : null
  const reading = await readLevelMembers({ name: source.name, blob: held ?? source.blob }, options, level, fileSha256)
  return {
    reading,
    openContainers: async (sameBytes) => {
      await openLevel(held ?? source.blob, reading, options, level, sameBytes ? new Set(sameBytes) : undefined)
      // Held only until the containers are first opened: later calls read the file again.
      held = null
      return reading.nested ?? null
    },
  }
}

/**
 * One level: the artefact itself (depth 0, hashed here) or a nested container (its SHA-256 known from the
 * level around it). Then every member that is an archive itself, one level deeper (nested.ts).
 */
async function readLevel(source: ArtifactSource, options: ReadOptions, level: NestingLevel, knownSha256: string | null): Promise<ArtifactReading> {
  const reading = await readLevelMembers(source, options, level, knownSha256)
  await openLevel(source.blob, reading, options, level)
  return reading
}

/** `fileSha256`: the level's SHA-256 when known (a nested container's) or being computed (bytes read whole); null: hashed here. */
async function readLevelMembers(source: ArtifactSource, options: ReadOptions, level: NestingLevel, fileSha256: string | Promise<string> | null): Promise<ArtifactReading> {
  const { name, blob } = source
  const knownSha256 = typeof fileSha256 === 'string' ? fileSha256 : null
  const reading: ArtifactReading = { name, size: blob.size, sha256: knownSha256, format: null, fields: {}, members: [], retained: {}, anomalies: [] }
  if (level.depth > 0) reading.depth = level.depth
  try {
    // Two empty files are still two files with the same SHA-256 (that of no bytes): identical, not unreadable.
    const kernels = resolveKernels(options.kernels)
    if (blob.size === 0) return { ...reading, sha256: await kernels.sha256(new Uint8Array(0)), error: { code: 'EMPTY_FILE', message: `${name} is empty (0 bytes)` } }
    // The whole-file hash runs alongside the member reads (Web Crypto works on its own thread; a synchronous kernel hashes after the file is read).
    const wholeFileHash = knownSha256 !== null ? Promise.resolve() : Promise.resolve(fileSha256 ?? sha256OfBlob(blob, options.signal, kernels)).then((sha256) => {
      reading.sha256 = sha256
    })
    wholeFileHash.catch(() => undefined)
    await readMembers(source, reading, options, level)
    await wholeFileHash
    adoptFileHash(reading)
  } catch (thrown) {
    reading.error = describeFailure(thrown)
    markUnread(reading, reading.error)
  }
  level.totals.members += reading.members.length
  return reading
}

/** Opens a level's container members (nested.ts), but not after a cancel. */
async function openLevel(blob: Blob, reading: ArtifactReading, options: ReadOptions, level: NestingLevel, sameBytes?: ReadonlySet<number>): Promise<void> {
  if (reading.error?.code === 'CANCELLED') return
  try {
    await readNestedMembers(blob, reading, options, resolveLimits(options.limits), level, readLevel, sameBytes)
  } catch (thrown) {
    // Only a cancel comes out of readNestedMembers: every other failure stays on its nested reading.
    reading.error = describeFailure(thrown)
  }
}

async function readMembers(source: ArtifactSource, reading: ArtifactReading, options: ReadOptions, level: NestingLevel): Promise<void> {
  const { name, blob } = source
  try {
    const head = await readSlice(blob, 0, 512)
    const candidates = await findContainerReadings(blob, head)
    // No container we recognise: the file is compared as its own single member (plain-file.ts).
    const { chosen, reason } = candidates.length === 0 ? { chosen: PLAIN_FILE, reason: '' } : chooseReading(name, candidates)
    if (candidates.length > 1) {
      reading.readings = candidates.map((candidate) => toContainerReading(candidate, candidate === chosen))
      reading.readingChoice = reason
    }
    if (isUnreadFormat(chosen.format)) {
      reading.error = { code: 'UNSUPPORTED_FORMAT', message: `${name} is ${chosen.description ?? chosen.format}: not supported yet (reprodiff reads zip, tar, gzip, xz, bzip2, zstd and ar)` }
      return
    }
    await readChosen(source, reading, chosen, options, level)
  } catch (thrown) {
    reading.error = describeFailure(thrown)
    markUnread(reading, reading.error)
  }
}

/**
 * Reads the chosen reading with its format's reader. Whatever belongs to the other readings stays visible
 * as the chosen one's anomalies (a zip's prefix bytes, bytes after a tar or gzip stream), never dropped.
 */
async function readChosen(source: ArtifactSource, reading: ArtifactReading, chosen: ReadingCandidate, options: ReadOptions, level: NestingLevel): Promise<void> {
  const context = newContext(source.name, source.blob.size, reading, options, level)
  const reader = readerFor(chosen.format as ArchiveFormat)
  reading.format = reader.format
  const viaSlice = chosen.format === 'zip' && chosen.lastSignature !== true && chosen.endRecordOffset !== undefined
  // The zip reader takes the last end-record signature; to read an earlier record, it is handed the file
  // cut just after that record (member offsets stay file offsets), and the cut comment is put back.
  const blob = viaSlice ? source.blob.slice(0, chosen.endRecordOffset! + 22) : source.blob
  try {
    reading.format = await reader.read(blob, context)
  } finally {
    // What this level produced counts for every level after it, even when reading stopped.
    level.totals.totalBytes = context.totalBytes
  }
  await hashOutsideBytes(source.blob, context)
  if (viaSlice) await restoreZipComment(source.blob, reading, chosen.endRecordOffset!, laterZipReading(reading, chosen))
  const listed = reading.readings?.find((entry) => entry.chosen)
  if (listed) listed.format = reading.format
}

/**
 * The bytes outside every member and compared structure (bytes before a zip, after a gzip stream, between zip
 * entries), in file order, as one SHA-256 and a length: archive fields, so a difference there is shown.
 */
async function hashOutsideBytes(blob: Blob, context: ReadContext): Promise<void> {
  const ranges = context.outsideBytes.sort((a, b) => a.start - b.start)
  if (ranges.length === 0) return
  const hash = context.kernels.createSha256()
  let length = 0
  for (const { start, end } of ranges) {
    for (let at = start; at < end; at += OUTSIDE_CHUNK) {
      throwIfCancelled(context)
      hash.update(await readSlice(blob, at, Math.min(end, at + OUTSIDE_CHUNK)))
    }
    length += end - start
  }
  context.fields['outsideBytes.length'] = length
  context.fields['outsideBytes.sha256'] = hash.digestHex()
}

/**
 * After reading a zip through a cut at an earlier end record: its comment as stored, and an anomaly for
 * the later signature that the zip reader and CPython's zipfile take but that leads to no central directory.
 */
async function restoreZipComment(blob: Blob, reading: ArtifactReading, recordOffset: number, laterReadingListed: boolean): Promise<void> {
  const record = await readSlice(blob, recordOffset, recordOffset + 22)
  const commentStart = recordOffset + 22
  const comment = await readSlice(blob, commentStart, commentStart + readU16(record, 20))
  reading.fields['zip.comment'] = decodeUtf8OrEscape(comment)
  // A later record that is a reading of its own is named by ambiguous-format; this is for one that leads nowhere.
  if (laterReadingListed) return
  const later = lastIndexOfSignature(comment, END_OF_CENTRAL_DIRECTORY_SIGNATURE, comment.length - 4)
  reading.anomalies.push({
    code: 'ZIP_HIDDEN_END_RECORD',
    message: `The zip comment of the end record at offset ${recordOffset} holds another end-record signature${later < 0 ? '' : ` (at offset ${commentStart + later})`}, which CPython's zipfile takes but which leads to no central directory that parses; the end record at ${recordOffset} was compared`,
    offset: later < 0 ? recordOffset : commentStart + later,
  })
}

function laterZipReading(reading: ArtifactReading, chosen: ReadingCandidate): boolean {
  return (reading.readings ?? []).some((other) => other.format === 'zip' && (other.endRecordOffset ?? -1) > chosen.endRecordOffset!)
}

function toContainerReading(candidate: ReadingCandidate, chosen: boolean) {
  const { format, offset, endRecordOffset } = candidate
  return endRecordOffset === undefined ? { format, offset, chosen } : { format, offset, endRecordOffset, chosen }
}

/** The reading of a file whose bytes are no container reprodiff recognises (detect.ts). */
const PLAIN_FILE: ReadingCandidate = { format: 'file', offset: 0 }

/** Outside bytes are hashed in slices of this size: no more than this is held at once. */
const OUTSIDE_CHUNK = 8 * 1024 * 1024

function newContext(name: string, fileSize: number, reading: ArtifactReading, options: ReadOptions, level: NestingLevel): ReadContext {
  return {
    depth: level.depth,
    nesting: level.totals,
    totalBase: level.totals.totalBytes,
    membersBase: level.totals.members,
    noteMemberBytes: collectCandidates(level),
    name,
    fileSize,
    limits: resolveLimits(options.limits),
    fields: reading.fields,
    members: reading.members,
    retained: reading.retained,
    anomalies: reading.anomalies,
    outsideBytes: [],
    retainMember: options.retainMember,
    totalBytes: level.totals.totalBytes,
    streamInflateThreshold: options.streamInflateThreshold ?? DEFAULT_STREAM_INFLATE_THRESHOLD,
    streamHashThreshold: options.streamHashThreshold ?? DEFAULT_STREAM_HASH_THRESHOLD,
    kernels: resolveKernels(options.kernels),
    signal: options.signal,
    onProgress: options.onProgress,
  }
}

/** A plain file's single member is the whole file: its SHA-256 is the file's (plain-file.ts). */
function adoptFileHash(reading: ArtifactReading): void {
  const [member] = reading.members
  if (reading.format === 'file' && member && !member.error && reading.sha256 !== null) member.sha256 = reading.sha256
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

/**
 * Re-reads one member's bytes for display; the archive must have been read by `readArtifact` first. A nested
 * member is found through its enclosing containers (`containerIndexes`, outermost first: the report side's field).
 */
export async function readMemberContent(source: ArtifactSource, reading: ArtifactReading, index: number, options: ReadOptions = {}, containerIndexes: number[] = []) {
  const readOne = (blob: Blob, level: ArtifactReading, at: number) => readOneMember(blob, level, at, options)
  const inner = await readNestedMemberBytes(source.blob, reading, containerIndexes, readOne)
  return readOne(inner.blob, inner.reading, index)
}

async function readOneMember(blob: Blob, reading: ArtifactReading, index: number, options: ReadOptions) {
  const member = reading.members[index]
  if (!member) throw new CoreFailure({ code: 'CORRUPT_STRUCTURE', message: `No member ${index} in ${reading.name}` })
  if (member.type !== 'file' && member.type !== 'symlink') return new Uint8Array(0)
  const reader = readerFor(reading.format)
  return reader.readMemberBytes(blob, member, reading.format!, options.streamInflateThreshold ?? DEFAULT_STREAM_INFLATE_THRESHOLD, resolveKernels(options.kernels))
}
