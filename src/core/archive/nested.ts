/**
 * Archives inside archives (a wheel inside an npm tarball, a tar.gz inside a zip): a member whose bytes start
 * like a container we read is read again as an artefact of its own, through the same registry
 * (`findContainerReadings`, `readerFor`), up to `maxDepth` levels. The recursion is bounded by that limit, not
 * by the input: a zip that contains itself stops there. Members are opened one at a time, so no more than one
 * nested container's bytes per level are held at once; the size, total and count limits count every level
 * together (read-context.ts `NestingTotals`). A container too large to hold (at or above `streamHashThreshold`,
 * hashed in chunks) is not opened, and its reading says so: it is never compared by its hash without a word.
 */
import { CoreFailure, fail } from '../errors'
import type { ArtifactReading, Limits, Member, ReadOptions } from '../types'
import { resolveKernels } from '../kernels'
import type { Bytes } from '../util/bytes'
import { BytesBlob } from '../util/bytes-blob'
import { detectFormat, isUnreadFormat, type DetectedFormat } from './detect'
import type { NestingTotals } from './read-context'
import { readerFor } from './readers'

/** Where one reading sits among the levels, and what it found while reading. */
export interface NestingLevel {
  depth: number
  totals: NestingTotals
  /** Members whose first bytes are a container we read, in listing order (filled while reading). */
  candidates: { index: number; format: DetectedFormat }[]
}

export interface NestedSource {
  name: string
  blob: Blob
}

/** Reads one level (read-artifact.ts `readLevel`); passed in so this file needs no import cycle. */
export type ReadLevel = (source: NestedSource, options: ReadOptions, level: NestingLevel, sha256: string) => Promise<ArtifactReading>

/** Compressors of one file: their payload is named after the member without this suffix. */
const COMPRESSOR_SUFFIX = /\.(gz|xz|bz2|zst|zstd)$/i
/** Readings that hold one compressed file (the xz, bzip2 and zstd readers report these formats too). */
export const SINGLE_FILE_READINGS: ReadonlySet<string | null> = new Set(['gzip', 'xz', 'bzip2', 'zstd'])

const HEAD_BYTES = 512

export function newNestingLevel(depth: number, totals: NestingTotals): NestingLevel {
  return { depth, totals, candidates: [] }
}

/** The `noteMemberBytes` hook of a level: keeps the members that start like a container we read. */
export function collectCandidates(level: NestingLevel): (member: Member, bytes: Bytes) => void {
  return (member, bytes) => {
    if (member.type !== 'file' || bytes.length === 0) return
    const format = detectFormat(bytes.subarray(0, HEAD_BYTES))
    if (format !== null && !isUnreadFormat(format)) level.candidates.push({ index: member.index, format })
  }
}

/** The last component of a member path: the name its reading is known by (and the one reading-choice looks at). */
export function nestedName(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || 'member'
}

/**
 * Opens every container member of `reading` whose bytes were read and hashed, but those in `sameBytes` (the
 * members that pair with the same bytes on the other side: their reading says so, `sameBytesReading`). Past
 * `maxDepth` each one gets a reading that says so (`depthLimited`, a LIMIT_EXCEEDED error naming the limit): its
 * container is then compared by its hash. A failure re-reading the outer stream leaves the containers not yet
 * opened unread. Called again (with fewer `sameBytes`), it opens only what it left closed.
 */
