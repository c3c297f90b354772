/**
 * Raw LZMA1 for zip method 14, written from the LZMA SDK's lzma-specification.txt (Igor Pavlov; the
 * reference decoder LzmaSpec.cpp). xz decoders read only LZMA2 inside .xz, not this. The zip framing is
 * APPNOTE 6.3.10 section 5.8.8: LZMA SDK version (2 bytes), properties size (2 bytes, 5), the properties
 * (lc/lp/pb byte and a 4-byte dictionary size), then the range-coded stream; general-purpose bit 1 says an
 * end-of-stream marker ends it, otherwise it ends after the uncompressed size the zip headers declare.
 *
 * The decoder is resumable between symbols: it decodes only while at least MAX_SYMBOL_INPUT bytes are
 * buffered (until the input has ended), so it takes the input in slices and never holds the whole stream.
 * Output goes through a circular window no larger than the declared size needs, and every window's worth
 * passes `guard` before it is handed on.
 */
import { CoreFailure, fail } from '../errors'
import { readU16, readU32 } from '../util/bytes'
import type { OutputGuard, PushDecoder } from './decompressors'

/** One symbol (a literal or a match) reads at most about 40 bytes of range-coded input; keep a margin. */
const MAX_SYMBOL_INPUT = 64
const ZIP_HEADER_SIZE = 9
const BIT_MODEL_TOTAL = 1 << 11
const MOVE_BITS = 5
const TOP_VALUE = 2 ** 24
const END_POS_MODEL_INDEX = 14
const FULL_DISTANCES = 128
const ALIGN_BITS = 4
const STATES = 12
const POS_STATES_MAX = 16
const MATCH_MIN_LEN = 2
const END_MARKER = 0xffffffff

/** CLenDecoder: choice, choice2, low[16][8], mid[16][8], high[256], flattened. */
const LEN_CHOICE = 0
const LEN_CHOICE2 = 1
const LEN_LOW = 2
const LEN_MID = LEN_LOW + POS_STATES_MAX * 8
const LEN_HIGH = LEN_MID + POS_STATES_MAX * 8
const LEN_SIZE = LEN_HIGH + 256

const probs = (size: number) => new Uint16Array(size).fill(BIT_MODEL_TOTAL >>> 1)

export interface LzmaProperties {
  lc: number
  lp: number
  pb: number
  dictionarySize: number
}

/** APPNOTE 5.8.8 header, then lzma-specification.txt "LZMA properties". */
export function readLzmaZipHeader(head: Uint8Array): LzmaProperties {
  if (head.length < ZIP_HEADER_SIZE) fail('TRUNCATED', 'The LZMA member ends inside its 9-byte header (APPNOTE 5.8.8)')
  const propertiesSize = readU16(head, 2)
  if (propertiesSize !== 5) fail('DECOMPRESSION_FAILED', `The LZMA header gives a properties size of ${propertiesSize}, not 5 (APPNOTE 5.8.8)`)
  let d = head[4]
  if (d >= 9 * 5 * 5) fail('DECOMPRESSION_FAILED', `The LZMA properties byte 0x${d.toString(16)} is invalid (lzma-specification.txt: it must be below 225)`)
  const lc = d % 9
  d = (d - lc) / 9
  const lp = d % 5
  return { lc, lp, pb: (d - lp) / 5, dictionarySize: Math.max(readU32(head, 5), 1 << 12) }
}

class NeedInput extends Error {}

/** The probability arrays of one decoder, as lzma-specification.txt's CLzmaDecoder declares them. */
function createModels({ lc, lp }: LzmaProperties) {
  return {
    literal: probs(0x300 << (lc + lp)), isMatch: probs(STATES << 4), isRep: probs(STATES), isRepG0: probs(STATES), isRepG1: probs(STATES),
    isRepG2: probs(STATES), isRep0Long: probs(STATES << 4), posSlot: probs(4 << 6), posDecoders: probs(1 + FULL_DISTANCES - END_POS_MODEL_INDEX),
    align: probs(1 << ALIGN_BITS), length: probs(LEN_SIZE), repLength: probs(LEN_SIZE),
  }
}

class LzmaState {
  readonly models: ReturnType<typeof createModels>
  input: Uint8Array = new Uint8Array(0)
  at = 0
  range = 0xffffffff
  code = 0
  state = 0
  reps = [0, 0, 0, 0]
  total = 0
  finished = false
  readonly history!: Uint8Array
  historyAt = 0
  flushedAt = 0
  historyFull = false

  constructor(readonly properties: LzmaProperties, historySize: number, readonly emitHistory: (bytes: Uint8Array) => void) {
    this.models = createModels(properties)
    try {
      this.history = new Uint8Array(historySize)
    } catch {
      // The dictionary is the one allocation that follows the input (at most the declared size, under the member limit).
      return fail('LIMIT_EXCEEDED', `The LZMA dictionary of ${historySize.toLocaleString('en-US')} bytes cannot be allocated`)
    }
  }

