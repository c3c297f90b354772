/**
 * Streaming tar reader: headers are parsed as the (possibly inflated) stream goes by, each member's data
 * is read, hashed and dropped before the next, so memory holds one member at a time. Handles ustar,
 * pax (x and g records, fractional mtime) and GNU long names and links (L, K).
 */
import { fail, toCoreError } from '../errors'
import type { Member, MemberType, MetaValue } from '../types'
import type { StreamReader } from '../util/stream-reader'
import { Sha256 } from '../util/sha256-stream'
import { decodeName } from '../util/text'
import { noteNameAnomalies } from './names'
import { addToTotal, checkMemberCount, checkMemberLimit, checkStreamRatio, reportProgress, retainIfWanted, throwIfCancelled, type ReadContext } from './read-context'
import { sha256Hex } from '../util/hash'
import { TAR_BLOCK_SIZE, isZeroBlock, parsePaxRecords, parseTarHeader, type TarHeader } from './tar-header'

/** Typeflags (POSIX tar.h, GNU extensions) to member types; anything else is 'other'. */
const MEMBER_TYPES: Record<string, MemberType> = { '0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '5': 'dir' }
/** Largest pax or GNU long-name block accepted: real ones are a few hundred bytes. */
const MAX_EXTENDED_HEADER = 1024 * 1024
/** pax keys that are shown as their own fields rather than in `paxHeaders`. */
const PAX_KEYS_SHOWN_ELSEWHERE = new Set(['path', 'linkpath', 'size'])

interface PendingExtensions {
  pax: Map<string, string>
  /** GNU long names whose bytes are not valid UTF-8. */
  invalidUtf8?: string[]
  longName?: string
  longLink?: string
  startOffset?: number
}

export async function readTar(stream: StreamReader, context: ReadContext, compressedBytesRead: () => number): Promise<void> {
  const formats = new Set<string>()
  const globalPax = new Map<string, string>()
  let pending: PendingExtensions = { pax: new Map() }
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
    formats.add(header.magic)
    pending.startOffset ??= offset
    if (await readExtension(stream, header, pending, globalPax, formats)) continue
    checkMemberCount(context, context.members.length + 1)
    const member = toMember(header, pending, globalPax, context.members.length, stream.position)
    const invalid = [...header.invalidUtf8Fields, ...(pending.invalidUtf8 ?? [])]
    noteNameAnomalies(member, invalid.length ? `The ${invalid.join(' and ')} ${invalid.length === 1 ? 'is' : 'are'} not valid UTF-8 (shown with \\xNN escapes)` : null)
    context.members.push(member)
    await readMemberData(stream, member, context, compressedBytesRead)
    checkRatioSoFar(stream, context, compressedBytesRead)
    pending = { pax: new Map() }
    reportProgress(context, compressedBytesRead())
  }
  context.fields['tar.format'] = formats.has('pax') ? 'pax' : [...formats].sort().join('+') || 'empty'
  if (globalPax.size > 0) context.fields['tar.paxGlobalHeader'] = serializePax(globalPax)
}

/** Consumes pax (x, g) and GNU long-name (L, K) blocks; returns true when the header was one. */
async function readExtension(
  stream: StreamReader, header: TarHeader, pending: PendingExtensions, globalPax: Map<string, string>, formats: Set<string>,
): Promise<boolean> {
  if (!['x', 'g', 'L', 'K'].includes(header.typeflag)) return false
  if (header.size > MAX_EXTENDED_HEADER) {
    fail('LIMIT_EXCEEDED', `tar extended header (type ${header.typeflag}) of ${header.size} bytes is larger than ${MAX_EXTENDED_HEADER}`)
  }
  const dataOffset = stream.position
  const data = await stream.readExact(header.size, `a type ${header.typeflag} extended header`)
  await stream.skip(padding(header.size), 'tar padding')
  if (header.typeflag === 'x' || header.typeflag === 'g') {
    formats.add('pax')
    const records = parsePaxRecords(data, dataOffset)
    for (const [key, value] of records) (header.typeflag === 'x' ? pending.pax : globalPax).set(key, value)
  } else {
    const end = data.indexOf(0)
    const { text, validUtf8 } = decodeName(end < 0 ? data : data.subarray(0, end))
    if (!validUtf8) pending.invalidUtf8 = [...(pending.invalidUtf8 ?? []), header.typeflag === 'L' ? 'GNU long name' : 'GNU long link']
    if (header.typeflag === 'L') pending.longName = text
    else pending.longLink = text
  }
  return true
}

