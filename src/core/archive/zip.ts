/**
 * Zip reader (wheels, zip sdists). Reads the end record and central directory from the file's tail,
 * then every member's local header and data through Blob slices, in file order, one member at a time:
 * inflate, check the CRC-32 and size the central directory declares, hash, and let the bytes go.
 */
import { CoreFailure, fail, toCoreError, type CoreError } from '../errors'
import type { Member, MemberType } from '../types'
import { readU16, readU32, toHex, type Bytes } from '../util/bytes'
import type { BlobReader } from '../util/blob-reader'
import { crc32 } from '../util/crc32'
import { sha256Hex } from '../util/hash'
import { inflateRaw } from './inflate'
import { recoverFromLocalHeaders } from './zip-recover'
import { digestZipMemberStreaming } from './zip-stream'
import { noteNameAnomalies } from './names'
import { addToTotal, checkMemberCount, checkMemberLimit, reportProgress, retainIfWanted, throwIfCancelled, type ReadContext } from './read-context'
import {
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  LOCAL_FILE_HEADER_SIGNATURE,
  LOCAL_HEADER_SIZE,
  MAX_END_SEARCH,
  applyZip64EndRecord,
  describeExtra,
  dosDateTimeToSeconds,
  parseCentralDirectory,
  parseEndRecord,
  readExtendedTimestamp,
  type CentralDirectoryEntry,
} from './zip-structure'

/** APPNOTE 4.4.5 compression methods, by name. */
const METHOD_NAMES: Record<number, string> = { 0: 'stored', 8: 'deflate', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd', 95: 'xz', 99: 'aes' }
/** Creator systems whose external attributes carry a Unix st_mode in the high 16 bits (APPNOTE 4.4.2). */
const UNIX_CREATORS = new Set([3, 19])
const S_IFMT = 0o170000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000

/** Digests in flight at once: Web Crypto hashes on its own thread, so inflating the next member overlaps it. */
const MAX_PENDING_DIGESTS = 64

export async function readZip(reader: BlobReader, context: ReadContext): Promise<void> {
  const entries = await readCentralDirectory(reader, context).catch(async (thrown) => {
    // No central directory (a cut download): list what the local headers still show, then report the cut.
    if (!(thrown instanceof CoreFailure) || thrown.error.code !== 'TRUNCATED') throw thrown
    await recoverFromLocalHeaders(reader, context, toMember, async (r, m, c) => {
      const digest = await readMemberInto(r, m, c)
      await digest
    })
    const listed = context.members.length
    throw new CoreFailure({ ...thrown.error, message: `${thrown.error.message}. ${listed} member${listed === 1 ? '' : 's'} before the cut ${listed === 1 ? 'is' : 'are'} listed from local headers, marked incomplete` })
  })
  context.members.push(...entries.map(toMember))
  entries.forEach((entry, i) => noteNameAnomalies(context.members[i], entry.encodingProblem))
  const inFileOrder = [...context.members].sort((a, b) => a.offset - b.offset)
  const digests: Promise<void>[] = []
  try {
    for (const member of inFileOrder) {
      throwIfCancelled(context)
      addToTotal(context, member.path, member.size)
      const digest = await readMemberInto(reader, member, context)
      if (digest) digests.push(digest)
      if (digests.length >= MAX_PENDING_DIGESTS) await Promise.all(digests.splice(0))
      reportProgress(context, member.offset)
    }
  } finally {
    // Even when reading stops, the members already read get their hashes, so they are not reported unread.
    await Promise.allSettled(digests)
  }
  context.fields['zip.centralDirectoryOrderIsLocalOrder'] = inFileOrder.every((member, i) => member.index === i)
  noteOverlaps(context, inFileOrder)
}

/** Bytes before the first local header or after the end record belong to no member (a stub, an appended payload). */
function noteOuterBytes(context: ReadContext, firstLocalHeader: number, recordEnd: number, size: number): void {
  if (firstLocalHeader > 0) {
    context.anomalies.push({ code: 'ARCHIVE_PREFIX_BYTES', message: `${firstLocalHeader} bytes come before the first zip entry (offsets 0 to ${firstLocalHeader - 1})`, offset: 0 })
  }
  if (recordEnd < size) {
    context.anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: `${size - recordEnd} bytes follow the zip end record (from offset ${recordEnd})`, offset: recordEnd })
  }
}

