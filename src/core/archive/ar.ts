/**
 * The common ar format (`.deb`, `.a`), as binutils `ar` and BSD ar write it (ar(5), deb(5)): the magic
 * "!<arch>\n", then per member a 60-byte header — ar_name[16] ar_date[12] ar_uid[6] ar_gid[6] ar_mode[8]
 * ar_size[10] ar_fmag[2] = "`\n" — and the data, padded with "\n" to an even offset. Long names: GNU/SysV keep
 * them in the `//` member and refer to them as `/N` (offset N in that table, each name ending "/\n"); BSD
 * writes `#1/N` and puts the N-byte name at the start of the data. The symbol table (`/`, `/SYM64/`, BSD
 * `__.SYMDEF`) is listed as a member under that name, so a difference there is shown.
 */
import { fail, toCoreError } from '../errors'
import type { Member } from '../types'
import { BlobReader, readSlice } from '../util/blob-reader'
import { toHex, type Bytes } from '../util/bytes'
import { decodeName } from '../util/text'
import { noteNameAnomalies } from './names'
import { addToTotal, checkMemberCount, checkMemberLimit, memberHeadNoter, reportProgress, retainIfWanted, throwIfCancelled, type ReadContext } from './read-context'

export const AR_MAGIC = '!<arch>\n'
const HEADER_SIZE = 60
/** A GNU `//` table holds names only: real ones are kilobytes; a larger one is refused, not held. */
const MAX_LONG_NAME_TABLE = 16 * 1024 * 1024
/** A BSD `#1/N` name is at most this long (BSD ar writes names up to MAXNAMLEN). */
const MAX_BSD_NAME = 4096
const CHUNK = 4 * 1024 * 1024

/** ar_date, ar_uid, ar_gid, ar_mode, ar_size: [start, length, radix] in the header. */
const NUMERIC_FIELDS = [
  ['mtime', 16, 12, 10],
  ['uid', 28, 6, 10],
  ['gid', 34, 6, 10],
  ['mode', 40, 8, 8],
  ['size', 48, 10, 10],
] as const

interface ArHeader {
  rawName: Bytes
  values: Record<string, number | null>
}

interface ArState {
  blob: Blob
  /** Headers and small members come through one cached window (a member per slice would be slow for a large .a). */
  reader: BlobReader
  context: ReadContext
  /** The GNU `//` member's bytes, once seen. */
  longNames: Bytes | null
}

async function readBytes(blob: Blob, start: number, length: number): Promise<Bytes> {
  return await readSlice(blob, start, start + length)
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes)

/** Lists and hashes every member; a cut or malformed header stops reading with its offset, keeping what came before. */
export async function readAr(blob: Blob, context: ReadContext): Promise<void> {
  const magic = await readBytes(blob, 0, AR_MAGIC.length)
  if (latin1(magic) !== AR_MAGIC) fail('CORRUPT_STRUCTURE', 'The file does not start with the ar magic "!<arch>\\n"', { offset: 0 })
  const state: ArState = { blob, reader: new BlobReader(blob), context, longNames: null }
  const variants = new Set<string>()
  let offset = AR_MAGIC.length
  while (offset < blob.size) {
    throwIfCancelled(context)
    if (blob.size - offset < HEADER_SIZE) fail('TRUNCATED', `The ar archive ends inside a member header at offset ${offset}`, { offset })
    const header = parseHeader(await state.reader.read(offset, HEADER_SIZE), offset)
    const size = header.values.size!
    const dataOffset = offset + HEADER_SIZE
    offset = dataOffset + size + (size % 2)
    if (await readSpecialMember(state, header, dataOffset, variants)) continue
    checkMemberCount(context, context.members.length + 1)
    await readMember(state, header, dataOffset - HEADER_SIZE, variants)
    reportProgress(context, Math.min(offset, blob.size))
  }
  context.fields['ar.variant'] = [...variants].sort().join('+') || 'common'
}