export async function readNestedMembers(
  blob: Blob, reading: ArtifactReading, options: ReadOptions, limits: Limits, level: NestingLevel, readLevel: ReadLevel, sameBytes: ReadonlySet<number> = NONE,
): Promise<void> {
  await findSinglePayloadCandidate(blob, reading, level, options)
  // Not opened yet: never looked at, or left closed for its same bytes by an earlier call.
  const notYetOpen = (index: number) => reading.nested?.[index] === undefined || reading.nested[index].notOpened === 'same-bytes'
  const found = level.candidates.filter(({ index }) => {
    const member = reading.members[index]
    return member && member.sha256 !== null && !member.error && notYetOpen(index) && !(sameBytes.has(index) && reading.nested?.[index])
  })
  if (found.length === 0 || reading.format === null) return
  const nested: Record<number, ArtifactReading> = (reading.nested ??= {})
  const childDepth = level.depth + 1
  if (childDepth > limits.maxDepth) {
    for (const { index } of found) nested[index] = depthLimitedReading(reading.members[index], childDepth, limits.maxDepth)
    return
  }
  // Too large to hold, so too large to open (the readers hashed it in chunks): named, and compared by its hash.
  const threshold = options.streamHashThreshold ?? DEFAULT_STREAM_HASH_THRESHOLD
  for (const { index, format } of found) {
    const member = reading.members[index]
    if (member.size >= threshold) nested[index] = tooLargeReading(member, format, childDepth, threshold)
    else if (sameBytes.has(index)) nested[index] = sameBytesReading(member, childDepth)
  }
  const members = found.filter(({ index }) => notYetOpen(index) && !sameBytes.has(index)).map(({ index }) => reading.members[index])
  if (members.length === 0) return
  const child = newNestingLevel(childDepth, level.totals)
  const kernels = resolveKernels(options.kernels)
  try {
    await readerFor(reading.format).readMembersBytes(blob, members, reading.format, async (member, bytes) => {
      if (options.signal?.aborted) fail('CANCELLED', 'Comparison cancelled')
      child.candidates = []
      nested[member.index] = await openMember(member, bytes, options, child, readLevel)
      // A cancel inside a nested level cancels the whole reading, not just that container.
      if (nested[member.index].error?.code === 'CANCELLED') fail('CANCELLED', 'Comparison cancelled')
    }, kernels)
  } catch (thrown) {
    if (thrown instanceof CoreFailure && thrown.error.code === 'CANCELLED') throw thrown
    for (const member of members) {
      if (notYetOpen(member.index)) nested[member.index] = notOpened(member, childDepth, `${member.path} could not be read again to open it (${thrown instanceof Error ? thrown.message : String(thrown)})`)
    }
  }
}

const NONE: ReadonlySet<number> = new Set()

/**
 * The compressor readers hash a single compressed file's payload without showing its bytes to `noteMemberBytes`;
 * a payload that is an archive (`x.whl.gz`) is found from its head, decoded once more: the single-payload readers
 * hand on `size` bytes from the start of the stream (readers.ts, decompressors.ts), so a copy of the member with
 * the head's size reads only the head, whatever the payload's size.
 */
async function findSinglePayloadCandidate(blob: Blob, reading: ArtifactReading, level: NestingLevel, options: ReadOptions): Promise<void> {
  const payload = reading.members[0]
  if (!SINGLE_FILE_READINGS.has(reading.format) || reading.members.length !== 1 || level.candidates.length > 0) return
  if (!payload || payload.sha256 === null || payload.error || payload.size === 0) return
  const note = collectCandidates(level)
  const head: Member = { ...payload, size: Math.min(payload.size, HEAD_BYTES) }
  try {
    await readerFor(reading.format).readMembersBytes(blob, [head], reading.format!, async (_member, bytes) => note(payload, bytes), resolveKernels(options.kernels))
  } catch {
    // It was read once already; failing now only means it is not opened (compared by its hash as before).
  }
}

/** read-artifact.ts `DEFAULT_STREAM_HASH_THRESHOLD`: members this large are hashed in chunks, never held whole. */
const DEFAULT_STREAM_HASH_THRESHOLD = 256 * 1024 * 1024

