/**
 * gzip member header (RFC 1952 section 2.3). Reproducible-build differences live here even when the
 * payload is identical: MTIME, OS, XFL and the original file name (FNAME). The header is read from the
 * file progressively, so every legal size is read: FEXTRA up to 65,535 bytes, FNAME and FCOMMENT as long
 * as the total-size limit allows.
 */
import { fail } from '../errors'
import type { Anomaly, ArchiveFields } from '../types'
import { concatBytes, toHex } from '../util/bytes'
import { crc32 } from '../util/crc32'
import { decodeLatin1, escapeControls } from '../util/text'

const FHCRC = 0x02
const FEXTRA = 0x04
const FNAME = 0x08
const FCOMMENT = 0x10
const RESERVED = 0xe0
const FIXED_HEADER = 10
const SCAN_CHUNK = 64 * 1024

/** RFC 1952 OS values, by name. */
const OS_NAMES: Record<number, string> = {
  0: 'FAT (MS-DOS, Windows)', 1: 'Amiga', 2: 'VMS', 3: 'Unix', 4: 'VM/CMS', 5: 'Atari TOS', 6: 'HPFS', 7: 'Macintosh',
  8: 'Z-System', 9: 'CP/M', 10: 'TOPS-20', 11: 'NTFS', 12: 'QDOS', 13: 'Acorn RISCOS', 255: 'unknown',
}

export function describeGzipOs(os: number): string {
  return OS_NAMES[os] ?? `OS ${os}`
}

export interface GzipHeader {
  /** Fields named `gzip.<RFC 1952 name>`. */
  fields: ArchiveFields
  /** Header length in bytes: where the deflate data starts, from the member's start. */
  length: number
  /** The FNAME bytes as stored, when FLG.FNAME is set. */
  fnameBytes: Uint8Array | null
  /** A FHCRC that does not match the header (RFC 1952 2.3.1). */
  anomalies: Anomaly[]
}

/** Reads a blob forward from `start`, keeping a running CRC-32 of everything read (for FHCRC). */
class HeaderCursor {
  position: number
  crc = 0
  constructor(private readonly blob: Blob, private readonly start: number) {
    this.position = start
  }

  async bytes(length: number, field: string): Promise<Uint8Array> {
    const bytes = new Uint8Array(await this.blob.slice(this.position, this.position + length).arrayBuffer())
    if (bytes.length < length) fail('TRUNCATED', `The gzip header ends inside ${field}: needed ${length} bytes at offset ${this.position}, the file has ${bytes.length}`, { offset: this.position })
    this.crc = crc32(bytes, this.crc)
    this.position += length
    return bytes
  }

  /** A zero-terminated field (FNAME, FCOMMENT), read chunk by chunk until its NUL, at most `maxBytes` long. */
  async zeroTerminated(field: string, maxBytes: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = []
    let length = 0
    for (;;) {
      const chunk = new Uint8Array(await this.blob.slice(this.position, this.position + SCAN_CHUNK).arrayBuffer())
      if (chunk.length === 0) fail('TRUNCATED', `The gzip ${field} field (from offset ${this.position - length}) has no terminating zero byte before the end of the file`, { offset: this.position - length })
      const end = chunk.indexOf(0)
      const taken = end < 0 ? chunk : chunk.subarray(0, end + 1)
      this.crc = crc32(taken, this.crc)
      this.position += taken.length
      if (end >= 0) return concatBytes([...parts, chunk.subarray(0, end)], length + end)
      parts.push(chunk)
      length += chunk.length
      if (length > maxBytes) fail('LIMIT_EXCEEDED', `The gzip ${field} field is longer than the ${maxBytes}-byte total-size limit`, { offset: this.position - length })
    }
  }

  get consumed(): number {
    return this.position - this.start
  }
}

const readU16 = (bytes: Uint8Array, at: number) => bytes[at] | (bytes[at + 1] << 8)
const readU32 = (bytes: Uint8Array, at: number) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000

/** Latin-1, as RFC 1952 says FNAME and FCOMMENT are, shown in the escaped display form of every name. */
const latin1Display = (bytes: Uint8Array) => escapeControls(decodeLatin1(bytes))

/** Parses the header of the gzip member that starts at `start` in the blob. */
export async function readGzipHeader(blob: Blob, start = 0, maxFieldBytes = Number.MAX_SAFE_INTEGER): Promise<GzipHeader> {
  const cursor = new HeaderCursor(blob, start)
  const fixed = await cursor.bytes(FIXED_HEADER, 'its fixed 10 bytes')
  const flags = fixed[3]
  if (flags & RESERVED) fail('CORRUPT_STRUCTURE', `gzip FLG has reserved bits set (0x${flags.toString(16)})`, { offset: start + 3 })
  const fields: ArchiveFields = { 'gzip.mtime': readU32(fixed, 4), 'gzip.xfl': fixed[8], 'gzip.os': fixed[9], 'gzip.flags': flags }
  if (flags & FEXTRA) {
    const length = readU16(await cursor.bytes(2, 'XLEN'), 0)
    fields['gzip.extra'] = toHex(await cursor.bytes(length, `the ${length}-byte FEXTRA field`))
  }
  let fnameBytes: Uint8Array | null = null
  if (flags & FNAME) {
    fnameBytes = await cursor.zeroTerminated('FNAME', maxFieldBytes)
    fields['gzip.fname'] = latin1Display(fnameBytes)
  }
  if (flags & FCOMMENT) fields['gzip.fcomment'] = latin1Display(await cursor.zeroTerminated('FCOMMENT', maxFieldBytes))
  const anomalies: Anomaly[] = []
  if (flags & FHCRC) {
    // RFC 1952 2.3.1: the two least significant bytes of the CRC-32 of all header bytes before the CRC16.
    const expected = cursor.crc & 0xffff
    const at = cursor.position
    const stored = readU16(await cursor.bytes(2, 'FHCRC'), 0)
    fields['gzip.fhcrc'] = stored
    if (stored !== expected) {
      anomalies.push({ code: 'GZIP_HEADER_CRC', message: `The gzip header's FHCRC (at offset ${at}) is 0x${stored.toString(16).padStart(4, '0')}, but its bytes give 0x${expected.toString(16).padStart(4, '0')} (RFC 1952 2.3.1)`, offset: at })
    }
  }
  return { fields, length: cursor.consumed, fnameBytes, anomalies }
}
