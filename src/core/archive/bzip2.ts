/**
 * bzip2 as an outer wrapper. The format has no written specification; the reference is bzip2 1.0.8's
 * sources: a stream is "BZh" and the block size digit '1'–'9' (× 100,000 bytes, `bzip2 -1` … `-9`), then
 * blocks (magic 0x314159265359, block CRC, Huffman-coded BWT data) and an end marker (0x177245385090,
 * combined CRC). pbzip2 writes several such streams one after the other, and bzip2(1) and Python read them
 * as one file. Blocks are decoded by unbzip2-stream's pure-JavaScript decoder (`lib/bzip2.js`, which checks
 * every block CRC and the stream CRC), driven here block by block: a block is only decoded once all of its
 * bytes are there, and its output is handed on in slices that `guard` sees first, so a bomb stops early.
 */
// @ts-expect-error -- unbzip2-stream ships no types; the part used is typed by Bzip2Core below.
import unbzip2Core from 'unbzip2-stream/lib/bzip2.js'
import { CoreFailure, fail } from '../errors'
import type { ArchiveFields } from '../types'
import { concatBytes } from '../util/bytes'
import type { OutputGuard, PushDecoder } from './decompressors'

/** unbzip2-stream `lib/bzip2.js`: header() reads "BZh" and the digit; decompress() one block, or null at the end marker. */
interface Bzip2Core {
  header(bits: BitReader): number
  decompress(bits: BitReader, write: (byte: number) => void, buffer: Int32Array, bufferSize: number, streamCrc: number): number | null
}
type BitReader = (count: number | null) => number

const decoder = unbzip2Core as Bzip2Core
const BLOCK_UNIT = 100_000
/** Output is handed on in slices of this size. */
const OUTPUT_SLICE = 64 * 1024

/** Thrown by the bit reader when the bytes buffered so far end inside a block: decode it again with more. */
class NeedMoreInput extends Error {}

/** The archive field of a bzip2 file: the block size digit of its (first) stream header. */
export function readBzip2Header(head: Uint8Array): ArchiveFields {
  if (head.length < 4 || head[0] !== 0x42 || head[1] !== 0x5a || head[2] !== 0x68) fail('CORRUPT_STRUCTURE', 'The file does not start with the bzip2 magic "BZh"', { offset: 0 })
  const digit = head[3] - 0x30
  if (digit < 1 || digit > 9) fail('DECOMPRESSION_FAILED', `The bzip2 block size byte is 0x${head[3].toString(16)}, not a digit 1–9`, { offset: 3 })
  return { 'bzip2.blockSize': digit }
}

/** MSB-first bits over one buffer, as bzip2 writes them; position in bits, so a block can be read again. */
function bitReaderOver(bytes: Uint8Array, state: { bit: number }): BitReader {
  return (count) => {
    if (count === null) {
      state.bit = Math.ceil(state.bit / 8) * 8
      return 0
    }
    let result = 0
    for (let left = count; left > 0; ) {
      const byte = state.bit >>> 3
      if (byte >= bytes.length) throw new NeedMoreInput()
      const offset = state.bit & 7
      const take = Math.min(8 - offset, left)
      result = (result << take) | ((bytes[byte] >>> (8 - offset - take)) & ((1 << take) - 1))
      state.bit += take
      left -= take
    }
    return result
  }
}

interface DecodeState {
  pending: Uint8Array[]
  pendingBytes: number
  /** The block size digit of the stream being read, or 0 between streams. */
  level: number
  streamCrc: number
  streams: number
  /** Offset in the compressed stream of `pending`'s first byte, and the bits of that byte already read. */
  baseByte: number
  startBit: number
  produced: number
  /** The block buffer: one Int32 per byte of the block size (the BWT vector). */
  buffer: Int32Array
}

export interface Bzip2Log {
  streams: number
  /** Where bytes that are not bzip2 start after the last stream, when there are any. */
  trailingAt: number | null
}

/** Output in 64 KiB slices, each shown to `guard` (with the running total) before it is handed on. */
function sliceWriter(state: DecodeState, guard: OutputGuard, emit: (output: Uint8Array) => void) {
  let output = new Uint8Array(OUTPUT_SLICE)
  let filled = 0
  const flush = () => {
    if (filled === 0) return
    state.produced += filled
    guard(state.produced)
    emit(output.subarray(0, filled))
    output = new Uint8Array(OUTPUT_SLICE)
    filled = 0
  }
  const write = (byte: number) => {
    output[filled++] = byte
    if (filled === OUTPUT_SLICE) flush()
  }
  return { write, flush }
}

