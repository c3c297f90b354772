/**
 * Raw deflate (RFC 1951) for zip members, through the read context's kernel (kernels.ts: fflate, or
 * DecompressionStream from the stream threshold on, by default; node:zlib in the CLI). Output is bounded by
 * the declared size plus one byte, so a member that lies about its size cannot allocate past it; a stream
 * that goes on past its declared size is named as that (CORRUPT_STRUCTURE), never as corrupt deflate data,
 * and any decoder's failure on corrupt data is DECOMPRESSION_FAILED, whichever kernel decoded it.
 */
import { CoreFailure, fail } from '../errors'
import type { Kernels } from '../kernels'
import type { Bytes } from '../util/bytes'

export async function inflateRaw(compressed: Bytes, declaredSize: number, streamThreshold: number, kernels: Kernels): Promise<Bytes> {
  // No deflate data at all reads as no bytes, as CPython's zipfile reads it (its decompressor is at EOF once the
  // compressed size is used up); fflate handed back its whole output buffer here, zlib fails: one answer for all.
  if (compressed.length === 0) return new Uint8Array(0)
  let bytes: Bytes | null
  try {
    bytes = await kernels.inflateRaw(compressed, declaredSize, streamThreshold)
  } catch (thrown) {
    if (thrown instanceof CoreFailure) throw thrown
    return fail('DECOMPRESSION_FAILED', `Deflate data is corrupt: ${(thrown as Error).message}`)
  }
  if (bytes === null || bytes.length > declaredSize) failPastDeclaredSize(declaredSize)
  return bytes
}

function failPastDeclaredSize(declaredSize: number): never {
  return fail('CORRUPT_STRUCTURE', `the central directory declares ${declaredSize.toLocaleString('en-US')} bytes, but the deflate stream inflates past them`)
}
