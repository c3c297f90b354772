/**
 * gzip member header (RFC 1952 section 2.3). Reproducible-build differences live here even when the
 * payload is identical: MTIME, OS, XFL and the original file name (FNAME).
 */
import { fail } from '../errors'
import type { ArchiveFields } from '../types'
import { readU16, readU32, toHex, type Bytes } from '../util/bytes'
import { decodeLatin1 } from '../util/text'

const FHCRC = 0x02
const FEXTRA = 0x04
const FNAME = 0x08
const FCOMMENT = 0x10

/** RFC 1952 OS values, by name. */
const OS_NAMES: Record<number, string> = {
  0: 'FAT (MS-DOS, Windows)', 1: 'Amiga', 2: 'VMS', 3: 'Unix', 4: 'VM/CMS', 5: 'Atari TOS', 6: 'HPFS', 7: 'Macintosh',
  8: 'Z-System', 9: 'CP/M', 10: 'TOPS-20', 11: 'NTFS', 12: 'QDOS', 13: 'Acorn RISCOS', 255: 'unknown',
}

export function describeGzipOs(os: number): string {
  return OS_NAMES[os] ?? `OS ${os}`
}

/** Parses the header at the start of `head`; fields are named `gzip.<RFC 1952 name>`. */
export function parseGzipHeader(head: Bytes): ArchiveFields {
  if (head.length < 10) fail('TRUNCATED', `The gzip header needs 10 bytes, the file has ${head.length}`)
  const flags = head[3]
  if (flags & 0xe0) fail('CORRUPT_STRUCTURE', `gzip FLG has reserved bits set (0x${flags.toString(16)})`, { offset: 3 })
  let at = 10
  const fields: ArchiveFields = {
    'gzip.mtime': readU32(head, 4),
    'gzip.xfl': head[8],
    'gzip.os': head[9],
    'gzip.flags': flags,
  }
  if (flags & FEXTRA) {
    const length = readU16(head, at)
    fields['gzip.extra'] = toHex(head.subarray(at + 2, at + 2 + length))
    at += 2 + length
  }
  if (flags & FNAME) [fields['gzip.fname'], at] = readZeroTerminated(head, at, 'FNAME')
  if (flags & FCOMMENT) [fields['gzip.fcomment'], at] = readZeroTerminated(head, at, 'FCOMMENT')
  if (flags & FHCRC) fields['gzip.fhcrc'] = readU16(head, at)
  return fields
}

function readZeroTerminated(head: Bytes, at: number, field: string): [string, number] {
  const end = head.indexOf(0, at)
  if (end < 0) fail('TRUNCATED', `The gzip ${field} field has no terminating zero byte in the first ${head.length} bytes`, { offset: at })
  return [decodeLatin1(head.subarray(at, end)), end + 1]
}
