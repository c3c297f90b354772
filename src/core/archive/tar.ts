/**
 * Streaming tar reader: headers are parsed as the (possibly inflated) stream goes by, each member's data
 * is read, hashed and dropped before the next, so memory holds one member at a time. Handles ustar,
 * pax (x, X and g records, read strictly: tar-pax.ts), GNU long names and links (L, K), GNU sparse files
 * (tar-sparse.ts) and every typeflag as GNU tar and CPython's tarfile extract it (tar-entry.ts).
 */
import { fail, toCoreError } from '../errors'
import type { Member } from '../types'
import type { StreamReader } from '../util/stream-reader'
import { decodeName } from '../util/text'
import { noteNameAnomalies } from './names'
import { addToTotal, checkMemberCount, checkMemberLimit, checkStreamRatio, memberHeadNoter, reportProgress, retainIfWanted, throwIfCancelled, type ReadContext } from './read-context'
import { TAR_BLOCK_SIZE, isZeroBlock, parsePaxRecords, parseTarHeader, type PaxRecord, type TarHeader } from './tar-header'
import { effectivePax, serializePax, toMember, typeflagEntry, type PendingExtensions } from './tar-entry'
import { paxOverrides } from './tar-pax'
import { flagNonFileData, hashSparseMember, readSparseBytes } from './tar-data'
import { ChunkDigester, recordChunkDigests } from './chunk-digests'

/** Largest pax or GNU long-name block accepted: real ones are a few hundred bytes. */
const MAX_EXTENDED_HEADER = 1024 * 1024
/** Extension headers: pax x (POSIX), X (Solaris; GNU tar and CPython read it as x), g (global), GNU L and K. */
const EXTENSION_TYPEFLAGS = new Set(['x', 'X', 'g', 'L', 'K'])

/** What one pass over the stream keeps between headers. */
interface TarState {
  formats: Set<string>
  globalPax: Map<string, PaxRecord>
  pending: PendingExtensions
}

export async function readTar(stream: StreamReader, context: ReadContext, compressedBytesRead: () => number): Promise<void> {
  const state: TarState = { formats: new Set(), globalPax: new Map(), pending: { records: [] } }
  for (;;) {
    throwIfCancelled(context)
    const offset = stream.position
    const block = await stream.readUpTo(TAR_BLOCK_SIZE)
    if (block.length === 0) {
      context.fields['tar.endOfArchive'] = 'missing'
      context.anomalies.push({ code: 'TAR_NO_END_MARKER', message: 'The tar stream ends without the two zero blocks that mark its end (POSIX tar)', offset })
      break
    }
    if (block.length < TAR_BLOCK_SIZE) fail('TRUNCATED', `The tar stream ends inside a header at offset ${offset}`, { offset })
    if (isZeroBlock(block)) {
      context.fields['tar.bytesAfterLastMember'] = TAR_BLOCK_SIZE + (await readEndPadding(stream, context))
      break
    }
    const header = parseTarHeader(block, offset)
    state.formats.add(header.magic)
    state.pending.startOffset ??= offset
    if (await readExtension(stream, header, state)) continue
    checkMemberCount(context, context.members.length + 1)
    await readMember(stream, header, offset, state, context, compressedBytesRead)
    state.pending = { records: [] }
    reportProgress(context, compressedBytesRead())
  }
  const { formats, globalPax } = state
  context.fields['tar.format'] = formats.has('pax') ? 'pax' : [...formats].sort().join('+') || 'empty'
  if (globalPax.size > 0) context.fields['tar.paxGlobalHeader'] = serializePax(globalPax.values())
}

