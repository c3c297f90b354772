/**
 * gzip decoding as a stream. The platform's DecompressionStream is fastest in browsers (docs/performance.md),
 * but on bad input it can fail before handing on what it already decoded, and it refuses bytes after the
 * end of the gzip data. fflate's streaming Gunzip hands on every byte as it goes, so after a failure the
 * artefact is read again with it: members before a cut stay listed, and junk after a complete gzip stream
 * becomes an anomaly instead of hiding the whole archive (RFC 1952 section 2.2: members follow each other,
 * and together they are one stream; anything else after them is not gzip).
 * fflate checks neither CRC-32 nor ISIZE, so this decoder records each member's start (fflate's
 * `onmember`) and the CRC-32 and length of what it produced, for gzip-end.ts to check against the trailers.
 */
import { readSlice } from '../util/blob-reader'
import { BytesBlob } from '../util/bytes-blob'
import { Gunzip, inflateSync } from 'fflate'
import { DEFAULT_KERNELS, type Kernels } from '../kernels'
import type { Anomaly } from '../types'
import { noteOutsideBytes, type ReadContext } from './read-context'
import { readGzipHeader } from './gzip'

export type GzipDecoder = 'platform' | 'fflate'

/** What the fflate decoder saw of the gzip members, in order. */
export interface GzipMemberLog {
  /** File offset where each member starts. */
  starts: number[]
  /** CRC-32 of each member's output. */
  crcs: number[]
  /** Length of each member's output. */
  sizes: number[]
  /** fflate refused the bytes after the last member as not gzip. */
  refusedAfterLast: boolean
}

export const newMemberLog = (): GzipMemberLog => ({ starts: [0], crcs: [0], sizes: [0], refusedAfterLast: false })

/** fflate says this when the bytes after a complete member are not another gzip member. */
const NOT_GZIP = 'invalid gzip data'

export function gunzipTransform(decoder: GzipDecoder, onTrailingBytes: () => void, log: GzipMemberLog = newMemberLog(), kernels: Kernels = DEFAULT_KERNELS): ReadableWritablePair<Uint8Array, Uint8Array> {
  const platform = decoder === 'platform' ? kernels.gunzip() : null
  if (platform) return platform
  let gunzip: Gunzip
  let stopped = false
  const push = (chunk: Uint8Array, final: boolean) => {
    if (stopped) return
    try {
      gunzip.push(chunk, final)
    } catch (thrown) {
      const produced = log.sizes.some((size) => size > 0) || log.starts.length > 1
      if (!(thrown instanceof Error && thrown.message === NOT_GZIP && produced)) throw thrown
      stopped = true
      log.refusedAfterLast = true
      onTrailingBytes()
    }
  }
  // Each chunk is pushed when the next one comes, and the last with `final`: fflate's inflater reserves a 160 KB
  // output buffer per push, so a small file read as one chunk costs one push, not a push and an empty final one.
  let held: Uint8Array | null = null
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      gunzip = new Gunzip((chunk) => {
        const last = log.crcs.length - 1
        log.crcs[last] = kernels.crc32(chunk, log.crcs[last])
        log.sizes[last] += chunk.length
        controller.enqueue(chunk)
      })
      // Called before the new member's first output (fflate's Gunzip.push), so outputs split by member.
      gunzip.onmember = (offset) => {
        log.starts.push(offset)
        log.crcs.push(0)
        log.sizes.push(0)
      }
    },
    transform: (chunk) => {
      if (held) push(held, false)
      held = chunk
    },
    flush: () => push(held ?? new Uint8Array(0), true),
  })
}

/*
 * Where a gzip stream ends, exactly, and whether each member's trailer (CRC-32 and ISIZE, RFC 1952 2.3.1)
 * matches what it inflated to. fflate reports where each further member starts, but neither checks the
 * trailers nor says where the last member ends; so the end is found from the bytes themselves:
 * the last member ends at the first offset E after its deflate data such that
 *   - the 8 bytes before E are its CRC-32 and ISIZE (little-endian) as computed from its output, and
 *   - its deflate data inflates completely from the bytes before E - 8, and not from one byte fewer
 *     (so E - 8 is exactly where the deflate stream ends, not a later copy of the same 8 bytes).
 * Anything from E on is not gzip: an ARCHIVE_TRAILING_BYTES anomaly with that offset. This runs only on
 * fflate's reading (after the platform decoder failed, or when its output does not end like one member).
 */
const CHUNK = 1024 * 1024
/** A pattern that repeats past this many candidates is adversarial; the end is then reported as unknown. */
const MAX_CANDIDATES = 16

const le32 = (bytes: Uint8Array, at: number) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000

function trailerOf(crc: number, size: number): Uint8Array {
  const isize = size % 2 ** 32
  return new Uint8Array([crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24, isize & 0xff, (isize >>> 8) & 0xff, (isize >>> 16) & 0xff, isize >>> 24])
}


/** True when the deflate data in blob[start, end) ends its final block within those bytes. */
async function inflatesCompletely(blob: Blob, start: number, end: number, kernels: Kernels): Promise<boolean> {
  const inflate = kernels.createInflateRaw(() => undefined)
  try {
    for (let at = start; at < end; at += CHUNK) inflate.push(await readSlice(blob, at, Math.min(end, at + CHUNK)), at + CHUNK >= end)
    if (end <= start) inflate.push(new Uint8Array(0), true)
    return true
  } catch {
    return false
  }
}