/** Two entries whose stored data overlap (or share one local header): readers disagree on what each holds. */
function noteOverlaps(context: ReadContext, inFileOrder: Member[]): void {
  let previous: Member | null = null
  for (const member of inFileOrder) {
    if (member.dataOffset === undefined) continue
    if (previous && previous.dataOffset !== undefined && member.offset < previous.dataOffset + Number(previous.meta.compressedSize)) {
      context.anomalies.push({
        code: 'OVERLAPPING_ENTRIES',
        message: `${member.path} (local header at ${member.offset}) overlaps ${previous.path} (data ${previous.dataOffset} to ${previous.dataOffset + Number(previous.meta.compressedSize)})`,
        offset: member.offset,
      })
    }
    previous = member
  }
}

async function readCentralDirectory(reader: BlobReader, context: ReadContext): Promise<CentralDirectoryEntry[]> {
  const tailStart = Math.max(0, reader.size - MAX_END_SEARCH)
  const end = parseEndRecord(await reader.read(tailStart, reader.size - tailStart), tailStart)
  if (end.zip64RecordOffset !== undefined) {
    const disagreeing = applyZip64EndRecord(end, await reader.read(end.zip64RecordOffset, 56), end.zip64RecordOffset)
    if (disagreeing.length) {
      context.anomalies.push({ code: 'ZIP64_INCONSISTENT', message: `The zip64 end record and the classic end record disagree on ${disagreeing.join(', ')}`, offset: end.zip64RecordOffset })
    }
  }
  // Bytes in front of the archive (a self-extractor stub) shift every stored offset (APPNOTE 4.3.6).
  const prefixBytes = end.zip64 ? 0 : end.recordOffset - end.centralDirectorySize - end.centralDirectoryOffset
  if (prefixBytes < 0) fail('CORRUPT_STRUCTURE', `The zip central directory (offset ${end.centralDirectoryOffset}, ${end.centralDirectorySize} bytes) overlaps its end record`)
  checkMemberCount(context, end.entriesTotal)
  const directoryOffset = end.centralDirectoryOffset + prefixBytes
  const directory = await reader.read(directoryOffset, end.centralDirectorySize)
  const entries = parseCentralDirectory(directory, end.entriesTotal, directoryOffset)
  for (const entry of entries) entry.localHeaderOffset += prefixBytes
  const firstLocalHeader = entries.length ? Math.min(...entries.map((entry) => entry.localHeaderOffset)) : prefixBytes
  noteOuterBytes(context, firstLocalHeader, end.recordEnd, reader.size)
  Object.assign(context.fields, {
    'zip.comment': end.comment,
    'zip.zip64': end.zip64,
    'zip.prefixBytes': prefixBytes,
    'zip.dataDescriptors': entries.filter((entry) => entry.flags & FLAG_DATA_DESCRIPTOR).length,
  })
  return entries
}

function toMember(entry: CentralDirectoryEntry): Member {
  const creatorSystem = entry.versionMadeBy >> 8
  const mode = UNIX_CREATORS.has(creatorSystem) ? (entry.externalAttributes >>> 16) & 0xffff : null
  const extendedMtime = readExtendedTimestamp(entry.extra)
  return {
    index: entry.index,
    path: entry.name,
    nameHex: toHex(entry.nameBytes),
    type: memberType(entry.name, mode),
    size: entry.uncompressedSize,
    sha256: null,
    offset: entry.localHeaderOffset,
    meta: {
      mtime: dosDateTimeToSeconds(entry.lastModDate, entry.lastModTime),
      ...(extendedMtime === null ? {} : { extendedMtime }),
      mode,
      dosAttributes: entry.externalAttributes & 0xff,
      creatorSystem,
      creatorVersion: entry.versionMadeBy & 0xff,
      extractVersion: entry.versionNeeded,
      flags: entry.flags,
      compression: METHOD_NAMES[entry.compressionMethod] ?? `method ${entry.compressionMethod}`,
      compressedSize: entry.compressedSize,
      crc32: entry.crc32.toString(16).padStart(8, '0'),
      extra: describeExtra(entry.extra),
      comment: entry.comment,
      internalAttributes: entry.internalAttributes,
    },
  }
}

