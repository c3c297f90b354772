/**
 * XXH64 (xxHash specification, "XXH64 algorithm description", github.com/Cyan4973/xxHash doc/xxhash_spec.md),
 * streaming, seed 0: the Zstandard content checksum is its low 32 bits (RFC 8878 3.1.1). 64-bit words are
 * kept as two unsigned 32-bit halves, so no BigInt is needed in the hot loop.
 */

type U64 = [hi: number, lo: number]

const P1: U64 = [0x9e3779b1, 0x85ebca87]
const P2: U64 = [0xc2b2ae3d, 0x27d4eb4f]
const P3: U64 = [0x165667b1, 0x9e3779f9]
const P4: U64 = [0x85ebca77, 0xc2b2ae63]
const P5: U64 = [0x27d4eb2f, 0x165667c5]
const TWO32 = 2 ** 32
/** The product of the last `mulTo`, a × b mod 2^64 (the hot loop allocates nothing per multiplication). */
let productHigh = 0
let productLow = 0

function add(a: U64, b: U64): U64 {
  const lo = a[1] + b[1]
  return [(a[0] + b[0] + (lo >= TWO32 ? 1 : 0)) >>> 0, lo >>> 0]
}

function sub(a: U64, b: U64): U64 {
  const lo = a[1] - b[1]
  return [(a[0] - b[0] - (lo < 0 ? 1 : 0)) >>> 0, lo >>> 0]
}

/** a × b mod 2^64 (mulTo below). */
function mul(a: U64, b: U64): U64 {
  mulTo(a[0], a[1], b[0], b[1])
  return [productHigh, productLow]
}

function rotl(a: U64, bits: number): U64 {
  const [hi, lo] = bits >= 32 ? [a[1], a[0]] : a
  const r = bits % 32
  if (r === 0) return [hi, lo]
  return [((hi << r) | (lo >>> (32 - r))) >>> 0, ((lo << r) | (hi >>> (32 - r))) >>> 0]
}

const xor = (a: U64, b: U64): U64 => [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0]
const shiftRight = (a: U64, bits: number): U64 => (bits >= 32 ? [0, a[0] >>> (bits - 32)] : [a[0] >>> bits, ((a[1] >>> bits) | (a[0] << (32 - bits))) >>> 0])
const lane = (bytes: Uint8Array, at: number): U64 => [
  (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16) | (bytes[at + 7] << 24)) >>> 0,
  (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0,
]

const round = (accumulator: U64, input: U64): U64 => mul(rotl(add(accumulator, mul(input, P2)), 31), P1)

function mulTo(aHigh: number, aLow: number, bHigh: number, bLow: number): void {
  const a0 = aLow & 0xffff, a1 = aLow >>> 16, b0 = bLow & 0xffff, b1 = bLow >>> 16
  // The high half of the 32 × 32-bit product from 16-bit parts (each part product is exact below 2^32).
  const p01 = a0 * b1, p10 = a1 * b0
  const carry = (((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff)) >>> 16
  productHigh = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + carry + Math.imul(aHigh, bLow) + Math.imul(aLow, bHigh)) >>> 0
  productLow = Math.imul(aLow, bLow) >>> 0
}

/** round() on lane `i` of `state` (high, low halves side by side), in place. */
function roundInPlace(state: Uint32Array, i: number, inputHigh: number, inputLow: number): void {
  mulTo(inputHigh, inputLow, P2[0], P2[1])
  const sum = state[2 * i + 1] + productLow
  const high = (state[2 * i] + productHigh + (sum >= TWO32 ? 1 : 0)) >>> 0
  const low = sum >>> 0
  // rotl 31, then × P1.
  mulTo(((high << 31) | (low >>> 1)) >>> 0, ((low << 31) | (high >>> 1)) >>> 0, P1[0], P1[1])
  state[2 * i] = productHigh
  state[2 * i + 1] = productLow
}
const mergeRound = (accumulator: U64, value: U64): U64 => add(mul(xor(accumulator, round([0, 0], value)), P1), P4)

export class Xxh64 {
  private state = Uint32Array.from([...add(P1, P2), ...P2, 0, 0, ...sub([0, 0], P1)])
  private buffer = new Uint8Array(32)
  private buffered = 0
  private total = 0

  update(bytes: Uint8Array): void {
    this.total += bytes.length
    let at = 0
    if (this.buffered > 0) {
      const take = Math.min(32 - this.buffered, bytes.length)
      this.buffer.set(bytes.subarray(0, take), this.buffered)
      this.buffered += take
      at = take
      if (this.buffered < 32) return
      this.stripe(this.buffer, 0)
      this.buffered = 0
    }
    for (; at + 32 <= bytes.length; at += 32) this.stripe(bytes, at)
    this.buffer.set(bytes.subarray(at), 0)
    this.buffered = bytes.length - at
  }

  private stripe(bytes: Uint8Array, at: number): void {
    for (let i = 0; i < 4; i++) {
      const from = at + 8 * i
      const low = (bytes[from] | (bytes[from + 1] << 8) | (bytes[from + 2] << 16) | (bytes[from + 3] << 24)) >>> 0
      const high = (bytes[from + 4] | (bytes[from + 5] << 8) | (bytes[from + 6] << 16) | (bytes[from + 7] << 24)) >>> 0
      roundInPlace(this.state, i, high, low)
    }
  }

  /** The low 32 bits of the digest, as Zstandard stores them. */
  digestLow32(): number {
    const lanes: U64[] = [0, 1, 2, 3].map((i) => [this.state[2 * i], this.state[2 * i + 1]])
    const [v1, v2, v3, v4] = lanes
    let h: U64 = this.total >= 32 ? add(add(rotl(v1, 1), rotl(v2, 7)), add(rotl(v3, 12), rotl(v4, 18))) : P5
    if (this.total >= 32) for (const v of lanes) h = mergeRound(h, v)
    h = add(h, [Math.floor(this.total / TWO32) >>> 0, this.total >>> 0])
    const tail = this.buffer
    let at = 0
    for (; at + 8 <= this.buffered; at += 8) h = add(mul(rotl(xor(h, round([0, 0], lane(tail, at))), 27), P1), P4)
    if (at + 4 <= this.buffered) {
      const word: U64 = [0, (tail[at] | (tail[at + 1] << 8) | (tail[at + 2] << 16) | (tail[at + 3] << 24)) >>> 0]
      h = add(mul(rotl(xor(h, mul(word, P1)), 23), P2), P3)
      at += 4
    }
    for (; at < this.buffered; at++) h = mul(rotl(xor(h, mul([0, tail[at]], P5)), 11), P1)
    h = mul(xor(h, shiftRight(h, 33)), P2)
    h = mul(xor(h, shiftRight(h, 29)), P3)
    h = xor(h, shiftRight(h, 32))
    return h[1]
  }
}