async function readMember(stream: StreamReader, header: TarHeader, headerOffset: number, state: TarState, context: ReadContext, compressedBytesRead: () => number): Promise<void> {
  const { pending } = state
  const pax = effectivePax(state.globalPax, pending)
  const member = toMember(header, pending, pax, context.members.length, stream.position)
  const invalid = [...header.invalidUtf8Fields, ...(pending.invalidUtf8 ?? [])]
  noteNameAnomalies(member, invalid.length ? `The ${invalid.join(' and ')} ${invalid.length === 1 ? 'is' : 'are'} not valid UTF-8 (shown with \\xNN escapes)` : null)
  const overrides = paxOverrides(header, headerOffset, pax, member.path)
  if (overrides.length) {
    member.anomalies = [...(member.anomalies ?? []), ...overrides]
    for (const anomaly of overrides) context.anomalies.push(anomaly)
  }
  context.members.push(member)
  const kind = typeflagEntry(header.typeflag).data
  if (kind === 'file' && (await hashSparseMember(stream, member, header, pending.records, pax, headerOffset, context))) {
    checkRatioSoFar(stream, context, compressedBytesRead)
    return
  }
  if (kind === 'unreadable') {
    member.error = { code: 'UNSUPPORTED_FORMAT', message: `${member.path} is a GNU multi-volume continuation (typeflag M): its start is in another volume, so its bytes are not the file`, offset: headerOffset, path: member.path }
    await stream.skip(member.size + padding(member.size), `the data of ${member.path}`)
    return
  }
  if (kind === 'none' && member.size > 0) await flagNonFileData(stream, member, headerOffset, context)
  await readMemberData(stream, member, context, compressedBytesRead)
  checkRatioSoFar(stream, context, compressedBytesRead)
}

/** Consumes pax (x, X, g) and GNU long-name (L, K) blocks; returns true when the header was one. */
async function readExtension(stream: StreamReader, header: TarHeader, state: TarState): Promise<boolean> {
  if (!EXTENSION_TYPEFLAGS.has(header.typeflag)) return false
  if (header.size > MAX_EXTENDED_HEADER) {
    fail('LIMIT_EXCEEDED', `tar extended header (type ${header.typeflag}) of ${header.size} bytes is larger than ${MAX_EXTENDED_HEADER}`)
  }
  const { pending } = state
  const dataOffset = stream.position
  const data = await stream.readExact(header.size, `a type ${header.typeflag} extended header`)
  await stream.skip(padding(header.size), 'tar padding')
  if (header.typeflag === 'g') {
    state.formats.add('pax')
    for (const record of parsePaxRecords(data, dataOffset)) state.globalPax.set(record.key, record)
  } else if (header.typeflag === 'x' || header.typeflag === 'X') {
    state.formats.add('pax')
    for (const record of parsePaxRecords(data, dataOffset)) pending.records.push(record)
  } else {
    const end = data.indexOf(0)
    const bytes = end < 0 ? data : data.subarray(0, end)
    const { text, validUtf8 } = decodeName(bytes)
    if (!validUtf8) pending.invalidUtf8 = [...(pending.invalidUtf8 ?? []), header.typeflag === 'L' ? 'GNU long name' : 'GNU long link']
    if (header.typeflag === 'L') pending.longName = { text, bytes }
    else pending.longLink = text
  }
  return true
}

/**
 * After the first zero block only zeros belong to the archive (end marker and record padding). Anything
 * else is data no extractor shows: reported with its offset, never read as members.
 */
async function readEndPadding(stream: StreamReader, context: ReadContext): Promise<number> {
  let total = 0
  let firstNonZero: number | null = null
  // Hashed, so two tars that differ only after their end marker show that difference.
  const hash = context.kernels.createSha256()
  for (;;) {
    const offset = stream.position
    const chunk = await stream.readUpTo(64 * 1024)
    if (chunk.length === 0) break
    if (firstNonZero === null && !isZeroBlock(chunk)) firstNonZero = offset + chunk.findIndex((byte) => byte !== 0)
    hash.update(chunk)
    total += chunk.length
  }
  if (firstNonZero !== null) {
    context.fields['tar.afterEndSha256'] = hash.digestHex()
    context.anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: `Non-zero bytes follow the tar end-of-archive marker (from offset ${firstNonZero} of the tar stream)`, offset: firstNonZero })
  }
  return total
}

export function padding(size: number): number {
  return (TAR_BLOCK_SIZE - (size % TAR_BLOCK_SIZE)) % TAR_BLOCK_SIZE
}

