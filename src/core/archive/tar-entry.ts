/**
 * From a tar header (and the pax and GNU long-name records before it) to a Member: what each typeflag
 * extracts as, which name and size count, and the metadata fields, read strictly.
 */
import type { Member, MemberType, MetaValue } from '../types'
import { toHex } from '../util/bytes'
import { TAR_BLOCK_SIZE, type PaxRecord, type TarHeader } from './tar-header'
import { checkPaxNumbers, paxInteger, paxTime } from './tar-pax'

/**
 * How the member's data blocks are treated:
 * - file: the bytes an extractor writes; read and hashed (sparse ones expanded, tar-sparse.ts);
 * - none: POSIX says no data follows (links, devices, FIFOs, directories); a size is read as data anyway
 *   and flagged (tar.ts), since GNU tar and CPython's tarfile disagree on where the next header is;
 * - hashed: a header that is not a regular file but carries data an extractor may still write;
 * - unreadable: data that is not a whole file (a multi-volume continuation).
 */
export type TarDataKind = 'file' | 'none' | 'hashed' | 'unreadable'

interface TypeflagEntry {
  type: MemberType
  data: TarDataKind
}

/**
 * What each typeflag extracts as. Sources: GNU tar 1.34 `extract.c` (prepare_to_extract: REGTYPE,
 * AREGTYPE, CONTTYPE and GNUTYPE_SPARSE are files, DIRTYPE and GNUTYPE_DUMPDIR directories, GNUTYPE_VOLHDR
 * is skipped, GNUTYPE_MULTIVOL is refused "continued from another volume", and the default case warns
 * "Unknown file type '%c', extracted as normal file"), checked with `tar -xf` on built archives; CPython
 * 3.11 `tarfile` (REGULAR_TYPES is 0, NUL, 7, S; any type outside SUPPORTED_TYPES, D, V and M included, is
 * written by makeunknown() as a regular file with its data). So D and V data is hashed too: CPython writes
 * it. pax x/g, Solaris X and GNU L/K are extension headers (tar.ts), not members.
 * | flag | type | data |  flag | type | data |
 * | 0, NUL, 7 | file | read | 1 | hardlink | none |
 * | S | file | sparse, expanded | 2 | symlink | none |
 * | 3, 4 (devices), 6 (FIFO) | other | none | 5 | dir | none |
 * | D (GNU dumpdir) | dir | hashed | V (GNU volume label) | other | hashed |
 * | M (GNU multi-volume continuation) | file | unreadable | anything else (A–Z, …) | file | read |
 */
const TYPEFLAGS: Record<string, TypeflagEntry> = {
  '0': { type: 'file', data: 'file' },
  '7': { type: 'file', data: 'file' },
  S: { type: 'file', data: 'file' },
  '1': { type: 'hardlink', data: 'none' },
  '2': { type: 'symlink', data: 'none' },
  '3': { type: 'other', data: 'none' },
  '4': { type: 'other', data: 'none' },
  '5': { type: 'dir', data: 'none' },
  '6': { type: 'other', data: 'none' },
  D: { type: 'dir', data: 'hashed' },
  V: { type: 'other', data: 'hashed' },
  M: { type: 'file', data: 'unreadable' },
}
const UNKNOWN_TYPEFLAG: TypeflagEntry = { type: 'file', data: 'file' }

export function typeflagEntry(typeflag: string): TypeflagEntry {
  return Object.hasOwn(TYPEFLAGS, typeflag) ? TYPEFLAGS[typeflag] : UNKNOWN_TYPEFLAG
}

/** pax keys that are shown as their own fields rather than in `paxHeaders`. */
const PAX_KEYS_SHOWN_ELSEWHERE = new Set(['path', 'linkpath', 'size'])

/** What the extension headers before a member gave it. */
export interface PendingExtensions {
  /** The member's own pax records (x, X), in order. */
  records: PaxRecord[]
  /** GNU long names whose bytes are not valid UTF-8. */
  invalidUtf8?: string[]
  longName?: { text: string; bytes: Uint8Array }
  longLink?: string
  startOffset?: number
}

/** The pax records in force for a member: the global ones, then its own, the last of each key winning (POSIX pax). */
export function effectivePax(globalPax: Map<string, PaxRecord>, pending: PendingExtensions): Map<string, PaxRecord> {
  const pax = new Map(globalPax)
  for (const record of pending.records) pax.set(record.key, record)
  return pax
}

export function serializePax(records: Iterable<PaxRecord>): string {
  const lines: string[] = []
  for (const record of records) if (!PAX_KEYS_SHOWN_ELSEWHERE.has(record.key)) lines.push(`${record.key}=${record.value}`)
  return lines.join('\n')
}

/**
 * The member's name and its stored bytes: GNU.sparse.name (sparse 0.1 and 1.0 keep the real name there),
 * else the pax path, else the GNU long name, else the ustar prefix and name.
 */
function nameOf(header: TarHeader, pending: PendingExtensions, pax: Map<string, PaxRecord>): { path: string; bytes: Uint8Array } {
  const record = pax.get('GNU.sparse.name') ?? pax.get('path')
  if (record) return { path: record.value, bytes: record.valueBytes }
  if (pending.longName) return { path: pending.longName.text, bytes: pending.longName.bytes }
  return { path: header.name, bytes: header.nameBytes }
}

export function toMember(header: TarHeader, pending: PendingExtensions, pax: Map<string, PaxRecord>, index: number, dataOffset: number): Member {
  const headerOffset = pending.startOffset ?? dataOffset - TAR_BLOCK_SIZE
  checkPaxNumbers(pax, headerOffset)
  const integer = (key: string, fallback: number) => (pax.has(key) ? paxInteger(pax.get(key)!, headerOffset) : fallback)
  const { type } = typeflagEntry(header.typeflag)
  const linkTarget = pax.get('linkpath')?.value ?? pending.longLink ?? header.linkname
  const meta: Record<string, MetaValue> = {
    mtime: pax.has('mtime') ? paxTime(pax.get('mtime')!, headerOffset) : header.mtime,
    mode: header.mode,
    uid: integer('uid', header.uid),
    gid: integer('gid', header.gid),
    uname: pax.get('uname')?.value ?? header.uname,
    gname: pax.get('gname')?.value ?? header.gname,
    typeflag: header.typeflag,
    paxHeaders: serializePax(pending.records),
  }
  if (header.typeflag === '3' || header.typeflag === '4') meta.devices = `${integer('devmajor', header.devmajor)},${integer('devminor', header.devminor)}`
  const name = nameOf(header, pending, pax)
  return {
    index,
    path: name.path,
    nameHex: toHex(name.bytes),
    type,
    size: integer('size', header.size),
    sha256: null,
    ...(type === 'symlink' || type === 'hardlink' ? { linkTarget } : {}),
    offset: headerOffset,
    dataOffset,
    meta,
  }
}