function toMember(header: TarHeader, pending: PendingExtensions, globalPax: Map<string, string>, index: number, dataOffset: number): Member {
  const pax = new Map([...globalPax, ...pending.pax])
  const numeric = (key: string, fallback: number) => (pax.has(key) ? Number(pax.get(key)) : fallback)
  const type = MEMBER_TYPES[header.typeflag] ?? 'other'
  const linkTarget = pax.get('linkpath') ?? pending.longLink ?? header.linkname
  const meta: Record<string, MetaValue> = {
    mtime: numeric('mtime', header.mtime),
    mode: header.mode,
    uid: numeric('uid', header.uid),
    gid: numeric('gid', header.gid),
    uname: pax.get('uname') ?? header.uname,
    gname: pax.get('gname') ?? header.gname,
    typeflag: header.typeflag,
    paxHeaders: serializePax(pending.pax),
  }
  if (header.typeflag === '3' || header.typeflag === '4') meta.devices = `${header.devmajor},${header.devminor}`
  return {
    index,
    path: pax.get('path') ?? pending.longName ?? header.name,
    type,
    size: numeric('size', header.size),
    sha256: null,
    ...(type === 'symlink' || type === 'hardlink' ? { linkTarget } : {}),
    offset: pending.startOffset ?? dataOffset - TAR_BLOCK_SIZE,
    dataOffset,
    meta,
  }
}

/**
 * After the first zero block only zeros belong to the archive (end marker and record padding). Anything
 * else is data no extractor shows: reported with its offset, never read as members.
 */
async function readEndPadding(stream: StreamReader, context: ReadContext): Promise<number> {
  let total = 0
  let firstNonZero: number | null = null
  for (;;) {
    const offset = stream.position
    const chunk = await stream.readUpTo(64 * 1024)
    if (chunk.length === 0) break
    if (firstNonZero === null && !isZeroBlock(chunk)) firstNonZero = offset + chunk.findIndex((byte) => byte !== 0)
    total += chunk.length
  }
  if (firstNonZero !== null) {
    context.anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: `Non-zero bytes follow the tar end-of-archive marker (from offset ${firstNonZero} of the tar stream)`, offset: firstNonZero })
  }
  return total
}

function serializePax(records: Map<string, string>): string {
  return [...records].filter(([key]) => !PAX_KEYS_SHOWN_ELSEWHERE.has(key)).map(([key, value]) => `${key}=${value}`).join('\n')
}

function padding(size: number): number {
  return (TAR_BLOCK_SIZE - (size % TAR_BLOCK_SIZE)) % TAR_BLOCK_SIZE
}

/** Reads (or skips, for non-files and members past the limit) the data blocks that follow a header. */
async function readMemberData(stream: StreamReader, member: Member, context: ReadContext, compressedBytesRead: () => number): Promise<void> {
  const what = `the data of ${member.path}`
  if (member.type !== 'file' || member.size === 0) {
    if (member.type === 'file') member.sha256 = await sha256Hex(new Uint8Array(0))
    await stream.skip(member.size + padding(member.size), what)
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
    const hash = new Sha256()
    await forEachChunk(stream, member.size, what, (chunk) => {
      hash.update(chunk)
      checkRatioSoFar(stream, context, compressedBytesRead)
    })
    member.sha256 = hash.digestHex()
  } else {
    const bytes = await stream.readExact(member.size, what)
    member.sha256 = await sha256Hex(bytes)
    retainIfWanted(context, member, bytes)
  }
  await stream.skip(padding(member.size), what)
}

const CHUNK = 4 * 1024 * 1024

/** Consumes `length` bytes in chunks, handing each to `visit`; a skipped member of a gzip bomb stops early. */
async function forEachChunk(stream: StreamReader, length: number, what: string, visit: (chunk: Uint8Array) => void): Promise<void> {
  for (let left = length; left > 0; ) {
    const chunk = await stream.readExact(Math.min(CHUNK, left), what)
    visit(chunk)
    left -= chunk.length
  }
}

function checkRatioSoFar(stream: StreamReader, context: ReadContext, compressedBytesRead: () => number): void {
  throwIfCancelled(context)
  if (compressedBytesRead() > 0) checkStreamRatio(context, stream.position, compressedBytesRead())
}

/** Re-reads one member's bytes from a fresh stream, for showing its content on demand. */
export async function readTarMemberBytes(stream: StreamReader, member: Member): Promise<Uint8Array<ArrayBuffer>> {
  if (member.dataOffset === undefined) fail('CORRUPT_STRUCTURE', `${member.path} has no recorded data offset`)
  await stream.skip(member.dataOffset, `the stream before ${member.path}`)
  return stream.readExact(member.size, `the data of ${member.path}`)
}
