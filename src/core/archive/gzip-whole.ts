/**
 * A small gzip decoded in one go by the platform's gzip decoder, without the streams the general path puts around
 * it (readers.ts `gunzipStream`: a counting TransformStream, a StreamReader pulling chunk by chunk). The decoder
 * is the same one the platform path uses, with the same check after it (gunzip.ts `endsLikeOneMember`), so the
 * same files are accepted; anything it refuses (several members, bytes after the trailer, a bad trailer, corrupt
 * data) answers null, and the caller reads the stream as before, which names what is wrong. So this path decides
 * nothing; it only skips machinery.
 *
 * Why: a zip of thousands of small nested `.gz` members (man pages, changelogs) paid about 0.4 ms of streams
 * per member in Chromium, 4 s of a 13 s page run (docs/performance.md).
 */
import type { Kernels } from '../kernels'
import { readSlice } from '../util/blob-reader'
import { concatBytes, type Bytes } from '../util/bytes'
import { endsLikeOneMember } from './gunzip'

/** Files up to this size are candidates: they are read and held whole. */
const WHOLE_GZIP_INPUT = 1024 * 1024
/** Past this output the payload goes the streamed way, where the limits judge it as it comes (limits.ts `RATIO_CHECK_MINIMUM`). */
const WHOLE_GZIP_OUTPUT = 1024 * 1024

/**
 * What the platform decoder made of a small gzip file: its payload (one clean member), 'refused' (the decoder failed
 * or the end is not one member's: read it with fflate, which says why, without asking the platform again), or null
 * (too large, or no platform decoder: read it as a stream).
 */
export async function gunzipWhole(blob: Blob, kernels: Kernels): Promise<Bytes | 'refused' | null> {
  if (blob.size > WHOLE_GZIP_INPUT) return null
  const decoder = kernels.gunzip()
  if (!decoder) return null
  const bytes = await readSlice(blob, 0, blob.size)
  const writer = decoder.writable.getWriter()
  // The write and close settle as the readable side is read; their failures are the reader's too.
  writer.write(bytes).catch(() => undefined)
  writer.close().catch(() => undefined)
  const reader = decoder.readable.getReader()
  const parts: Uint8Array[] = []
  let produced = 0
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      produced += next.value.length
      if (produced > WHOLE_GZIP_OUTPUT) {
        await reader.cancel().catch(() => undefined)
        return null
      }
      parts.push(next.value)
    }
  } catch {
    return 'refused'
  }
  if (!(await endsLikeOneMember(blob, produced))) return 'refused'
  return concatBytes(parts, produced)
}

