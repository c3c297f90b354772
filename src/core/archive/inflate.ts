/**
 * Raw deflate (RFC 1951) for zip members. fflate is fastest for small members and in Node; Chromium's
 * DecompressionStream beats it by 30–85 % on members of 1 MB and more (docs/performance.md), so large
 * members take that path when the caller asks for it. Output is bounded by the declared size plus one
 * byte, so a member that lies about its size cannot allocate past it.
 */
import { inflateSync } from 'fflate'
import { fail } from '../errors'
import { concatBytes, type Bytes } from '../util/bytes'

export async function inflateRaw(compressed: Bytes, declaredSize: number, streamThreshold: number): Promise<Bytes> {
  if (declaredSize >= streamThreshold && typeof DecompressionStream === 'function') {
    return inflateWithStream(compressed, declaredSize)
  }
  try {
    // One spare byte: if it gets written, the stream holds more than the header declares.
    const out = new Uint8Array(declaredSize + 1)
    const result = inflateSync(compressed, { out })
    return result as Bytes
  } catch (thrown) {
    return fail('DECOMPRESSION_FAILED', `Deflate data is corrupt: ${(thrown as Error).message}`)
  }
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
  return concatBytes(parts, total)
}
