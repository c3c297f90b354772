/**
 * Raw deflate (RFC 1951) for zip members. fflate is fastest for small members and in Node; Chromium's
 * DecompressionStream beats it by 30–85 % on members of 1 MB and more (docs/performance.md), so large
 * members take that path when the caller asks for it. Output is bounded by the declared size plus one
 * byte, so a member that lies about its size cannot allocate past it; a stream that goes on past its
 * declared size is named as that (CORRUPT_STRUCTURE), never as corrupt deflate data.
 */
import { Inflate, inflateSync } from 'fflate'
import { fail } from '../errors'
import { concatBytes, type Bytes } from '../util/bytes'

/** Input slices for the overrun check: each one inflates to at most about 1032 times its size (RFC 1951 limits). */
const CHECK_SLICE = 16 * 1024

export async function inflateRaw(compressed: Bytes, declaredSize: number, streamThreshold: number): Promise<Bytes> {
  const bytes = declaredSize >= streamThreshold && typeof DecompressionStream === 'function'
    ? await inflateWithStream(compressed, declaredSize)
    : inflateWithBuffer(compressed, declaredSize)
  if (bytes.length > declaredSize) failPastDeclaredSize(declaredSize)
  return bytes
}

function failPastDeclaredSize(declaredSize: number): never {
  return fail('CORRUPT_STRUCTURE', `the central directory declares ${declaredSize.toLocaleString('en-US')} bytes, but the deflate stream inflates past them`)
}

function inflateWithBuffer(compressed: Bytes, declaredSize: number): Bytes {
  try {
    // One spare byte: if it gets written, the stream holds more than the header declares.
    return inflateSync(compressed, { out: new Uint8Array(declaredSize + 1) }) as Bytes
  } catch (thrown) {
    // fflate copies a stored block into the fixed buffer in one piece, and throws a RangeError when the
    // block runs past it: tell that from corrupt data by inflating again without the bound.
    if (inflatesPast(compressed, declaredSize)) failPastDeclaredSize(declaredSize)
    return fail('DECOMPRESSION_FAILED', `Deflate data is corrupt: ${(thrown as Error).message}`)
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

async function inflateWithStream(compressed: Bytes, declaredSize: number): Promise<Bytes> {
  const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
  const reader = stream.getReader()
  const parts: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      parts.push(value)
      total += value.length
      if (total > declaredSize) {
        await reader.cancel()
        break
      }
    }
  } catch (thrown) {
    return fail('DECOMPRESSION_FAILED', `Deflate data is corrupt: ${(thrown as Error).message}`)
  }
  if (total > declaredSize) failPastDeclaredSize(declaredSize)
  return concatBytes(parts, total)
}
