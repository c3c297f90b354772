/**
 * Zstandard (RFC 8878) as an outer wrapper. The archive fields are the first frame's header (3.1.1.1):
 * whether it stores the content size (`zstd` does when it knows the input size, not from a pipe), the
 * single-segment flag, the content checksum flag (`--no-check`), the window size (follows the level and
 * `--long`) and the dictionary ID. Decoding is fzstd (pure JavaScript, streaming, by fflate's author), one
 * decoder per frame; fzstd skips the optional content checksum, so the frames are walked here and each
 * checksum is checked against XXH64 of the frame's output (xxh64.ts).
 */
import { Decompress } from 'fzstd'
import { CoreFailure, fail } from '../errors'
import type { ArchiveFields } from '../types'
import type { OutputGuard, PushDecoder } from './decompressors'
import { concatBytes } from '../util/bytes'
import { Xxh64 } from '../util/xxh64'

/** RFC 8878 3.1.1 Magic_Number 0xFD2FB528, little-endian. */
const MAGIC = [0x28, 0xb5, 0x2f, 0xfd]
/** fzstd is fed at most this much at once, so that one push decodes a bounded number of blocks. */
const INPUT_SLICE = 4096

const le = (bytes: Uint8Array, at: number, size: number) => {
  let value = 0
  for (let i = size - 1; i >= 0; i--) value = value * 256 + bytes[at + i]
  return value
}

/** RFC 8878 3.1.1.1: the fields of the first frame header. */
export function readZstdFrameHeader(head: Uint8Array): ArchiveFields {
  if (!MAGIC.every((byte, i) => head[i] === byte)) fail('CORRUPT_STRUCTURE', 'The file does not start with the Zstandard magic number', { offset: 0 })
  if (head.length < 6) fail('TRUNCATED', 'The Zstandard frame header is cut short', { offset: 4 })
  // 3.1.1.1.1 Frame_Header_Descriptor: FCS flag (bits 7–6), Single_Segment (5), reserved (3), checksum (2), DID flag (1–0).
  const descriptor = head[4]
  const contentSizeFlag = descriptor >> 6
  const singleSegment = (descriptor & 0x20) !== 0
  if (descriptor & 0x08) fail('DECOMPRESSION_FAILED', 'The Zstandard frame header sets its reserved bit (RFC 8878 3.1.1.1.1.5)', { offset: 4 })
  const dictionaryIdSize = [0, 1, 2, 4][descriptor & 0x03]
  const contentSizeSize = [singleSegment ? 1 : 0, 2, 4, 8][contentSizeFlag]
  let at = 5
  let windowSize: number | null = null
  if (!singleSegment) {
    // 3.1.1.1.2 Window_Descriptor: exponent (bits 7–3) and mantissa (2–0).
    const windowBase = 2 ** (10 + (head[at] >> 3))
    windowSize = windowBase + (windowBase / 8) * (head[at] & 0x07)
    at += 1
  }
  if (head.length < at + dictionaryIdSize + contentSizeSize) fail('TRUNCATED', 'The Zstandard frame header is cut short', { offset: at })
  const dictionaryId = le(head, at, dictionaryIdSize)
  at += dictionaryIdSize
  // 3.1.1.1.4 Frame_Content_Size: with 2 bytes, 256 is added.
  const contentSize = contentSizeSize === 0 ? null : le(head, at, contentSizeSize) + (contentSizeSize === 2 ? 256 : 0)
  return {
    'zstd.frameContentSize': contentSize,
    'zstd.singleSegment': singleSegment,
    'zstd.checksumFlag': (descriptor & 0x04) !== 0,
    // Single-segment frames have no window descriptor: the window is the content size (3.1.1.1.2).
    'zstd.windowSize': windowSize ?? contentSize,
    'zstd.dictionaryId': dictionaryId,
  }
}

function zstdFailure(thrown: unknown): unknown {
  if (thrown instanceof CoreFailure) return thrown
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  if (/unexpected EOF/i.test(message)) return new CoreFailure({ code: 'TRUNCATED', message: 'The Zstandard stream ends early: the file is cut short' })
  return new CoreFailure({ code: 'DECOMPRESSION_FAILED', message: `The Zstandard stream is corrupt (${message})` })
}

/** RFC 8878 3.1.2: skippable frames have magic 0x184D2A50–0x184D2A5F, then a 4-byte size. */
const isSkippableMagic = (bytes: Uint8Array, at: number) => (bytes[at] & 0xf0) === 0x50 && bytes[at + 1] === 0x2a && bytes[at + 2] === 0x4d && bytes[at + 3] === 0x18
const u32 = (bytes: Uint8Array, at: number) => le(bytes, at, 4)

/** The frame header size (magic included), from its descriptor (3.1.1.1). */
function frameHeaderSize(descriptor: number): number {
  const singleSegment = (descriptor & 0x20) !== 0
  return 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 0x03] + [singleSegment ? 1 : 0, 2, 4, 8][descriptor >> 6]
}

type Part = 'magic' | 'skippableSize' | 'skipped' | 'descriptor' | 'header' | 'blockHeader' | 'blockContent' | 'checksum'

