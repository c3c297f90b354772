/**
 * xz (The .xz File Format, version 1.2.1, tukaani.org/xz/xz-file-format.txt) as an outer wrapper.
 * The header fields that differ between two builds are read here, from the stream header, the first block
 * header and the index: the check type (`xz --check`), the filter chain of the first block (the LZMA2
 * dictionary size follows the preset, `-6` is 8 MiB, `-9` is 64 MiB), whether block headers store their sizes
 * and how many blocks there are (both follow `xz -T`: the threaded encoder writes sizes and one block per
 * chunk). Decoding is xz-embedded compiled to WebAssembly (the `xz-decompress` package, docs/performance.md).
 */
// A UMD bundle: Node's ESM loader sees only its default export (module.exports).
import { readSlice } from '../util/blob-reader'
import xzDecompress from 'xz-decompress'
import { CoreFailure, fail } from '../errors'
import type { ArchiveFields } from '../types'
import { readU32 } from '../util/bytes'
import { crc32 } from '../util/crc32'
import type { OutputGuard } from './decompressors'

const { XzReadableStream } = xzDecompress

/** 2.1.1.1 Header Magic Bytes; 2.1.2.4 Footer Magic Bytes ("YZ"). */
const HEADER_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]
const FOOTER_MAGIC = [0x59, 0x5a]
const STREAM_HEADER_SIZE = 12
const STREAM_FOOTER_SIZE = 12
/** 2.1.1.2 Check types, and the size of each check field (0x0–0xF: 0, 4, 4, 4, 8, 8, 8, 16, …, 64). */
const CHECK_NAMES: Record<number, string> = { 0x00: 'None', 0x01: 'CRC32', 0x04: 'CRC64', 0x0a: 'SHA-256' }
/** 5.4 Filter IDs. */
const FILTER_NAMES: Record<number, string> = {
  0x21: 'LZMA2', 0x03: 'Delta', 0x04: 'x86', 0x05: 'PowerPC', 0x06: 'IA-64', 0x07: 'ARM', 0x08: 'ARM-Thumb', 0x09: 'SPARC', 0x0a: 'ARM64', 0x0b: 'RISC-V',
}
/** Concatenated streams are read backwards from the end; more than this is a crafted file. */
const MAX_STREAMS = 64
/** Footers whose CRC32 matches but whose index does not lead back to offset 0: more is a crafted file. */
const MAX_FOOTER_CANDIDATES = 16
/** Padding and footers are looked for in slices of this size. */
const SCAN_CHUNK = 1024 * 1024


/** 1.2 Multibyte integers: 7 bits a byte, least significant first, at most 9 bytes. */
function readMultibyte(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0
  for (let i = 0; i < 9; i++) {
    if (at + i >= bytes.length) fail('TRUNCATED', 'An xz multibyte integer runs past its field (xz file format 1.2)')
    const byte = bytes[at + i]
    value += (byte & 0x7f) * 2 ** (7 * i)
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 }
  }
  return fail('CORRUPT_STRUCTURE', 'An xz multibyte integer is longer than 9 bytes (xz file format 1.2)')
}

function checkName(flags: number): string {
  const type = flags & 0x0f
  return CHECK_NAMES[type] ?? `reserved 0x${type.toString(16)}`
}

/** 5.3.1 LZMA2 properties: the dictionary size, `2 or 3` shifted by the code (40 means 4 GiB − 1). */
function lzma2Dictionary(code: number): string {
  if (code > 40) return `invalid dictionary code ${code}`
  const size = code === 40 ? 2 ** 32 - 1 : (2 | (code & 1)) * 2 ** (Math.floor(code / 2) + 11)
  return size % 2 ** 20 === 0 ? `${size / 2 ** 20} MiB` : size % 1024 === 0 ? `${size / 1024} KiB` : `${size} B`
}

