/**
 * Data of the tar members that are not plain files: sparse members hashed as the file an extractor writes
 * (tar-sparse.ts), and data declared by a header type that POSIX says has none.
 */
import { CoreFailure, toCoreError } from '../errors'
import type { Member } from '../types'
import type { StreamReader } from '../util/stream-reader'
import { tarHeaderChecksum } from './detect'
import { addToTotal, checkMemberLimit, memberHeadNoter, retainIfWanted, throwIfCancelled, type ReadContext } from './read-context'
import { TAR_BLOCK_SIZE, type PaxRecord, type TarHeader } from './tar-header'
import { expandSparse, readSparseMap, sparseFormatOf, SparseMapError, type SparseMap } from './tar-sparse'

/** Sparse members up to this real size are expanded in memory (hashed whole, retained if wanted); larger ones stream. */
const SPARSE_IN_MEMORY = 1024 * 1024

const padding = (size: number) => (TAR_BLOCK_SIZE - (size % TAR_BLOCK_SIZE)) % TAR_BLOCK_SIZE

/**
 * Reads a sparse member (returns false when the member is not sparse). Its `size` becomes the real size,
 * which the member and total limits are applied to; an unreadable map leaves it unread with the problem.
 */
export async function hashSparseMember(
  stream: StreamReader, member: Member, header: TarHeader, records: PaxRecord[], pax: Map<string, PaxRecord>, headerOffset: number, context: ReadContext,
): Promise<boolean> {
  const storedSize = member.size
  let consumed = 0
  let map: SparseMap
  try {
    const format = sparseFormatOf(header, pax, headerOffset)
    if (!format) return false
    map = await readSparseMap(stream, format, header, records, pax, storedSize, headerOffset, (bytes) => (consumed += bytes))
  } catch (thrown) {
    if (!(thrown instanceof SparseMapError)) throw thrown
    member.error = { ...thrown.error, message: `${member.path}: ${thrown.error.message}`, path: member.path }
    await stream.skip(storedSize - consumed + padding(storedSize), `the data of ${member.path}`)
    return true
  }
  member.dataOffset = stream.position - consumed
  member.size = map.realSize
  try {
    checkMemberLimit(context, member.path, map.realSize)
  } catch (thrown) {
    member.error = toCoreError(thrown)
    await stream.skip(storedSize - consumed + padding(storedSize), `the data of ${member.path}`)
    return true
  }
  addToTotal(context, member.path, map.realSize)
  await hashExpanded(stream, member, map, context)
  await stream.skip(padding(storedSize), `the data of ${member.path}`)
  return true
}

async function hashExpanded(stream: StreamReader, member: Member, map: SparseMap, context: ReadContext): Promise<void> {
  const what = `the data of ${member.path}`
  if (map.realSize <= SPARSE_IN_MEMORY) {
    const bytes = await expandToBytes(stream, map, what)
    member.sha256 = await context.kernels.sha256(bytes)
    retainIfWanted(context, member, bytes)
    return
  }
  const hash = context.kernels.createSha256()
  const head = memberHeadNoter(context, member)
  await expandSparse(stream, map, what, (chunk) => {
    throwIfCancelled(context)
    head.update(chunk)
    hash.update(chunk)
  })
  head.finish()
  member.sha256 = hash.digestHex()
}

async function expandToBytes(stream: StreamReader, map: SparseMap, what: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(map.realSize)
  let at = 0
  await expandSparse(stream, map, what, (chunk) => {
    bytes.set(chunk, at)
    at += chunk.length
  })
  return bytes
}

/** The expanded bytes of a sparse member whose header was just read again (for showing its content). */
export async function readSparseBytes(
  stream: StreamReader, member: Member, header: TarHeader, records: PaxRecord[], pax: Map<string, PaxRecord>, headerOffset: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const format = sparseFormatOf(header, pax, headerOffset)
  if (!format) throw new CoreFailure({ code: 'CORRUPT_STRUCTURE', message: `${member.path} is no longer a sparse member when read again`, path: member.path })
  const storedSize = pax.has('size') ? Number(pax.get('size')!.value) : header.size
  const map = await readSparseMap(stream, format, header, records, pax, storedSize, headerOffset, () => undefined)
  return expandToBytes(stream, map, `the data of ${member.path}`)
}

/**
 * A link, device, FIFO or directory header that declares data. POSIX says none follows; GNU tar 1.34 reads
 * the next header right after hard links and directories, CPython's tarfile after every one of these types
 * (checked with both on built archives), while GNU tar skips the declared size after symlinks, devices and
 * FIFOs, as this reader does for all. So the bytes are where the extractors disagree: they are hashed into
 * the member (a difference in them shows) and flagged, with a word when they hold a valid tar header.
 */
export async function flagNonFileData(stream: StreamReader, member: Member, headerOffset: number, context: ReadContext): Promise<void> {
  const head = await stream.peek(TAR_BLOCK_SIZE)
  const hidesHeader = head.length === TAR_BLOCK_SIZE && looksLikeTarHeader(head)
  context.anomalies.push({
    code: 'TAR_NON_FILE_DATA',
    message: `${member.path} (typeflag ${String(member.meta.typeflag)}, header at offset ${headerOffset}) declares ${member.size} bytes of data, which POSIX says this type has none of: CPython's tarfile (and GNU tar, for hard links and directories) reads the next header there instead of skipping them${hidesHeader ? `; they start with a valid tar header (at offset ${stream.position}), a member those extractors would write` : ''}`,
    offset: stream.position,
  })
}

function looksLikeTarHeader(block: Uint8Array): boolean {
  const field = String.fromCharCode(...block.subarray(148, 156)).replace(/[\0 ]+$/, '').trim()
  return /^[0-7]+$/.test(field) && parseInt(field, 8) === tarHeaderChecksum(block)
}
