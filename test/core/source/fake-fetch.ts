/** A fetch over a table of URLs, recording each request, for the core/source tests (nothing leaves the process). */
import type { FetchLike } from '../../../src/core/source/index'

export interface FakeAnswer {
  body?: Uint8Array | string | object
  status?: number
  headers?: Record<string, string>
  /** Rejects as a browser does for a host without CORS headers or that is down. */
  refuse?: boolean
  /** Body split into chunks of this size (default: one chunk). */
  chunk?: number
}

export function fakeFetch(table: Record<string, FakeAnswer>): FetchLike & { requests: string[] } {
  const requests: string[] = []
  const fetchFunction = async (url: string, init: { signal?: AbortSignal }) => {
    requests.push(url)
    init.signal?.throwIfAborted()
    const answer = table[url]
    if (!answer || answer.refuse) throw new TypeError('Failed to fetch')
    const raw = answer.body instanceof Uint8Array ? answer.body : new TextEncoder().encode(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? ''))
    const size = answer.chunk ?? Math.max(raw.length, 1)
    let at = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (init.signal?.aborted) return controller.error(new DOMException('aborted', 'AbortError'))
        if (at >= raw.length) return controller.close()
        controller.enqueue(raw.slice(at, at + size))
        at += size
      },
    })
    return new Response(stream, { status: answer.status ?? 200, headers: { 'content-length': String(raw.length), ...answer.headers } })
  }
  return Object.assign(fetchFunction, { requests })
}
