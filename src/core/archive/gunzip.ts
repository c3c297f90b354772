/**
 * gzip decoding as a stream. The platform's DecompressionStream is fastest in browsers (docs/performance.md),
 * but on bad input it can fail before handing on what it already decoded, and it refuses bytes after the
 * end of the gzip data. fflate's streaming Gunzip hands on every byte as it goes, so after a failure the
 * artefact is read again with it: members before a cut stay listed, and junk after a complete gzip stream
 * becomes an anomaly instead of hiding the whole archive (RFC 1952 section 2.2: members follow each other;
 * anything else after them is not gzip).
 */
import { Gunzip } from 'fflate'

export type GzipDecoder = 'platform' | 'fflate'

/** fflate says this when the bytes after a complete member are not another gzip member. */
const NOT_GZIP = 'invalid gzip data'

export function gunzipTransform(decoder: GzipDecoder, onTrailingBytes: () => void): ReadableWritablePair<Uint8Array, Uint8Array> {
  if (decoder === 'platform' && typeof DecompressionStream === 'function') {
    return new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>
  }
  let gunzip: Gunzip
  let produced = 0
  let stopped = false
  const push = (chunk: Uint8Array, final: boolean) => {
    if (stopped) return
    try {
      gunzip.push(chunk, final)
    } catch (thrown) {
      if (!(thrown instanceof Error && thrown.message === NOT_GZIP && produced > 0)) throw thrown
      stopped = true
      onTrailingBytes()
    }
  }
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      gunzip = new Gunzip((chunk) => {
        produced += chunk.length
        controller.enqueue(chunk)
      })
    },
    transform: (chunk) => push(chunk, false),
    flush: () => push(new Uint8Array(0), true),
  })
}
