/**
 * Zip reader (wheels, zip sdists). Reads the end record and central directory from the file's tail
 * (zip-directory.ts); then, before inflating anything, every entry's local records and the archive's
 * layout (zip-check.ts: header disagreements, uncovered bytes, overlaps, overlap bombs); then every
 * member's data through Blob slices, in file order, one member at a time: inflate, check the CRC-32 and
 * size the central directory declares, hash, and let the bytes go.
 */
import { CoreFailure, fail, toCoreError, type CoreError } from '../errors'
import type { Member, MemberType } from '../types'
import { concatBytes, toHex, type Bytes } from '../util/bytes'
import type { BlobReader } from '../util/blob-reader'
import { DEFAULT_KERNELS, type Kernels } from '../kernels'
import { inflateRaw } from './inflate'
import { recoverFromLocalHeaders } from './zip-recover'
import { checkZipLayout } from './zip-check'
import { readCentralDirectory } from './zip-directory'
import { readLocalFileHeader } from './zip-local'
import { digestZipMemberStreaming } from './zip-stream'
import { dataWords, decodeZipMember, streamOf, zipMethodFor } from './zip-methods'
import { noteNameAnomalies } from './names'
import { recordChunkDigests, wantsChunkDigests } from './chunk-digests'
import { addToTotal, checkMemberLimit, memberHeadNoter, reportProgress, retainIfWanted, throwIfCancelled, type ReadContext } from './read-context'
import { FLAG_ENCRYPTED, describeExtra, dosDateTimeToSeconds, methodName, readExtendedTimestamp, type CentralDirectoryEntry } from './zip-structure'

/** Creator systems whose external attributes carry a Unix st_mode in the high 16 bits (APPNOTE 4.4.2). */
const UNIX_CREATORS = new Set([3, 19])
const S_IFMT = 0o170000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000

/** Digests in flight at once: Web Crypto hashes on its own thread, so inflating the next member overlaps it. */
const MAX_PENDING_DIGESTS = 64

export async function readZip(reader: BlobReader, context: ReadContext): Promise<void> {
  const directory = await readCentralDirectory(reader, context).catch(async (thrown) => {
    // No central directory (a cut download): list what the local headers still show, then report the cut.
    if (!(thrown instanceof CoreFailure) || thrown.error.code !== 'TRUNCATED') throw thrown
    await recoverFromLocalHeaders(reader, context, toMember, async (r, m, c) => {
      const digest = await readMemberInto(r, m, c)
      await digest
    })
    const listed = context.members.length
    throw new CoreFailure({ ...thrown.error, message: `${thrown.error.message}. ${listed} member${listed === 1 ? '' : 's'} before the cut ${listed === 1 ? 'is' : 'are'} listed from local headers, marked incomplete` })
  })
  // One push per member: spreading 100,000+ members into one call overflows the stack.
  for (const entry of directory.entries) {
    const member = toMember(entry)
    context.members.push(member)
    noteNameAnomalies(member, entry.encodingProblem)
  }
  const inFileOrder = context.members.slice().sort((a, b) => a.offset - b.offset)
  // Before anything is inflated: local records against the central directory, gaps, overlaps, overlap bombs.
  await checkZipLayout(reader.blob, context, inFileOrder, directory.structures, directory.recordOffset)
  await readInFileOrder(reader, context, inFileOrder)
  context.fields['zip.centralDirectoryOrderIsLocalOrder'] = inFileOrder.every((member, i) => member.index === i)
}

/** Reads, checks and hashes every member not already refused, one at a time, in file order. */
async function readInFileOrder(reader: BlobReader, context: ReadContext, inFileOrder: Member[]): Promise<void> {
  const digests: Promise<void>[] = []
  try {
    for (const member of inFileOrder) {
      throwIfCancelled(context)
      if (member.error) continue
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
      compression: methodName(entry.compressionMethod),
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
      await firstDataOffset(reader, member)
      return null
    }
    checkMemberLimit(context, member.path, member.size, Number(member.meta.compressedSize))
    if (member.size >= context.streamHashThreshold) {
      await readLargeMember(reader, member, context)
      return null
    }
    const { kernels } = context
    const bytes = await readZipMemberBytes(reader, member, context.streamInflateThreshold, kernels, await firstDataOffset(reader, member))
    retainIfWanted(context, member, bytes)
    if (member.type === 'symlink') member.linkTarget = new TextDecoder().decode(bytes)
    const crcError = checkCrc(member, bytes, kernels)
    if (crcError) member.error = crcError
    // The hash is of the bytes as stored, so a CRC mismatch still compares; the mismatch itself is the member's error.
    // Chunk digests only where the hex view cannot slice the bytes from the file (member-range.ts).
    const chunks = member.meta.compression === 'stored' || !wantsChunkDigests(bytes.length) ? null : recordChunkDigests(member, bytes, kernels)
    const sha256 = kernels.sha256(bytes)
    // A synchronous kernel (Node's, or the default's for small members) needs no promise per member.
    if (typeof sha256 === 'string' && chunks === null) {
      member.sha256 = sha256
      return null
    }
    return Promise.all([sha256, chunks]).then(([digest]) => {
      member.sha256 = digest
    })
  } catch (thrown) {
    const error = toCoreError(thrown)
    if (error.code === 'CANCELLED' || error.code === 'READ_FAILED') throw thrown
    member.error = { ...error, path: member.path }
    return null
  }
}

