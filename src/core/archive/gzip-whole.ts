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
import { inflateSync } from 'fflate'
import type { Kernels } from '../kernels'
import { readSlice } from '../util/blob-reader'
import { concatBytes, type Bytes } from '../util/bytes'
import { BytesBlob } from '../util/bytes-blob'
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

/** Output kept while probing a first member for errors: its bytes are not used, only whether the data fails. */
const PROBE_OUTPUT = 64 * 1024

/**
 * For a gzip in memory that the platform refused: the error fflate's streaming decoder will throw on its first
 * member, found by one synchronous inflate into a small fixed buffer (null when the first member decodes, or the
 * probe fails in a way the streaming decoder would not). Why: the streaming decoder reserves a 160 KB buffer per
 * push, and a file of 200,000 members held 61,196 cut-short gzips (docs/performance.md).
 * Exact only for a BytesBlob: its stream is one chunk up to 1 MiB (bytes-blob.ts), so the streaming decoder gets the
 * whole file in one push and, failing in the first member, hands on nothing before it throws this same error
 * (the same fflate inflater over the same bytes; its errors depend on the input alone, not on the output buffer).
 */
export async function firstMemberError(blob: Blob, headerLength: number): Promise<Error | null> {
  if (!(blob instanceof BytesBlob) || blob.size > WHOLE_GZIP_INPUT) return null
  const data = (await readSlice(blob, 0, blob.size)).subarray(headerLength)
  try {
    inflateSync(data, { out: new Uint8Array(PROBE_OUTPUT) })
    return null
  } catch (thrown) {
    // fflate's own errors carry a numeric code; a RangeError (a stored block past the probe's buffer) is the probe's.
    return thrown instanceof Error && typeof (thrown as Error & { code?: unknown }).code === 'number' ? thrown : null
  }
}