async function openMember(member: Member, bytes: Bytes, options: ReadOptions, level: NestingLevel, readLevel: ReadLevel): Promise<ArtifactReading> {
  // The bytes compared are the bytes opened: a file that changed under us is not read as if it had not.
  if ((await resolveKernels(options.kernels).sha256(bytes)) !== member.sha256) {
    return notOpened(member, level.depth, `${member.path} read back with another SHA-256 than when it was hashed: the file changed while it was read`)
  }
  const name = nestedName(member.path)
  const reading = await readLevel({ name, blob: new BytesBlob(bytes) }, { ...options, onProgress: undefined }, level, member.sha256!)
  nameSinglePayload(reading, name)
  return reading
}

/** The single payload of a compressed member is named after it without the compressor's suffix (`data.json.gz!/data.json`). */
function nameSinglePayload(reading: ArtifactReading, name: string): void {
  if (!SINGLE_FILE_READINGS.has(reading.format) || reading.members.length !== 1) return
  const payload = reading.members[0]
  payload.path = name.replace(COMPRESSOR_SUFFIX, '') || 'content'
  // The stored FNAME stays an archive field (`gzip.fname`); the member's name is now the container's.
  delete payload.nameHex
}

function emptyReading(member: Member, depth: number): ArtifactReading {
  return { name: nestedName(member.path), size: member.size, sha256: member.sha256, format: null, fields: {}, members: [], retained: {}, anomalies: [], depth }
}

/**
 * A container whose bytes are the same as its counterpart's on the other side (compare/same-bytes.ts): not
 * opened, since the same bytes hold the same members. It has no error: nothing was left unknown that the bytes
 * did not settle. The report says it was not opened (`notOpenedInside`).
 */
function sameBytesReading(member: Member, depth: number): ArtifactReading {
  return { ...emptyReading(member, depth), notOpened: 'same-bytes' }
}

function depthLimitedReading(member: Member, depth: number, maxDepth: number): ArtifactReading {
  return {
    ...emptyReading(member, depth),
    depthLimited: true,
    error: {
      code: 'LIMIT_EXCEEDED',
      message: `${member.path} is an archive at nesting depth ${depth}, past the depth limit (maxDepth ${maxDepth}): not opened, compared by its SHA-256`,
      path: member.path,
    },
  }
}

/**
 * A container at or above `streamHashThreshold`: opening it would hold all its bytes at once, which chunked hashing
 * is there to avoid. Like a depth-limited one, it is compared by its SHA-256 (its bytes were read), and its
 * LIMIT_EXCEEDED error says that what is inside was not compared (the `limit-exceeded` finding names it).
 */
function tooLargeReading(member: Member, format: DetectedFormat, depth: number, threshold: number): ArtifactReading {
  const count = (value: number) => value.toLocaleString('en-US')
  return {
    ...emptyReading(member, depth),
    depthLimited: true,
    error: {
      code: 'LIMIT_EXCEEDED',
      message: `${member.path} is an archive (${format}) of ${count(member.size)} bytes, at or above the ${count(threshold)} bytes from which members are hashed in chunks (streamHashThreshold): not opened, so what is inside was not compared, only its SHA-256`,
      path: member.path,
    },
  }
}

function notOpened(member: Member, depth: number, message: string): ArtifactReading {
  return { ...emptyReading(member, depth), error: { code: 'READ_FAILED', message, path: member.path } }
}

/**
 * The bytes of a nested member: each enclosing container is re-read from the one around it, outermost first
 * (`containerIndexes`), one level at a time, then the member from the innermost one.
 */
export async function readNestedMemberBytes(
  blob: Blob, reading: ArtifactReading, containerIndexes: number[], readOne: (blob: Blob, reading: ArtifactReading, index: number) => Promise<Bytes>,
): Promise<{ blob: Blob; reading: ArtifactReading }> {
  let current = { blob, reading }
  for (const index of containerIndexes) {
    const inner = current.reading.nested?.[index]
    if (!inner || inner.depthLimited) fail('CORRUPT_STRUCTURE', `Member ${index} of ${current.reading.name} was not read as an archive`)
    current = { blob: new BytesBlob(await readOne(current.blob, current.reading, index)), reading: inner }
  }
  return current
}