/** Offsets (after `from`) where `pattern` occurs, in order, at most MAX_CANDIDATES. */
async function* occurrences(blob: Blob, from: number, pattern: Uint8Array): AsyncGenerator<number> {
  let found = 0
  for (let at = from; at < blob.size && found < MAX_CANDIDATES; at += CHUNK) {
    const span = await readSlice(blob, at, Math.min(blob.size, at + CHUNK + pattern.length - 1))
    for (let i = span.indexOf(pattern[0]); i >= 0 && i < CHUNK; i = span.indexOf(pattern[0], i + 1)) {
      if (i + pattern.length > span.length) break
      let match = true
      for (let j = 1; j < pattern.length && match; j++) match = span[i + j] === pattern[j]
      if (match && found++ < MAX_CANDIDATES) yield at + i
    }
  }
}

/** The exact end of the last member (just after its trailer), or null when no trailer matches its data. */
async function lastMemberEnd(blob: Blob, log: GzipMemberLog, kernels: Kernels): Promise<number | null> {
  const last = log.starts.length - 1
  const start = log.starts[last]
  const header = await readGzipHeader(blob, start)
  const dataStart = start + header.length
  for await (const trailerAt of occurrences(blob, dataStart, trailerOf(log.crcs[last], log.sizes[last]))) {
    if (!(await inflatesCompletely(blob, dataStart, trailerAt, kernels))) continue
    if (trailerAt > dataStart && (await inflatesCompletely(blob, dataStart, trailerAt - 1, kernels))) return null
    return trailerAt + 8
  }
  return null
}

/**
 * Checks every member's trailer and finds where the gzip data ends; returns the anomalies (bad trailers,
 * bytes after the end with their offset).
 */
export async function checkGzipEnd(blob: Blob, log: GzipMemberLog, context: Pick<ReadContext, 'fields' | 'outsideBytes' | 'kernels'>): Promise<Anomaly[]> {
  const anomalies: Anomaly[] = []
  for (let k = 0; k + 1 < log.starts.length; k++) {
    const at = log.starts[k + 1] - 8
    const trailer = await readSlice(blob, at, at + 8)
    if (le32(trailer, 0) !== log.crcs[k] || le32(trailer, 4) !== log.sizes[k] % 2 ** 32) anomalies.push(badTrailer(log, k, at))
  }
  const end = await lastMemberEnd(blob, log, context.kernels)
  const last = log.starts.length - 1
  if (end === null) {
    anomalies.push(badTrailer(log, last, null))
    if (log.refusedAfterLast) anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: `Bytes that are not gzip data follow the last gzip member (which starts at offset ${log.starts[last]}); where exactly is not known, as its trailer does not match` })
  } else if (end < blob.size && (await allZero(blob, end))) {
    // Zero padding (tape blocks, dd) hides nothing, and gzip(1) and Python's gzip both skip it: a packaging
    // field that compares, not a parser differential.
    context.fields['gzip.trailingZeroBytes'] = blob.size - end
  } else if (end < blob.size) {
    noteOutsideBytes(context, end, blob.size)
    anomalies.push({ code: 'ARCHIVE_TRAILING_BYTES', message: `${blob.size - end} bytes from offset ${end} to the end of the file follow the gzip stream and are not gzip data`, offset: end })
  }
  return anomalies
}

async function allZero(blob: Blob, from: number): Promise<boolean> {
  for (let at = from; at < blob.size; at += CHUNK) {
    const bytes = await readSlice(blob, at, Math.min(blob.size, at + CHUNK))
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false
  }
  return true
}

function badTrailer(log: GzipMemberLog, member: number, at: number | null): Anomaly {
  const words = `CRC-32 0x${log.crcs[member].toString(16).padStart(8, '0')}, ${log.sizes[member]} bytes`
  return {
    code: 'GZIP_TRAILER_MISMATCH',
    message: `The trailer of gzip member ${member + 1} (which starts at offset ${log.starts[member]}) does not match what it inflates to (${words}; RFC 1952 2.3.1)${at === null ? '' : `, at offset ${at}`}`,
    offset: at ?? log.starts[member],
  }
}

/**
 * After the platform decoder read the whole stream: true when its end looks like the end of one member
 * that held all `produced` bytes (ISIZE matches and the last 8 bytes are not zero padding). Otherwise the
 * stream is read again with fflate, which reports member by member.
 */
export async function endsLikeOneMember(blob: Blob, produced: number): Promise<boolean> {
  if (blob.size < 18) return false
  const tail = await readSlice(blob, blob.size - 8, blob.size)
  return le32(tail, 4) === produced % 2 ** 32 && tail.some((byte) => byte !== 0)
}

/** Output kept while probing a first member for errors: its bytes are not used, only whether the data fails. */
const PROBE_OUTPUT = 64 * 1024
/** One BytesBlob stream piece (bytes-blob.ts): up to this size the streaming decoder gets the file in one push. */
const PROBE_INPUT = 1024 * 1024

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
  if (!(blob instanceof BytesBlob) || blob.size > PROBE_INPUT) return null
  const data = (await readSlice(blob, 0, blob.size)).subarray(headerLength)
  try {
    inflateSync(data, { out: new Uint8Array(PROBE_OUTPUT) })
    return null
  } catch (thrown) {
    // fflate's own errors carry a numeric code; a RangeError (a stored block past the probe's buffer) is the probe's.
    return thrown instanceof Error && typeof (thrown as Error & { code?: unknown }).code === 'number' ? thrown : null
  }
}