/** Reads and hashes the data blocks that follow a header (or skips them past a limit, as that member's error). */
async function readMemberData(stream: StreamReader, member: Member, context: ReadContext, compressedBytesRead: () => number): Promise<void> {
  const what = `the data of ${member.path}`
  if (member.size === 0) {
    if (member.type === 'file') member.sha256 = await context.kernels.sha256(new Uint8Array(0))
    return
  }
  try {
    checkMemberLimit(context, member.path, member.size)
  } catch (thrown) {
    member.error = toCoreError(thrown)
    await forEachChunk(stream, member.size + padding(member.size), what, () => checkRatioSoFar(stream, context, compressedBytesRead))
    return
  }
  addToTotal(context, member.path, member.size)
  if (member.size >= context.streamHashThreshold) {
    // Too large to hold at once: hash chunk by chunk, memory stays at one chunk.
    const hash = context.kernels.createSha256()
    const chunks = new ChunkDigester(context.kernels)
    const head = memberHeadNoter(context, member)
    await forEachChunk(stream, member.size, what, (chunk) => {
      head.update(chunk)
      hash.update(chunk)
      chunks.update(chunk)
      checkRatioSoFar(stream, context, compressedBytesRead)
    }, () => chunks.settle())
    head.finish()
    member.sha256 = hash.digestHex()
    const chunkSha256 = await chunks.finish()
    if (chunkSha256) member.chunkSha256 = chunkSha256
  } else {
    const bytes = await stream.readExact(member.size, what)
    const [sha256] = await Promise.all([context.kernels.sha256(bytes), recordChunkDigests(member, bytes, context.kernels)])
    member.sha256 = sha256
    retainIfWanted(context, member, bytes)
  }
  await stream.skip(padding(member.size), what)
}

const CHUNK = 4 * 1024 * 1024

/** Consumes `length` bytes in chunks, handing each to `visit`; a skipped member of a gzip bomb stops early. */
async function forEachChunk(stream: StreamReader, length: number, what: string, visit: (chunk: Uint8Array) => void, pause?: () => Promise<void>): Promise<void> {
  for (let left = length; left > 0; ) {
    await pause?.()
    const chunk = await stream.readExact(Math.min(CHUNK, left), what)
    visit(chunk)
    left -= chunk.length
  }
}

function checkRatioSoFar(stream: StreamReader, context: ReadContext, compressedBytesRead: () => number): void {
  throwIfCancelled(context)
  if (compressedBytesRead() > 0) checkStreamRatio(context, stream.position, compressedBytesRead())
}

/** A member stored sparse: old GNU typeflag S, or pax records GNU.sparse.* (tar-sparse.ts). */
export function isSparseMember(member: Member): boolean {
  return member.meta.typeflag === 'S' || /(^|\n)GNU\.sparse\./.test(String(member.meta.paxHeaders ?? ''))
}

/**
 * Re-reads one member's bytes from a stream positioned at or before it, for showing its content on demand.
 * A sparse member is read again from its first header, so its map is parsed as during the listing.
 */
export async function readTarMemberBytes(stream: StreamReader, member: Member): Promise<Uint8Array<ArrayBuffer>> {
  if (member.dataOffset === undefined) fail('CORRUPT_STRUCTURE', `${member.path} has no recorded data offset`)
  if (!isSparseMember(member)) {
    await stream.skip(member.dataOffset - stream.position, `the stream before ${member.path}`)
    return stream.readExact(member.size, `the data of ${member.path}`)
  }
  await stream.skip(member.offset - stream.position, `the stream before ${member.path}`)
  const state: TarState = { formats: new Set(), globalPax: new Map(), pending: { records: [] } }
  for (;;) {
    const offset = stream.position
    const header = parseTarHeader(await stream.readExact(TAR_BLOCK_SIZE, `the header of ${member.path}`), offset)
    state.pending.startOffset ??= offset
    if (await readExtension(stream, header, state)) continue
    return readSparseBytes(stream, member, header, state.pending.records, effectivePax(state.globalPax, state.pending), state.pending.startOffset)
  }
}
