/**
 * A small artefact read in one piece (read-artifact.ts `readArtifactOuter`): its bytes are hashed from memory, and a
 * zip's members are read from them too, not by one `Blob.slice` each (in Chromium a round trip to the browser
 * process per slice; docs/performance.md).
 */
import type { Bytes } from '../util/bytes'
import { BytesBlob } from '../util/bytes-blob'

/** Files below this size are read into memory once for their reading (`ReadOptions.holdFileBelow`). */
export const DEFAULT_HOLD_FILE_BELOW = 64 * 1024 * 1024

/** The whole file in one read when it is smaller than `limit` (the whole-file hash reads it anyway), else null. */
export async function wholeFileBytes(blob: Blob, limit: number): Promise<Bytes | null> {
  if (blob.size === 0 || blob.size >= limit || blob instanceof BytesBlob) return null
  try {
    return new Uint8Array(await blob.arrayBuffer())
  } catch {
    // Not readable in one piece: read it slice by slice, whose failures the readers name with their offsets.
    return null
  }
}

/**
 * Whether the members are read from the bytes in memory: only for a zip ("PK", APPNOTE 4.3.7 and 4.3.16), the one
 * format read by many slices. A gzip or tar held in memory would reach its decoder in one piece (bytes-blob.ts), so
 * a cut stream would list none of the members before its cut.
 */
export function startsLikeZip(bytes: Bytes): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
}