/**
 * Where the member's data starts, from its local header (APPNOTE 4.3.7), read again each time so a
 * re-read never trusts a stale offset. The header's disagreements with the central directory are
 * recorded once, by the layout pass (zip-check.ts); a zip listed from its local headers records its extra here.
 */
async function locateData(reader: BlobReader, member: Member): Promise<number> {
  const local = await readLocalFileHeader(reader, member.offset, member.path)
  member.dataOffset = local.dataOffset
  member.meta.localExtra ??= describeExtra(local.extra)
  return local.dataOffset
}

/**
 * Where the data starts on the first read: the layout pass (zip-check.ts) has just parsed this local header from
 * the same file and set `dataOffset` and `localExtra`, so it is not parsed a second time (a member whose header
 * failed there carries an error and is not read). Later re-reads go through `locateData`.
 */
async function firstDataOffset(reader: BlobReader, member: Member): Promise<number> {
  if (member.dataOffset !== undefined && member.meta.localExtra !== undefined) return member.dataOffset
  return locateData(reader, member)
}

/** The member's data exactly as stored (compressed), for telling how it was compressed. */
export async function readZipMemberStored(reader: BlobReader, member: Member): Promise<Bytes> {
  const dataOffset = await locateData(reader, member)
  return reader.read(dataOffset, Number(member.meta.compressedSize))
}

const count = (value: number) => value.toLocaleString('en-US')

/** The member's uncompressed bytes, verified against the declared size (the CRC is checked by the caller). */
export async function readZipMemberBytes(
  reader: BlobReader, member: Member, streamInflateThreshold: number, kernels: Kernels = DEFAULT_KERNELS, knownDataOffset?: number,
): Promise<Bytes> {
  const dataOffset = knownDataOffset ?? await locateData(reader, member)
  const flags = Number(member.meta.flags)
  if (flags & FLAG_ENCRYPTED) fail('UNSUPPORTED_METHOD', `${member.path} is encrypted`, { path: member.path })
  const compressed = await reader.read(dataOffset, Number(member.meta.compressedSize))
  const bytes = await decompress(compressed, member, streamInflateThreshold, kernels)
  if (bytes.length !== member.size) {
    const found = member.meta.compression === 'stored' ? `it stores ${count(bytes.length)}` : `${dataWords(member)} ${member.meta.compression === 'deflate' ? 'inflates' : 'decompresses'} to ${count(bytes.length)}`
    fail('CORRUPT_STRUCTURE', `${member.path}: the central directory declares ${count(member.size)} bytes, but ${found}`, { path: member.path, offset: dataOffset })
  }
  return bytes
}

/** A member too large to hold: hashed while it inflates (zip-stream.ts), then checked like the others. */
async function readLargeMember(reader: BlobReader, member: Member, context: ReadContext): Promise<void> {
  const dataOffset = await firstDataOffset(reader, member)
  if (Number(member.meta.flags) & FLAG_ENCRYPTED) fail('UNSUPPORTED_METHOD', `${member.path} is encrypted`, { path: member.path })
  const head = memberHeadNoter(context, member)
  const digest = await digestZipMemberStreaming(reader, member, dataOffset, context.kernels, () => throwIfCancelled(context), head.update)
  head.finish()
  if (digest.size !== member.size) {
    fail('CORRUPT_STRUCTURE', `${member.path}: the central directory declares ${count(member.size)} bytes, but ${dataWords(member)} ${member.meta.compression === 'stored' ? 'holds' : member.meta.compression === 'deflate' ? 'inflates to' : 'decompresses to'} ${count(digest.size)}`, { path: member.path, offset: dataOffset })
  }
  member.sha256 = digest.sha256
  if (digest.chunkSha256) member.chunkSha256 = digest.chunkSha256
  if (digest.crc32 !== member.meta.crc32) {
    member.error = { code: 'CRC_MISMATCH', message: `${member.path}: CRC-32 of the data is ${digest.crc32}, the central directory declares ${member.meta.crc32}`, path: member.path, offset: member.offset }
  }
}

/** APPNOTE 4.4.7: the CRC-32 of the uncompressed data must equal the declared one. */
function checkCrc(member: Member, bytes: Bytes, kernels: Kernels): CoreError | null {
  const actual = kernels.crc32(bytes, 0).toString(16).padStart(8, '0')
  if (actual === member.meta.crc32) return null
  return {
    code: 'CRC_MISMATCH',
    message: `${member.path}: CRC-32 of the data is ${actual}, the central directory declares ${member.meta.crc32}`,
    path: member.path,
    offset: member.offset,
  }
}

async function decompress(compressed: Bytes, member: Member, streamInflateThreshold: number, kernels: Kernels): Promise<Bytes> {
  if (member.meta.compression === 'stored') return compressed.slice()
  if (member.meta.compression === 'deflate') {
    try {
      return await inflateRaw(compressed, member.size, streamInflateThreshold, kernels)
    } catch (thrown) {
      if (thrown instanceof CoreFailure) throw new CoreFailure({ ...thrown.error, path: member.path, message: `${member.path}: ${thrown.error.message}` })
      throw thrown
    }
  }
  // bzip2, LZMA, Zstandard, xz (zip-methods.ts); anything else is UNSUPPORTED_METHOD and the member stays unread.
  const method = zipMethodFor(member)
  const parts: Uint8Array[] = []
  let total = 0
  await decodeZipMember(method, member, streamOf(compressed), (chunk) => {
    parts.push(chunk)
    total += chunk.length
  })
  return concatBytes(parts, total)
}