/** 3.1 Block Header: the filter chain in words, and whether the compressed and uncompressed sizes are stored. */
function describeBlockHeader(header: Uint8Array): { filters: string; sizesStored: string } {
  const flags = header[1]
  let at = 2
  const stored: string[] = []
  if (flags & 0x40) { stored.push('compressed'); at = readMultibyte(header, at).next }
  if (flags & 0x80) { stored.push('uncompressed'); at = readMultibyte(header, at).next }
  const filters: string[] = []
  for (let i = 0; i <= (flags & 0x03); i++) {
    const id = readMultibyte(header, at)
    const size = readMultibyte(header, id.next)
    const properties = header.subarray(size.next, size.next + size.value)
    const name = FILTER_NAMES[id.value] ?? `filter 0x${id.value.toString(16)}`
    filters.push(id.value === 0x21 && properties.length === 1 ? `${name} (dictionary ${lzma2Dictionary(properties[0])})` : name)
    at = size.next + size.value
  }
  return { filters: filters.join(' + '), sizesStored: stored.length ? stored.join(' and ') : 'neither' }
}

/** One stream read from its footer back: where it starts and how many blocks its index lists. */
async function readStreamFromFooter(blob: Blob, footerEnd: number): Promise<{ start: number; blocks: number } | null> {
  const footer = await readSlice(blob, footerEnd - STREAM_FOOTER_SIZE, footerEnd)
  if (footer.length < STREAM_FOOTER_SIZE || footer[10] !== FOOTER_MAGIC[0] || footer[11] !== FOOTER_MAGIC[1]) return null
  if (crc32(footer.subarray(4, 10)) !== readU32(footer, 0)) return null
  // 2.1.2.2 Backward Size: the index size, stored as size / 4 − 1.
  const indexSize = (readU32(footer, 4) + 1) * 4
  const indexStart = footerEnd - STREAM_FOOTER_SIZE - indexSize
  const index = await readSlice(blob, indexStart, indexStart + indexSize)
  if (index.length !== indexSize || index[0] !== 0x00) return null
  if (crc32(index.subarray(0, indexSize - 4)) !== readU32(index, indexSize - 4)) return null
  // 4.2 Number of Records, then 4.3 each record's Unpadded Size and Uncompressed Size.
  const count = readMultibyte(index, 1)
  let at = count.next
  let blocksSize = 0
  for (let i = 0; i < count.value; i++) {
    const unpadded = readMultibyte(index, at)
    blocksSize += Math.ceil(unpadded.value / 4) * 4
    at = readMultibyte(index, unpadded.next).next
  }
  return { start: indexStart - blocksSize - STREAM_HEADER_SIZE, blocks: count.value }
}

/** The offset just after the last non-zero byte before `end` (0 when there is none), read in chunks from the end. */
async function endOfNonZero(blob: Blob, end: number): Promise<number> {
  for (let to = end; to > 0; to -= SCAN_CHUNK) {
    const span = await readSlice(blob, to - SCAN_CHUNK, to)
    for (let i = span.length - 1; i >= 0; i--) if (span[i] !== 0) return to - span.length + i + 1
  }
  return 0
}

/** The first non-zero byte from `from` on (the file size when there is none), read in chunks. */
async function startOfNonZero(blob: Blob, from: number): Promise<number> {
  for (let at = from; at < blob.size; at += SCAN_CHUNK) {
    const span = await readSlice(blob, at, Math.min(blob.size, at + SCAN_CHUNK))
    const i = span.findIndex((byte) => byte !== 0)
    if (i >= 0) return at + i
  }
  return blob.size
}

/** The streams of the file, read backwards from its end over stream padding (2.2: zero bytes, a multiple of 4). */
async function readStreams(blob: Blob): Promise<{ streams: number; blocks: number; padding: number } | null> {
  let end = blob.size
  let streams = 0
  let blocks = 0
  let padding = 0
  while (end > 0 && streams < MAX_STREAMS) {
    const footerEnd = await endOfNonZero(blob, end)
    if ((end - footerEnd) % 4 !== 0) return null
    padding += end - footerEnd
    const stream = await readStreamFromFooter(blob, footerEnd)
    if (stream === null || stream.start < 0) return null
    streams++
    blocks += stream.blocks
    end = stream.start
  }
  return end === 0 ? { streams, blocks, padding } : null
}

