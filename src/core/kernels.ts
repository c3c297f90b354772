/**
 * The platform kernels the readers run on: SHA-256, raw inflate, gunzip, CRC-32. The core never imports a
 * platform's own (node:crypto, node:zlib): the caller passes them in (`ReadOptions.kernels`, merged over
 * `DEFAULT_KERNELS` by `resolveKernels`) and every reader takes them from its read context. The defaults are
 * what runs everywhere — the page's worker, a browser, Node — : Web Crypto, fflate and DecompressionStream,
 * the JavaScript SHA-256 and CRC-32. The CLI passes Node's (src/cli/node-kernels.ts), 3× and 10× faster there
 * (docs/performance.md). A kernel only computes: every check (sizes, CRC-32, ratio, limits) and every error
 * code stays in the readers, so the same input gives the same report with any set of kernels.
 */
import { Inflate, inflateSync } from 'fflate'
import { toHex, type Bytes } from './util/bytes'
import { crc32 } from './util/crc32'
import { Sha256 } from './util/sha256-stream'

/** An incremental SHA-256 (FIPS 180-4): bytes in pieces, then the digest in lowercase hex. */
export interface Sha256Hasher {
  update(bytes: Uint8Array): void
  digestHex(): string
}

/** A raw-deflate decoder fed its input in pieces; output goes to the callback given at creation as it comes. */
export interface RawInflater {
  /** Decodes `chunk` (`final` on the last one); throws on corrupt data, or when `final` comes before the stream ends. */
  push(chunk: Uint8Array, final: boolean): void
}

export interface Kernels {
  /** SHA-256 of bytes held whole, in hex; synchronous where the platform can (Node), a promise where not (Web Crypto). */
  sha256(bytes: Bytes): string | Promise<string>
  createSha256(): Sha256Hasher
  /**
   * Raw deflate (RFC 1951) of a zip member declared to hold `size` bytes: its output, of at most `size + 1` bytes,
   * or null when it inflates past `size + 1` (either way the reader names it as running past the declared size).
   * Throws on corrupt data. `streamThreshold` is `ReadOptions.streamInflateThreshold`: from that size on the
   * default decodes with DecompressionStream, faster in Chromium; a platform with one fast decoder ignores it.
   */
  inflateRaw(compressed: Bytes, size: number, streamThreshold: number): Bytes | null | Promise<Bytes | null>
  /** The streaming form, synchronous (the hex view's ranges, member-range.ts; gunzip.ts's probe). */
  createInflateRaw(onData: (chunk: Uint8Array) => void): RawInflater
  /**
   * The platform's raw deflate decoder as a stream, for zip members too large to hold (at or above
   * `streamHashThreshold`, zip-stream.ts), or null for fflate's streaming inflater. DecompressionStream decodes
   * about four times as fast as fflate's streaming form (878 against 209 MB/s on a 256 MiB member in Chromium here;
   * Node's is zlib's), and a chunk of megabytes pays its stream costs once.
   */
  inflateRawStream(): ReadableWritablePair<Uint8Array, Uint8Array> | null
  /** The platform's gzip decoder for the first reading of a gzip stream, or null for fflate's (gunzip.ts). */
  gunzip(): ReadableWritablePair<Uint8Array, Uint8Array> | null
  /** CRC-32 of zip (APPNOTE 4.4.7) and gzip (RFC 1952 section 8), continuing from `previous` (0 to start). */
  crc32(bytes: Uint8Array, previous: number): number
}

async function webCryptoSha256(bytes: Bytes): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))
}

/**
 * Below this size the FIPS 180-4 SHA-256 in JavaScript is faster than a Web Crypto call (about 2 µs
 * against 10 µs for one byte in Node 20), which matters for zips of 100,000 small members.
 */
const SYNC_HASH_LIMIT = 1024

function defaultSha256(bytes: Bytes): string | Promise<string> {
  return bytes.length < SYNC_HASH_LIMIT ? new Sha256().update(bytes).digestHex() : webCryptoSha256(bytes)
}

/** Input slices for the overrun check: each one inflates to at most about 1032 times its size (RFC 1951 limits). */
const CHECK_SLICE = 16 * 1024

function fflateInflateRaw(compressed: Bytes, size: number): Bytes | null {
  try {
    // One spare byte: if it gets written, the stream holds more than the header declares.
    return inflateSync(compressed, { out: new Uint8Array(size + 1) }) as Bytes
  } catch (thrown) {
    // fflate copies a stored block into the fixed buffer in one piece, and throws a RangeError when the
    // block runs past it: tell that from corrupt data by inflating again without the bound.
    if (inflatesPast(compressed, size)) return null
    throw thrown
  }
}

/** True when the stream yields more than `limit` bytes before it ends or fails; stops as soon as it does. */
function inflatesPast(compressed: Bytes, limit: number): boolean {
  let total = 0
  const inflater = new Inflate((chunk) => {
    total += chunk.length
  })
  try {
    for (let at = 0; at < compressed.length && total <= limit; at += CHECK_SLICE) {
      inflater.push(compressed.subarray(at, at + CHECK_SLICE), at + CHECK_SLICE >= compressed.length)
    }
  } catch {
    // Corrupt after the part already counted: only the count matters.
  }
  return total > limit
}

/**
 * DecompressionStream('deflate-raw'), stopped one byte past `size`. It refuses bytes after the end of the deflate
 * stream, which fflate and zlib (the CLI's kernel) read past without a word: a stream it refuses is inflated again
 * by fflate, so the page and the CLI give one answer (fflate's error, when the data is corrupt).
 */
async function streamInflateRaw(compressed: Bytes, size: number): Promise<Bytes | null> {
  try {
    return await platformInflateRaw(compressed, size)
  } catch {
    return fflateInflateRaw(compressed, size)
  }
}

/**
 * Written and read directly: through a Blob's stream and `pipeThrough` each member cost about 0.75 ms before its
 * first byte, so fflate won below 1 MiB; this way it costs about 30 µs, and wins from about 32 KiB
 * (docs/performance.md).
 */
async function platformInflateRaw(compressed: Bytes, size: number): Promise<Bytes | null> {
  const stream = new DecompressionStream('deflate-raw')
  const writer = stream.writable.getWriter()
  // The write fails when the data does, and the reader reports that failure.
  writer.write(compressed).then(() => writer.close()).catch(() => undefined)
  const reader = stream.readable.getReader()
  const out = new Uint8Array(size + 1)
  let total = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    if (total + value.length > size + 1) {
      await reader.cancel()
      return null
    }
    out.set(value, total)
    total += value.length
  }
  return out.subarray(0, total)
}

export const DEFAULT_KERNELS: Kernels = {
  sha256: defaultSha256,
  createSha256: () => new Sha256(),
  inflateRaw: (compressed, size, streamThreshold) => size >= streamThreshold && typeof DecompressionStream === 'function'
    ? streamInflateRaw(compressed, size)
    : fflateInflateRaw(compressed, size),
  createInflateRaw: (onData) => new Inflate((chunk) => onData(chunk)),
  inflateRawStream: () => (typeof DecompressionStream === 'function' ? (new DecompressionStream('deflate-raw') as ReadableWritablePair<Uint8Array, Uint8Array>) : null),
  gunzip: () => (typeof DecompressionStream === 'function' ? (new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>) : null),
  crc32: (bytes, previous) => crc32(bytes, previous),
}

/** The caller's kernels over the defaults (a platform may replace only some). */
export function resolveKernels(kernels?: Partial<Kernels>): Kernels {
  return kernels ? { ...DEFAULT_KERNELS, ...kernels } : DEFAULT_KERNELS
}
