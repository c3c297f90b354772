/**
 * Incremental SHA-256 (FIPS 180-4, section 6.2) for inputs too large to hand to `crypto.subtle.digest`
 * in one buffer, which Web Crypto requires (it cannot stream). Memory stays at one 64-byte block.
 * About 5x slower than Web Crypto, so it is used only above a size threshold.
 */
import { toHex } from './bytes'

/** First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2). */
/** Int32 storage keeps V8 on small-integer arithmetic; values are the same bits. */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

export class Sha256 {
  /** Initial hash value (FIPS 180-4, 5.3.3). */
  private readonly state = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])
  private readonly block = new Uint8Array(64)
  private readonly words = new Int32Array(64)
  private blockLength = 0
  private totalLength = 0

  update(bytes: Uint8Array): this {
    let at = 0
    this.totalLength += bytes.length
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, bytes.length)
      this.block.set(bytes.subarray(0, take), this.blockLength)
      this.blockLength += take
      at = take
      if (this.blockLength < 64) return this
      this.compress(this.block, 0)
      this.blockLength = 0
    }
    for (; at + 64 <= bytes.length; at += 64) this.compress(bytes, at)
    this.block.set(bytes.subarray(at), 0)
    this.blockLength = bytes.length - at
    return this
  }

  /** Pads (a 1 bit, zeros, the 64-bit bit length; FIPS 180-4, 5.1.1) and returns the digest as hex. */
  digestHex(): string {
    const bitLength = this.totalLength * 8
    const padding = new Uint8Array((this.blockLength < 56 ? 56 : 120) - this.blockLength + 8)
    padding[0] = 0x80
    const view = new DataView(padding.buffer)
    view.setUint32(padding.length - 8, Math.floor(bitLength / 0x100000000))
    view.setUint32(padding.length - 4, bitLength >>> 0)
    this.update(padding)
    const out = new Uint8Array(32)
    const outView = new DataView(out.buffer)
    this.state.forEach((word, i) => outView.setUint32(i * 4, word >>> 0))
    return toHex(out)
  }

  /** One 512-bit block (FIPS 180-4, 6.2.2). */
  private compress(bytes: Uint8Array, at: number): void {
    const w = this.words
    for (let t = 0; t < 16; t++) {
      const i = at + t * 4
      w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]
      const y = w[t - 2]
      const sigma0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
      const sigma1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
      w[t] = (w[t - 16] + sigma0 + w[t - 7] + sigma1) | 0
    }
    const s = this.state
    // Plain locals, not destructuring: iterating a typed array per block costs more than the block itself.
    let a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7]
    for (let t = 0; t < 64; t++) {
      const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const choose = (e & f) ^ (~e & g)
      const t1 = (h + sum1 + choose + K[t] + w[t]) | 0
      const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const majority = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (sum0 + majority) | 0
      h = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h
  }
}