const isStreamHeader = (bytes: Uint8Array, at: number) => bytes[at] === 0x42 && bytes[at + 1] === 0x5a && bytes[at + 2] === 0x68

/**
 * Decodes what the buffered bytes hold completely: stream headers, blocks, end markers. Returns the bit
 * position up to which they were consumed. Until the end of the input, a block is tried only once there is
 * room for its largest compressed size (as unbzip2-stream does: the block size plus 25,000 bytes).
 */
function decodeBuffered(bytes: Uint8Array, state: DecodeState, log: Bzip2Log, writer: ReturnType<typeof sliceWriter>, final: boolean): number {
  const position = { bit: state.startBit }
  const bits = bitReaderOver(bytes, position)
  for (;;) {
    const start = position.bit
    if ((start >>> 3) >= bytes.length || (!final && bytes.length - (start >>> 3) < (state.level || 1) * BLOCK_UNIT + 25_000)) return start
    try {
      if (state.level === 0) {
        if (state.streams > 0 && !isStreamHeader(bytes, start >>> 3)) {
          // Not another stream: bzip2(1) ignores such trailing bytes with a warning, Python's tarfile silently.
          log.trailingAt = state.baseByte + (start >>> 3)
          return bytes.length * 8
        }
        state.level = decoder.header(bits)
        state.streamCrc = 0
        if (state.buffer.length !== state.level * BLOCK_UNIT) state.buffer = new Int32Array(state.level * BLOCK_UNIT)
        continue
      }
      const crc = decoder.decompress(bits, writer.write, state.buffer, state.buffer.length, state.streamCrc)
      writer.flush()
      if (crc !== null) state.streamCrc = crc
      else {
        state.level = 0
        log.streams = ++state.streams
      }
    } catch (thrown) {
      if (!(thrown instanceof NeedMoreInput)) throw bzip2Failure(thrown)
      if (final) fail('TRUNCATED', `The bzip2 stream ends inside a block (the compressed data stops at byte ${state.baseByte + bytes.length}): the file is cut short`)
      return start
    }
  }
}

/** A bzip2 decoder; `log` says, once it has ended, how many streams it read and where trailing bytes start. */
export function bzip2Decoder(guard: OutputGuard, log: Bzip2Log = { streams: 0, trailingAt: null }): PushDecoder {
  const state: DecodeState = { pending: [], pendingBytes: 0, level: 0, streamCrc: 0, streams: 0, baseByte: 0, startBit: 0, produced: 0, buffer: new Int32Array(0) }
  return (input, emit) => {
    if (input !== null) {
      state.pending.push(input)
      state.pendingBytes += input.length
    }
    const final = input === null
    // After bytes that are not bzip2 nothing more is decoded: they are trailing bytes to the end.
    if (log.trailingAt !== null) return void (state.pending = [])
    if (!final && state.pendingBytes < (state.level || 1) * BLOCK_UNIT + 25_000) return
    const bytes = concatBytes(state.pending, state.pendingBytes)
    const consumed = decodeBuffered(bytes, state, log, sliceWriter(state, guard, emit), final)
    // Blocks are bit-packed, not byte-aligned: a partly read byte is kept, with how many of its bits are read.
    const firstUnread = Math.min(consumed >>> 3, bytes.length)
    state.pending = [bytes.subarray(firstUnread)]
    state.pendingBytes = state.pending[0].length
    state.baseByte += firstUnread
    state.startBit = consumed - firstUnread * 8
    if (final && state.level !== 0 && log.trailingAt === null) fail('TRUNCATED', 'The bzip2 stream ends before its end-of-stream marker: the file is cut short')
  }
}

function bzip2Failure(thrown: unknown): unknown {
  if (thrown instanceof CoreFailure) return thrown
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return new CoreFailure({ code: 'DECOMPRESSION_FAILED', message: `The bzip2 stream is corrupt (${/crc32/i.test(message) ? 'a block or stream CRC does not match' : message})` })
}