  nextByte(): number {
    if (this.at >= this.input.length) throw new NeedInput()
    return this.input[this.at++]
  }

  /** lzma-specification.txt "The range decoder": Init reads a zero byte and the 4-byte code. */
  initRange(): void {
    if (this.nextByte() !== 0) fail('DECOMPRESSION_FAILED', 'The LZMA stream does not start with a zero byte (lzma-specification.txt, range decoder Init)')
    for (let i = 0; i < 4; i++) this.code = (this.code * 256 + this.nextByte()) >>> 0
    if (this.code === this.range) fail('DECOMPRESSION_FAILED', 'The LZMA stream is corrupt (its first code equals the range)')
  }

  private normalize(): void {
    if (this.range < TOP_VALUE) {
      this.range = (this.range * 256) >>> 0
      this.code = (this.code * 256 + this.nextByte()) >>> 0
    }
  }

  bit(model: Uint16Array, index: number): number {
    const p = model[index]
    const bound = (this.range >>> 11) * p
    let bit: number
    if (this.code < bound) {
      this.range = bound
      model[index] = p + ((BIT_MODEL_TOTAL - p) >>> MOVE_BITS)
      bit = 0
    } else {
      this.range -= bound
      this.code -= bound
      model[index] = p - (p >>> MOVE_BITS)
      bit = 1
    }
    this.normalize()
    return bit
  }

  directBits(count: number): number {
    let result = 0
    for (let i = 0; i < count; i++) {
      this.range >>>= 1
      let bit = 0
      if (this.code >= this.range) {
        this.code -= this.range
        bit = 1
      }
      result = result * 2 + bit
      this.normalize()
    }
    return result
  }

  bitTree(model: Uint16Array, offset: number, bits: number): number {
    let m = 1
    for (let i = 0; i < bits; i++) m = (m << 1) + this.bit(model, offset + m)
    return m - (1 << bits)
  }

  reverseBitTree(model: Uint16Array, offset: number, bits: number): number {
    let m = 1
    let symbol = 0
    for (let i = 0; i < bits; i++) {
      const bit = this.bit(model, offset + m)
      m = (m << 1) + bit
      symbol |= bit << i
    }
    return symbol
  }

  length(model: Uint16Array, posState: number): number {
    if (this.bit(model, LEN_CHOICE) === 0) return this.bitTree(model, LEN_LOW + posState * 8, 3)
    if (this.bit(model, LEN_CHOICE2) === 0) return 8 + this.bitTree(model, LEN_MID + posState * 8, 3)
    return 16 + this.bitTree(model, LEN_HIGH, 8)
  }

  /** The byte `distance + 1` back in the output. */
  back(distance: number): number {
    let at = this.historyAt - distance - 1
    if (at < 0) at += this.history.length
    return this.history[at]
  }

  put(byte: number): void {
    this.history[this.historyAt++] = byte
    this.total++
    if (this.historyAt === this.history.length) {
      this.flush()
      this.historyAt = 0
      this.flushedAt = 0
      this.historyFull = true
    }
  }

  flush(): void {
    if (this.historyAt > this.flushedAt) this.emitHistory(this.history.slice(this.flushedAt, this.historyAt))
    this.flushedAt = this.historyAt
  }
}

/** lzma-specification.txt "The literal decoder" (DecodeLiteral), with the matched-literal path after a match. */
function decodeLiteral(s: LzmaState): void {
  const { lc, lp } = s.properties
  const previous = s.total > 0 ? s.back(0) : 0
  const base = 0x300 * (((s.total & ((1 << lp) - 1)) << lc) + (previous >>> (8 - lc)))
  const model = s.models.literal
  let symbol = 1
  if (s.state >= 7) {
    let matchByte = s.back(s.reps[0])
    while (symbol < 0x100) {
      const matchBit = (matchByte >>> 7) & 1
      matchByte <<= 1
      const bit = s.bit(model, base + ((1 + matchBit) << 8) + symbol)
      symbol = (symbol << 1) | bit
      if (matchBit !== bit) break
    }
  }
  while (symbol < 0x100) symbol = (symbol << 1) | s.bit(model, base + symbol)
  s.put(symbol - 0x100)
}

/** DecodeDistance: a 6-bit slot, then reverse-coded or direct bits and 4 align bits. */
function decodeDistance(s: LzmaState, length: number): number {
  const slot = s.bitTree(s.models.posSlot, Math.min(length, 3) << 6, 6)
  if (slot < 4) return slot
  const directBits = (slot >>> 1) - 1
  let distance = (2 | (slot & 1)) * 2 ** directBits
  if (slot < END_POS_MODEL_INDEX) return distance + s.reverseBitTree(s.models.posDecoders, distance - slot, directBits)
  distance += s.directBits(directBits - ALIGN_BITS) * 16
  return distance + s.reverseBitTree(s.models.align, 0, ALIGN_BITS)
}