/**
 * When the file does not end like xz (2.2: streams, then zero padding), where its first stream ends: the
 * first 4-aligned footer, found forwards, whose index leads back to offset 0. Null when there is none (a cut
 * file: the decoder then reports the cut).
 */
async function firstStreamEnd(blob: Blob): Promise<number | null> {
  let candidates = 0
  for (let at = 0; at < blob.size; at += SCAN_CHUNK) {
    // The window starts 10 bytes early, so that a footer across two windows is whole in the second.
    const from = Math.max(0, at - 10)
    const span = await readSlice(blob, from, Math.min(blob.size, at + SCAN_CHUNK + 1))
    for (let i = span.indexOf(FOOTER_MAGIC[0], at - from); i >= 0 && i < at - from + SCAN_CHUNK; i = span.indexOf(FOOTER_MAGIC[0], i + 1)) {
      const end = from + i + 2
      if (span[i + 1] !== FOOTER_MAGIC[1] || end % 4 !== 0 || i < 10) continue
      // 2.1.2.1: the footer's CRC32 of Backward Size and Stream Flags, checked in memory before anything is read.
      if (crc32(span.subarray(i - 6, i)) !== readU32(span, i - 10)) continue
      if (++candidates > MAX_FOOTER_CANDIDATES) return null
      const stream = await readStreamFromFooter(blob, end)
      if (stream?.start === 0) return end
    }
  }
  return null
}

/** Where bytes that are not xz start after the first stream and its padding; a second stream is refused. */
async function trailingAfter(blob: Blob, end: number): Promise<number> {
  // Zero padding comes in words of 4 (2.2); a shorter run of zeros is trailing bytes.
  const nonZero = await startOfNonZero(blob, end)
  const at = end + Math.floor((nonZero - end) / 4) * 4
  const next = await readSlice(blob, at, at + HEADER_MAGIC.length)
  if (next.length === HEADER_MAGIC.length && HEADER_MAGIC.every((byte, i) => next[i] === byte)) {
    // Streams followed by bytes that are not xz: rare enough to refuse rather than guess where each ends.
    fail('UNSUPPORTED_FORMAT', `A second xz stream starts at offset ${at}, and the file does not end like xz (with a stream footer and zero padding); not read`, { offset: at })
  }
  return at
}

/**
 * The archive fields of an xz file, and where bytes that are not xz start after its streams (the decoder is
 * then handed the xz part only, as gzip's trailing bytes are reported). A check type or filter the decoder
 * cannot read (SHA-256, BCJ and Delta: the xz-embedded build has only LZMA2 and CRC32/CRC64) is a coded
 * error before anything is decoded.
 */
