/**
 * Node's own kernels for the core (src/core/kernels.ts): OpenSSL's SHA-256 through node:crypto and zlib's inflate
 * and CRC-32 through node:zlib, synchronous, on the reading thread. In Node they are about 10× (SHA-256) and
 * 3× (inflate) faster than Web Crypto's thread-pool round trip and fflate (docs/performance.md), and a
 * synchronous digest needs no promise per member. Only the CLI and tests import this file; the core never does.
 * The streaming inflater stays fflate's: node:zlib's streaming form is asynchronous, and its synchronous one
 * closes the decoder after one call.
 */
import { createHash } from 'node:crypto'
import { crc32, createGunzip, createInflateRaw, gunzipSync, inflateRawSync, type Gunzip, type InflateRaw } from 'node:zlib'
import type { Kernels } from '../core/kernels'
import type { Bytes } from '../core/util/bytes'

/** Node's code for an output past `maxOutputLength`. */
const TOO_LARGE = 'ERR_BUFFER_TOO_LARGE'

/** A Buffer as the plain Uint8Array the core works with (same memory, no copy). */
const asBytes = (buffer: Buffer): Bytes => new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.length)

/**
 * zlib's raw inflate, stopped one byte past the declared size (maxOutputLength), so a member that lies about its
 * size allocates no more than fflate's bounded buffer would. A stream cut short says so in fflate's words, so the
 * commonest corruption reads the same with either kernel; other corruption keeps zlib's more precise message.
 */
function inflateRaw(compressed: Bytes, size: number): Bytes | null {
  try {
    return asBytes(inflateRawSync(compressed, { maxOutputLength: size + 1 }))
  } catch (thrown) {
    const { code } = thrown as NodeJS.ErrnoException
    if (code === TOO_LARGE) return null
    if (code === 'Z_BUF_ERROR') throw new Error('unexpected EOF')
    throw thrown
  }
}

/** gzip streams whose compressed bytes fit in this are decoded in one synchronous call. */
const WHOLE_GZIP_INPUT = 1024 * 1024
/** Past this output the one call stops, and the stream is decoded as a stream instead (a bomb holds no more). */
const WHOLE_GZIP_OUTPUT = 16 * 1024 * 1024
/** Output handed on in pieces of this size. */
const OUTPUT_PIECE = 1024 * 1024

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let at = 0
  for (const part of parts) (out.set(part, at), (at += part.length))
  return out
}

/**
 * gzip (RFC 1952) through zlib. Node's DecompressionStream is zlib too, but each one costs web-stream adapters and a
 * thread-pool round trip per chunk: about 0.3 ms of CPU per stream, which thousands of small nested `.gz` members
 * pay (docs/performance.md). A small stream is therefore held and decoded by one `gunzipSync` at its end; a larger
 * one, or one whose output passes the cap, goes through zlib's gunzip stream (`zlibStream`, what Node's
 * DecompressionStream('gzip') wraps, with output in 1 MiB pieces). Both are zlib's gunzip with its defaults, so
 * they accept, refuse and decode the same bytes (concatenated members, the trailer checks).
 */
function gunzip(): ReadableWritablePair<Uint8Array, Uint8Array> {
  const held: Uint8Array[] = []
  let heldSize = 0
  let stream: { writer: WritableStreamDefaultWriter<Uint8Array>; pumped: Promise<void> } | null = null
  const startStream = (controller: TransformStreamDefaultController<Uint8Array>) => {
    const platform = zlibStream(createGunzip({ chunkSize: STREAM_PIECE }))
    const reader = platform.readable.getReader()
    const pumped = (async () => {
      for (let next = await reader.read(); !next.done; next = await reader.read()) controller.enqueue(next.value)
    })()
    pumped.catch(() => undefined)
    stream = { writer: platform.writable.getWriter(), pumped }
    return stream
  }
  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      if (stream) return stream.writer.write(chunk)
      held.push(chunk)
      heldSize += chunk.length
      if (heldSize <= WHOLE_GZIP_INPUT) return
      const { writer } = startStream(controller)
      for (const part of held.splice(0)) await writer.write(part)
    },
    async flush(controller) {
      if (!stream) {
        const output = wholeGunzip(concat(held, heldSize))
        if (output) {
          for (let at = 0; at < output.length; at += OUTPUT_PIECE) controller.enqueue(output.subarray(at, at + OUTPUT_PIECE))
          return
        }
        const { writer } = startStream(controller)
        for (const part of held.splice(0)) await writer.write(part)
      }
      await stream!.writer.close()
      await stream!.pumped
    },
  })
}

/** The whole output, or null when it passes WHOLE_GZIP_OUTPUT; throws zlib's error on corrupt data. */
function wholeGunzip(input: Uint8Array): Uint8Array | null {
  try {
    return asBytes(gunzipSync(input, { maxOutputLength: WHOLE_GZIP_OUTPUT }))
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code === TOO_LARGE) return null
    throw thrown
  }
}

/**
 * Output pieces of the streaming raw inflater. Node's DecompressionStream hands zlib's output on in its default
 * 16 KiB pieces: a 1.6 GiB member was 100,000 Buffers, each hashed, CRC'd and collected (garbage collection took a
 * fifth of a worker's time on the 1 GB bench pair); in 1 MiB pieces the per-piece costs are paid 64 times less.
 */
const STREAM_PIECE = 1024 * 1024

/** zlib's raw inflate as a web stream pair, for zip members too large to hold (kernels.ts `inflateRawStream`). */
function inflateRawStream(): ReadableWritablePair<Uint8Array, Uint8Array> {
  return zlibStream(createInflateRaw({ chunkSize: STREAM_PIECE }))
}

/**
 * A zlib stream as a web stream pair. Each input chunk is written and its output handed on before the next is taken
 * (zlib calls a write back once it has pushed all that chunk's output), so no more than one chunk's input and output
 * is held however large the stream: `Duplex.toWeb` took input as fast as it was read, and the 1 GB pair's CLI
 * peaked at 1.6 GB.
 */
function zlibStream(zlib: InflateRaw | Gunzip): ReadableWritablePair<Uint8Array, Uint8Array> {
  let output: TransformStreamDefaultController<Uint8Array> | null = null
  zlib.on('data', (piece: Buffer) => output?.enqueue(asBytes(piece)))
  // zlib destroys itself on corrupt data without calling the pending write back: its 'error' ends every wait.
  const failed = new Promise<never>((_, reject) => zlib.once('error', reject))
  failed.catch(() => undefined)
  const write = (chunk: Uint8Array) => Promise.race([new Promise<void>((resolve) => zlib.write(chunk, (error) => (error ? undefined : resolve()))), failed])
  const end = () => Promise.race([new Promise<void>((resolve) => (zlib.once('end', resolve), zlib.end())), failed])
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      output = controller
    },
    transform: (chunk) => write(chunk),
    flush: () => end(),
  })
}

export const NODE_KERNELS: Partial<Kernels> = {
  sha256: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  createSha256() {
    const hash = createHash('sha256')
    return {
      update: (bytes) => void hash.update(bytes),
      digestHex: () => hash.digest('hex'),
    }
  },
  inflateRaw,
  inflateRawStream,
  gunzip,
  crc32: (bytes, previous) => crc32(bytes, previous),
}
