/** SHA-256 through Web Crypto: the same call in Node 20, workers and browsers. */
import { toHex, type Bytes } from './bytes'
import { Sha256 } from './sha256-stream'

/** Whole files up to this size are hashed by Web Crypto in one call; larger ones stream through `Sha256`. */
const ONE_SHOT_FILE_HASH_LIMIT = 64 * 1024 * 1024
const FILE_HASH_SLICE = 8 * 1024 * 1024

export async function sha256Hex(bytes: Bytes): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return toHex(new Uint8Array(digest))
}

/** SHA-256 of a whole file, read through `Blob.slice`, so a file of any size hashes in bounded memory. */
export async function sha256OfBlob(blob: Blob, signal?: AbortSignal): Promise<string> {
  if (blob.size <= ONE_SHOT_FILE_HASH_LIMIT) return sha256Hex(new Uint8Array(await blob.arrayBuffer()))
  const hash = new Sha256()
  for (let offset = 0; offset < blob.size; offset += FILE_HASH_SLICE) {
    signal?.throwIfAborted()
    hash.update(new Uint8Array(await blob.slice(offset, offset + FILE_HASH_SLICE).arrayBuffer()))
  }
  return hash.digestHex()
}