export async function readXzHeader(blob: Blob): Promise<{ fields: ArchiveFields; trailingAt?: number }> {
  const head = await readSlice(blob, 0, 1024)
  if (head.length < STREAM_HEADER_SIZE) fail('TRUNCATED', `The xz stream header needs ${STREAM_HEADER_SIZE} bytes, the file has ${head.length}`, { offset: 0 })
  if (!HEADER_MAGIC.every((byte, i) => head[i] === byte)) fail('CORRUPT_STRUCTURE', 'The file does not start with the xz header magic', { offset: 0 })
  if (crc32(head.subarray(6, 8)) !== readU32(head, 8)) fail('DECOMPRESSION_FAILED', 'The xz stream header CRC32 does not match its stream flags (xz file format 2.1.1.3)', { offset: 8 })
  const fields: ArchiveFields = { 'xz.checkType': checkName(head[7]) }
  if ((head[7] & 0x0f) === 0x0a) fail('UNSUPPORTED_FORMAT', 'The xz stream uses the SHA-256 check (xz --check=sha256), which the xz decoder reprodiff uses (xz-embedded) cannot verify; not read')
  if (head.length > STREAM_HEADER_SIZE && head[STREAM_HEADER_SIZE] !== 0x00) {
    const headerSize = (head[STREAM_HEADER_SIZE] + 1) * 4
    try {
      const described = describeBlockHeader(head.subarray(STREAM_HEADER_SIZE, STREAM_HEADER_SIZE + headerSize))
      fields['xz.filters'] = described.filters
      fields['xz.blockSizesStored'] = described.sizesStored
    } catch (thrown) {
      // A bad block header is the decoder's to report, with its own words; no field is made up for it.
      if (!(thrown instanceof CoreFailure)) throw thrown
    }
  }
  const filters = String(fields['xz.filters'] ?? '')
  if (filters !== '' && !/^LZMA2( \(|$)/.test(filters)) fail('UNSUPPORTED_FORMAT', `The xz stream uses the filters ${filters}; the xz decoder reprodiff uses (xz-embedded, built with LZMA2 only) cannot read them`)
  const streams = await readStreams(blob)
  if (streams !== null) {
    if (streams.streams > 1) fields['xz.streams'] = streams.streams
    fields['xz.blocks'] = streams.blocks
    if (streams.padding > 0) fields['xz.streamPadding'] = streams.padding
    return { fields }
  }
  // Not xz to the end: the decoder stops after its stream, so what follows is found here and reported.
  const end = await firstStreamEnd(blob)
  if (end === null) return { fields }
  const trailingAt = await trailingAfter(blob, end)
  return trailingAt < blob.size ? { fields, trailingAt } : { fields }
}

/** xz-embedded's return codes (xz.h, `enum xz_ret`), as the decoder reports them. */
const XZ_ERRORS: Record<string, { code: 'TRUNCATED' | 'DECOMPRESSION_FAILED'; words: string }> = {
  '3': { code: 'DECOMPRESSION_FAILED', words: 'the decoder ran out of memory (XZ_MEM_ERROR)' },
  '4': { code: 'DECOMPRESSION_FAILED', words: 'the dictionary is larger than the decoder allows (XZ_MEMLIMIT_ERROR)' },
  '5': { code: 'DECOMPRESSION_FAILED', words: 'not xz data (XZ_FORMAT_ERROR)' },
  '6': { code: 'DECOMPRESSION_FAILED', words: 'unsupported options: a filter or check the decoder does not know (XZ_OPTIONS_ERROR)' },
  '7': { code: 'DECOMPRESSION_FAILED', words: 'corrupt data or a check that does not match (XZ_DATA_ERROR)' },
  '8': { code: 'TRUNCATED', words: 'the compressed data ends early: the file is cut short (XZ_BUF_ERROR)' },
}

function xzFailure(thrown: unknown): unknown {
  if (thrown instanceof CoreFailure) return thrown
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  const known = XZ_ERRORS[/error code (\d+)/.exec(message)?.[1] ?? '']
  return new CoreFailure(known ? { code: known.code, message: `The xz stream cannot be read: ${known.words}` } : { code: 'DECOMPRESSION_FAILED', message: `The xz stream is corrupt (${message})` })
}

/**
 * Decodes xz as a stream. The decoder is pull-driven (it decodes one output buffer per read), so nothing is
 * inflated ahead of the reader, and `guard` sees every output before it is handed on.
 */
export function xzTransform(guard: OutputGuard): ReadableWritablePair<Uint8Array, Uint8Array> {
  const input = new TransformStream<Uint8Array, Uint8Array>()
  const decoded = new XzReadableStream(input.readable).getReader()
  let produced = 0
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await decoded.read()
        if (done) return controller.close()
        produced += value.length
        guard(produced)
        controller.enqueue(value)
      } catch (thrown) {
        // Cancelling frees the decoder: xz-decompress decodes one stream at a time and waits for the previous.
        await decoded.cancel().catch(() => undefined)
        throw xzFailure(thrown)
      }
    },
    cancel: (reason) => decoded.cancel(reason),
  }, { highWaterMark: 0 })
  return { writable: input.writable, readable }
}