/** The header's fixed fields; blank numeric fields (GNU leaves them so on `//`) are null, anything else not a number is an error. */
function parseHeader(bytes: Bytes, offset: number): ArHeader {
  if (bytes[58] !== 0x60 || bytes[59] !== 0x0a) fail('CORRUPT_STRUCTURE', `The ar member header at offset ${offset} does not end with ar_fmag "\`\\n" (at offset ${offset + 58})`, { offset: offset + 58 })
  const values: Record<string, number | null> = {}
  for (const [field, start, length, radix] of NUMERIC_FIELDS) {
    const text = latin1(bytes.subarray(start, start + length)).replace(/ +$/, '')
    const digits = radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/
    if (text === '' && field !== 'size') {
      values[field] = null
      continue
    }
    if (!digits.test(text)) fail('CORRUPT_STRUCTURE', `The ar_${field === 'mtime' ? 'date' : field} field of the member header at offset ${offset} is not a ${radix === 8 ? 'octal' : 'decimal'} number ("${text}", at offset ${offset + start})`, { offset: offset + start })
    values[field] = parseInt(text, radix)
  }
  return { rawName: bytes.slice(0, 16), values }
}

/** The GNU `//` long-name table: kept for the `/N` names after it, hashed as an archive field, not listed. */
async function readSpecialMember(state: ArState, header: ArHeader, dataOffset: number, variants: Set<string>): Promise<boolean> {
  if (latin1(header.rawName).replace(/ +$/, '') !== '//') return false
  const size = header.values.size!
  if (size > MAX_LONG_NAME_TABLE) fail('LIMIT_EXCEEDED', `The ar long-name table at offset ${dataOffset - HEADER_SIZE} is ${size} bytes, more than ${MAX_LONG_NAME_TABLE}`, { offset: dataOffset - HEADER_SIZE })
  if (dataOffset + size > state.blob.size) fail('TRUNCATED', `The ar archive ends inside its long-name table (at offset ${dataOffset})`, { offset: dataOffset })
  state.longNames = (await state.reader.read(dataOffset, size)).slice()
  state.context.fields['ar.longNames.sha256'] = await state.context.kernels.sha256(state.longNames)
  variants.add('gnu')
  return true
}

/** The stored name bytes of a member and how many bytes of its data they take (BSD `#1/N`). */
async function resolveName(state: ArState, header: ArHeader, headerOffset: number, variants: Set<string>): Promise<{ name: Bytes; nameLength: number }> {
  const field = latin1(header.rawName).replace(/ +$/, '')
  const size = header.values.size!
  if (field === '/' || field === '/SYM64/') return { name: new TextEncoder().encode(field), nameLength: 0 }
  const gnu = /^\/([0-9]+)$/.exec(field)
  if (gnu) return { name: longName(state, Number(gnu[1]), headerOffset), nameLength: 0 }
  const bsd = /^#1\/([0-9]+)$/.exec(field)
  if (bsd) {
    const length = Number(bsd[1])
    if (length > size || length > MAX_BSD_NAME) fail('CORRUPT_STRUCTURE', `The BSD ar name length ${length} of the member at offset ${headerOffset} is past its data (${size} bytes) or longer than ${MAX_BSD_NAME}`, { offset: headerOffset })
    const data = headerOffset + HEADER_SIZE
    if (data + length > state.blob.size) fail('TRUNCATED', `The ar archive ends inside the BSD name of the member at offset ${headerOffset}`, { offset: data })
    const bytes = await state.reader.read(data, length)
    variants.add('bsd')
    // BSD ar pads the name with NULs to keep the data aligned.
    let end = bytes.length
    while (end > 0 && bytes[end - 1] === 0) end--
    return { name: bytes.slice(0, end), nameLength: length }
  }
  // A short name: GNU ends it with "/" (so it may hold spaces), BSD pads it with spaces.
  const raw = header.rawName
  let end = raw.length
  while (end > 0 && raw[end - 1] === 0x20) end--
  if (end > 0 && raw[end - 1] === 0x2f) {
    variants.add('gnu')
    end--
  }
  return { name: raw.slice(0, end), nameLength: 0 }
}

