/** SHA-256 through the kernels (kernels.ts): Web Crypto by default, the same call in Node 20, workers and browsers. */
import { DEFAULT_KERNELS, type Kernels } from '../kernels'
import type { Bytes } from './bytes'

/**
 * Whole files up to this size are hashed in one call (Web Crypto needs one buffer); larger ones stream through the
 * kernels' incremental SHA-256, in JavaScript in the page (about 150 MB/s on the worker that also reads the
 * members: 0.8 s of a 143 MB zip). One call runs at about 1 GB/s on Web Crypto's own thread, for a transient copy
 * of the file; above 256 MiB (the 1 GB wheels) memory wins and the file streams (docs/performance.md).
 */
const ONE_SHOT_FILE_HASH_LIMIT = 256 * 1024 * 1024
const FILE_HASH_SLICE = 8 * 1024 * 1024

/** The default kernel's SHA-256, for callers that are given no kernels. */
export async function sha256Hex(bytes: Bytes, kernels: Kernels = DEFAULT_KERNELS): Promise<string> {
  return kernels.sha256(bytes)
}

/** SHA-256 of a whole file, read through `Blob.slice`, so a file of any size hashes in bounded memory. */
export async function sha256OfBlob(blob: Blob, signal?: AbortSignal, kernels: Kernels = DEFAULT_KERNELS): Promise<string> {
  if (blob.size <= ONE_SHOT_FILE_HASH_LIMIT) return kernels.sha256(new Uint8Array(await blob.arrayBuffer()))
  const hash = kernels.createSha256()
  for (let offset = 0; offset < blob.size; offset += FILE_HASH_SLICE) {
    signal?.throwIfAborted()
    hash.update(new Uint8Array(await blob.slice(offset, offset + FILE_HASH_SLICE).arrayBuffer()))
  }
  return hash.digestHex()
}