function memberType(name: string, mode: number | null): MemberType {
  if (name.endsWith('/') || (mode !== null && (mode & S_IFMT) === S_IFDIR)) return 'dir'
  if (mode !== null && (mode & S_IFMT) === S_IFLNK) return 'symlink'
  return 'file'
}

/**
 * Reads and checks one member and starts hashing it (the returned promise sets `sha256`); a failure becomes
 * that member's error and the others go on.
 */
async function readMemberInto(reader: BlobReader, member: Member, context: ReadContext): Promise<Promise<void> | null> {
  try {
    if (member.type === 'dir') {
      await readLocalHeader(reader, member)
      return null
    }
    checkMemberLimit(context, member.path, member.size, Number(member.meta.compressedSize))
    if (member.size >= context.streamHashThreshold) {
      await readLargeMember(reader, member, context)
      return null
    }
    const bytes = await readZipMemberBytes(reader, member, context.streamInflateThreshold)
    retainIfWanted(context, member, bytes)
    if (member.type === 'symlink') member.linkTarget = new TextDecoder().decode(bytes)
    const crcError = checkCrc(member, bytes)
    if (crcError) member.error = crcError
    // The hash is of the bytes as stored, so a CRC mismatch still compares; the mismatch itself is the member's error.
    return sha256Hex(bytes).then((sha256) => {
      member.sha256 = sha256
    })
  } catch (thrown) {
    const error = toCoreError(thrown)
    if (error.code === 'CANCELLED' || error.code === 'READ_FAILED') throw thrown
    member.error = { ...error, path: member.path }
    return null
  }
}

/** Local file header (APPNOTE 4.3.7): returns where the member's data starts, and records its extra field. */
async function readLocalHeader(reader: BlobReader, member: Member): Promise<number> {
  const header = await reader.read(member.offset, LOCAL_HEADER_SIZE)
  if (readU32(header, 0) !== LOCAL_FILE_HEADER_SIGNATURE) {
    fail('CORRUPT_STRUCTURE', `No local file header at offset ${member.offset} for ${member.path}`, { offset: member.offset, path: member.path })
  }
  const nameLength = readU16(header, 26)
  const extraLength = readU16(header, 28)
  const name = await reader.read(member.offset + LOCAL_HEADER_SIZE, nameLength)
  const extra = await reader.read(member.offset + LOCAL_HEADER_SIZE + nameLength, extraLength)
  member.meta.localExtra = describeExtra(extra)
  noteHeaderMismatch(member, header, name)
  member.dataOffset = member.offset + LOCAL_HEADER_SIZE + nameLength + extraLength
  return member.dataOffset
}

/**
 * The local header repeats fields of the central directory (APPNOTE 4.3.7 vs 4.3.12). Readers that trust
 * one or the other see different archives, so any disagreement is recorded (a parser-differential risk).
 * With a data descriptor (flag bit 3) the local CRC and sizes may legitimately be zero.
 */
function noteHeaderMismatch(member: Member, header: Bytes, nameBytes: Bytes): void {
  if (member.anomalies?.some((anomaly) => anomaly.code === 'ZIP_HEADER_MISMATCH')) return
  const descriptor = Number(member.meta.flags) & FLAG_DATA_DESCRIPTOR
  const checks: [string, number | string, number | string][] = [
    ['version needed', readU16(header, 4), Number(member.meta.extractVersion)],
    ['flags', readU16(header, 6), Number(member.meta.flags)],
    ['name', toHex(nameBytes), member.nameHex ?? ''],
    ['compression method', METHOD_NAMES[readU16(header, 8)] ?? `method ${readU16(header, 8)}`, String(member.meta.compression)],
    ['modification time', dosDateTimeToSeconds(readU16(header, 12), readU16(header, 10)), Number(member.meta.mtime)],
  ]
  if (!descriptor) {
    checks.push(['CRC-32', readU32(header, 14).toString(16).padStart(8, '0'), String(member.meta.crc32)])
    checks.push(['compressed size', readU32(header, 18), Number(member.meta.compressedSize)])
  }
  const differing = checks.filter(([, local, central]) => central !== undefined && local !== central).map(([field]) => field)
  if (differing.length === 0) return
  member.anomalies = [...(member.anomalies ?? []), {
    code: 'ZIP_HEADER_MISMATCH',
    message: `The local header at offset ${member.offset} disagrees with the central directory on ${differing.join(', ')}`,
  }]
}