/** One symbol of the main loop of LzmaSpec.cpp's CLzmaDecoder::Decode. */
function decodeSymbol(s: LzmaState): void {
  const m = s.models
  const posState = s.total & ((1 << s.properties.pb) - 1)
  if (s.bit(m.isMatch, (s.state << 4) + posState) === 0) {
    decodeLiteral(s)
    s.state = s.state < 4 ? 0 : s.state < 10 ? s.state - 3 : s.state - 6
    return
  }
  const reps = s.reps
  let length: number
  if (s.bit(m.isRep, s.state) !== 0) {
    if (s.total === 0) fail('DECOMPRESSION_FAILED', 'The LZMA stream repeats a match before any output (corrupt data)')
    if (s.bit(m.isRepG0, s.state) === 0) {
      if (s.bit(m.isRep0Long, (s.state << 4) + posState) === 0) {
        s.state = s.state < 7 ? 9 : 11
        s.put(s.back(reps[0]))
        return
      }
    } else {
      let distance: number
      if (s.bit(m.isRepG1, s.state) === 0) distance = reps[1]
      else {
        if (s.bit(m.isRepG2, s.state) === 0) distance = reps[2]
        else ((distance = reps[3]), (reps[3] = reps[2]))
        reps[2] = reps[1]
      }
      reps[1] = reps[0]
      reps[0] = distance
    }
    length = s.length(m.repLength, posState)
    s.state = s.state < 7 ? 8 : 11
  } else {
    reps[3] = reps[2]
    reps[2] = reps[1]
    reps[1] = reps[0]
    length = s.length(m.length, posState)
    s.state = s.state < 7 ? 7 : 10
    reps[0] = decodeDistance(s, length)
    if (reps[0] === END_MARKER) return void (s.finished = true)
    if (reps[0] >= s.total || reps[0] >= s.properties.dictionarySize || (!s.historyFull && reps[0] >= s.historyAt) || reps[0] >= s.history.length) {
      fail('DECOMPRESSION_FAILED', `The LZMA stream refers ${reps[0] + 1} bytes back, before the start of its output or its dictionary (corrupt data)`)
    }
  }
  for (let i = 0; i < length + MATCH_MIN_LEN; i++) s.put(s.back(reps[0]))
}

/**
 * A zip method 14 decoder. `declaredSize` is the uncompressed size the zip headers give; with an
 * end-of-stream marker (`hasEndMarker`, flag bit 1) the stream must end with it, otherwise it ends there.
 */
export function lzmaZipDecoder(declaredSize: number, hasEndMarker: boolean, guard: OutputGuard): PushDecoder {
  let pending: Uint8Array = new Uint8Array(0)
  let s: LzmaState | null = null
  let produced = 0
  let out: (bytes: Uint8Array) => void = () => undefined
  const emitHistory = (bytes: Uint8Array) => {
    produced += bytes.length
    guard(produced)
    out(bytes)
  }
  return (input, emit) => {
    out = emit
    const final = input === null
    if (input) pending = pending.length === 0 ? input : concat(pending, input)
    if (!s) {
      if (pending.length < ZIP_HEADER_SIZE + 5 && !final) return
      const properties = readLzmaZipHeader(pending)
      // The window never needs to be larger than what the member may produce (plus one byte to detect an overrun).
      s = new LzmaState(properties, Math.max(1 << 12, Math.min(properties.dictionarySize, declaredSize + 1)), emitHistory)
      s.input = pending
      s.at = ZIP_HEADER_SIZE
      try {
        s.initRange()
      } catch (thrown) {
        if (thrown instanceof NeedInput) fail('TRUNCATED', 'The LZMA stream ends inside its range coder header')
        throw thrown
      }
    } else {
      s.input = pending
    }
    run(s, final, declaredSize, hasEndMarker)
    s.flush()
    pending = s.input.subarray(s.at)
    s.input = pending
    s.at = 0
  }
}

function run(s: LzmaState, final: boolean, declaredSize: number, hasEndMarker: boolean): void {
  for (;;) {
    if (s.finished || (!hasEndMarker && s.total >= declaredSize)) return void (s.finished = true)
    if (!final && s.input.length - s.at < MAX_SYMBOL_INPUT) return
    const mark = s.at
    try {
      decodeSymbol(s)
    } catch (thrown) {
      if (!(thrown instanceof NeedInput)) throw thrown instanceof CoreFailure ? thrown : new CoreFailure({ code: 'DECOMPRESSION_FAILED', message: `The LZMA stream is corrupt (${String(thrown)})` })
      s.at = mark
      return fail('TRUNCATED', `The LZMA stream ends before its ${hasEndMarker ? 'end-of-stream marker' : 'declared size'}: the data is cut short`)
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}