/**
 * Walks the frames as the bytes go by (3.1.1: header, blocks behind 3-byte headers, the optional 4-byte
 * content checksum; 3.1.2: skippable frames), so that each frame is decoded by its own fzstd decoder and its
 * checksum, which fzstd skips, is checked against XXH64 of what the frame produced.
 */
class FrameWalker {
  /** What the next bytes are, and how many it still needs (always at least 1). */
  private part: Part = 'magic'
  private needed = 4
  private lastBlock = false
  private hasChecksum = false
  /** Offset in the compressed stream of the next byte. */
  private offset = 0
  private held: Uint8Array[] = []
  private heldBytes = 0
  private decoder: Decompress | null = null
  private hash = new Xxh64()
  private produced = 0
  emit: (output: Uint8Array) => void = () => undefined

  constructor(private readonly guard: OutputGuard) {}

  push(input: Uint8Array): void {
    for (let at = 0; at < input.length; ) {
      const take = Math.min(this.needed, input.length - at)
      this.step(input.subarray(at, at + take))
      at += take
    }
  }

  end(): void {
    if (this.part !== 'magic' || this.heldBytes > 0) fail('TRUNCATED', 'The Zstandard stream ends inside a frame: the file is cut short')
  }

  /** Consumes at most `needed` bytes: block content and skipped bytes stream, every other part is whole. */
  private step(bytes: Uint8Array): void {
    const at = this.offset
    this.offset += bytes.length
    this.needed -= bytes.length
    if (this.part === 'blockContent' || this.part === 'skipped') {
      if (this.part === 'blockContent') this.feed(bytes)
      if (this.needed === 0) this.part === 'skipped' ? this.next('magic', 4) : this.afterBlock()
      return
    }
    this.held.push(bytes)
    this.heldBytes += bytes.length
    if (this.needed > 0) return
    const part = concatBytes(this.held, this.heldBytes)
    this.held = []
    this.heldBytes = 0
    this.readPart(part, at + bytes.length - part.length)
  }

  private readPart(part: Uint8Array, at: number): void {
    switch (this.part) {
      case 'magic': return this.readMagic(part, at)
      case 'skippableSize': return u32(part, 0) > 0 ? this.next('skipped', u32(part, 0)) : this.next('magic', 4)
      case 'descriptor': {
        this.feed(part)
        this.hasChecksum = (part[0] & 0x04) !== 0
        const rest = frameHeaderSize(part[0]) - 5
        return rest > 0 ? this.next('header', rest) : this.next('blockHeader', 3)
      }
      case 'header':
        this.feed(part)
        return this.next('blockHeader', 3)
      case 'blockHeader': return this.readBlockHeader(part)
      default: return this.readChecksum(part, at)
    }
  }

  private readMagic(part: Uint8Array, at: number): void {
    if (isSkippableMagic(part, 0)) return this.next('skippableSize', 4)
    if (!MAGIC.every((byte, i) => part[i] === byte)) fail('DECOMPRESSION_FAILED', `The bytes at offset ${at} are not a Zstandard frame (RFC 8878 3.1)`, { offset: at })
    const hash = (this.hash = new Xxh64())
    this.decoder = new Decompress((block) => {
      if (block.length === 0) return
      this.produced += block.length
      this.guard(this.produced)
      hash.update(block)
      this.emit(block)
    })
    this.feed(part)
    this.next('descriptor', 1)
  }

  private readBlockHeader(part: Uint8Array): void {
    this.feed(part)
    const header = part[0] | (part[1] << 8) | (part[2] << 16)
    this.lastBlock = (header & 1) === 1
    // 3.1.1.2: an RLE block has one byte of content whatever its size.
    const size = ((header >> 1) & 3) === 1 ? 1 : header >>> 3
    if (size > 0) this.next('blockContent', size)
    else this.afterBlock()
  }

  /** The checksum: the low 32 bits of XXH64 of the frame's content, little-endian (3.1.1). */
  private readChecksum(part: Uint8Array, at: number): void {
    this.feed(part)
    const stored = u32(part, 0)
    const computed = this.hash.digestLow32()
    if (stored !== computed) fail('DECOMPRESSION_FAILED', `The Zstandard content checksum does not match (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)}; RFC 8878 3.1.1)`, { offset: at })
    this.endFrame()
  }

  private afterBlock(): void {
    if (!this.lastBlock) this.next('blockHeader', 3)
    else if (this.hasChecksum) this.next('checksum', 4)
    else this.endFrame()
  }

  private endFrame(): void {
    this.decoder!.push(new Uint8Array(0), true)
    this.decoder = null
    this.next('magic', 4)
  }

  private feed(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += INPUT_SLICE) this.decoder!.push(bytes.subarray(at, at + INPUT_SLICE), false)
  }

  private next(part: Part, needed: number): void {
    this.part = part
    this.needed = needed
  }
}

/** A Zstandard decoder: each decoded block goes past `guard` before it is handed on, each checksum is checked. */
export function zstdDecoder(guard: OutputGuard): PushDecoder {
  const walker = new FrameWalker(guard)
  return (input, emit) => {
    walker.emit = emit
    try {
      if (input === null) walker.end()
      else walker.push(input)
    } catch (thrown) {
      throw zstdFailure(thrown)
    }
  }
}