/** The member's data exactly as stored (compressed), for telling how it was compressed. */
export async function readZipMemberStored(reader: BlobReader, member: Member): Promise<Bytes> {
  const dataOffset = await readLocalHeader(reader, member)
  return reader.read(dataOffset, Number(member.meta.compressedSize))
}

/** The member's uncompressed bytes, verified against the declared size (the CRC is checked by the caller). */
export async function readZipMemberBytes(reader: BlobReader, member: Member, streamInflateThreshold: number): Promise<Bytes> {
  const dataOffset = await readLocalHeader(reader, member)
  const flags = Number(member.meta.flags)
  if (flags & FLAG_ENCRYPTED) fail('UNSUPPORTED_METHOD', `${member.path} is encrypted`, { path: member.path })
  const compressed = await reader.read(dataOffset, Number(member.meta.compressedSize))
  const bytes = await decompress(compressed, member, streamInflateThreshold)
  if (bytes.length !== member.size) {
    fail('CORRUPT_STRUCTURE', `${member.path} inflates to ${bytes.length > member.size ? 'more than' : bytes.length} bytes, but the central directory declares ${member.size}`, {
      path: member.path,
      offset: dataOffset,
    })
  }
  return bytes
}

/** A member too large to hold: hashed while it inflates (zip-stream.ts), then checked like the others. */
async function readLargeMember(reader: BlobReader, member: Member, context: ReadContext): Promise<void> {
  const dataOffset = await readLocalHeader(reader, member)
  if (Number(member.meta.flags) & FLAG_ENCRYPTED) fail('UNSUPPORTED_METHOD', `${member.path} is encrypted`, { path: member.path })
  const digest = await digestZipMemberStreaming(reader, member, dataOffset, () => throwIfCancelled(context))
  if (digest.size !== member.size) {
    fail('CORRUPT_STRUCTURE', `${member.path} inflates to ${digest.size} bytes, but the central directory declares ${member.size}`, { path: member.path, offset: dataOffset })
  }
  member.sha256 = digest.sha256
  if (digest.crc32 !== member.meta.crc32) {
    member.error = { code: 'CRC_MISMATCH', message: `${member.path}: CRC-32 of the data is ${digest.crc32}, the central directory declares ${member.meta.crc32}`, path: member.path, offset: member.offset }
  }
}

/** APPNOTE 4.4.7: the CRC-32 of the uncompressed data must equal the declared one. */
function checkCrc(member: Member, bytes: Bytes): CoreError | null {
  const actual = crc32(bytes).toString(16).padStart(8, '0')
  if (actual === member.meta.crc32) return null
  return {
    code: 'CRC_MISMATCH',
    message: `${member.path}: CRC-32 of the data is ${actual}, the central directory declares ${member.meta.crc32}`,
    path: member.path,
    offset: member.offset,
  }
}

async function decompress(compressed: Bytes, member: Member, streamInflateThreshold: number): Promise<Bytes> {
  if (member.meta.compression === 'stored') return compressed.slice()
  if (member.meta.compression === 'deflate') {
    try {
      return await inflateRaw(compressed, member.size, streamInflateThreshold)
    } catch (thrown) {
      if (thrown instanceof CoreFailure) throw new CoreFailure({ ...thrown.error, path: member.path, message: `${member.path}: ${thrown.error.message}` })
      throw thrown
    }
  }
  return fail('UNSUPPORTED_METHOD', `${member.path} uses compression ${member.meta.compression}, which reprodiff cannot read`, { path: member.path })
}