/** `/N`: the name at offset N of the `//` table, ending at "/\n" (GNU) or "\n" (SysV). */
function longName(state: ArState, at: number, headerOffset: number): Bytes {
  const table = state.longNames
  if (table === null) fail('CORRUPT_STRUCTURE', `The ar member at offset ${headerOffset} refers to long name /${at}, but no "//" long-name table came before it`, { offset: headerOffset })
  if (at >= table.length) fail('CORRUPT_STRUCTURE', `The ar member at offset ${headerOffset} refers to long name /${at}, past the ${table.length}-byte long-name table`, { offset: headerOffset })
  let end = table.indexOf(0x0a, at)
  if (end < 0) end = table.length
  if (end > at && table[end - 1] === 0x2f) end--
  return table.slice(at, end)
}

async function readMember(state: ArState, header: ArHeader, headerOffset: number, variants: Set<string>): Promise<void> {
  const { context, blob } = state
  const { name, nameLength } = await resolveName(state, header, headerOffset, variants)
  const { text, validUtf8 } = decodeName(name)
  const { mtime, uid, gid, mode } = header.values
  const dataOffset = headerOffset + HEADER_SIZE + nameLength
  const size = header.values.size! - nameLength
  const member: Member = { index: context.members.length, path: text, nameHex: toHex(name), type: 'file', size, sha256: null, offset: headerOffset, dataOffset, meta: { mtime, uid, gid, mode } }
  noteNameAnomalies(member, validUtf8 ? null : 'The ar member name is not valid UTF-8 (shown with \\xNN escapes)')
  context.members.push(member)
  if (dataOffset + size > blob.size) fail('TRUNCATED', `The ar archive ends inside the data of ${text} (it starts at offset ${dataOffset} and needs ${size} bytes)`, { offset: dataOffset, path: text })
  try {
    checkMemberLimit(context, text, size)
  } catch (thrown) {
    member.error = toCoreError(thrown)
    return
  }
  addToTotal(context, text, size)
  await hashMemberData((start, length) => state.reader.read(start, length), member, context)
  await checkPadding(state.reader, dataOffset + size, header.values.size!, context)
}

/** Hashes a member's data: whole (so it can be retained and looked into for a nested archive) or, past the threshold, in chunks. */
export async function hashMemberData(read: (start: number, length: number) => Promise<Bytes>, member: Member, context: ReadContext): Promise<void> {
  const start = member.dataOffset ?? 0
  if (member.size < context.streamHashThreshold) {
    const bytes = await read(start, member.size)
    member.sha256 = await context.kernels.sha256(bytes)
    retainIfWanted(context, member, bytes)
    return
  }
  const hash = context.kernels.createSha256()
  const head = memberHeadNoter(context, member)
  for (let at = start; at < start + member.size; at += CHUNK) {
    throwIfCancelled(context)
    const part = await read(at, Math.min(CHUNK, start + member.size - at))
    head.update(part)
    hash.update(part)
  }
  head.finish()
  member.sha256 = hash.digestHex()
}

/** ar(5): odd-sized data is followed by one "\n"; another byte there is data no extractor shows, so it is named. */
async function checkPadding(reader: BlobReader, at: number, storedSize: number, context: ReadContext): Promise<void> {
  if (storedSize % 2 === 0 || at >= reader.size) return
  const pad = await reader.read(at, 1)
  if (pad[0] === 0x0a) return
  context.anomalies.push({ code: 'AR_PADDING', message: `The padding byte after the ar member data at offset ${at} is 0x${pad[0].toString(16).padStart(2, '0')}, not "\\n"`, offset: at })
  context.fields[`ar.padding@${at}`] = pad[0]
}

/** One member's bytes again, for display. */
export async function readArMemberBytes(blob: Blob, member: Member): Promise<Bytes> {
  const start = member.dataOffset ?? 0
  if (start + member.size > blob.size) fail('TRUNCATED', `The ar archive ends inside the data of ${member.path}`, { offset: start, path: member.path })
  return readBytes(blob, start, member.size)
}
