/**
 * Downloads through a fetch function the caller passes in (the page's `fetch`, Node's in the CLI): the core
 * never reaches the network by itself. The body streams, with progress and cancel through an AbortSignal,
 * under the limit a dropped file reads under (`maxTotalBytes`: a download larger than any artefact the reader
 * would accept stops as soon as that is known), and is hashed (SHA-256) as it arrives.
 */
import { CoreFailure, fail, toCoreError, type CoreError } from '../errors'
import { resolveKernels, type Kernels } from '../kernels'
import { formatBytes, LIMIT_DESCRIPTIONS } from '../limits'

/** The part of `fetch` used here, so tests and the CLI can pass their own. */
export type FetchLike = (url: string, init: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<Response>

export interface DownloadProgress {
  url: string
  received: number
  /** From Content-Length; null when the server sent none (or compressed the body). */
  total: number | null
}

export interface DownloadOptions {
  fetch: FetchLike
  signal?: AbortSignal
  /** The largest body accepted, in bytes (the reading limit `maxTotalBytes`). */
  maxBytes: number
  onProgress?: (progress: DownloadProgress) => void
  /** The platform's SHA-256 over the defaults (the CLI passes Node's). */
  kernels?: Partial<Kernels>
  /** Where the bytes go as they come (the CLI writes a file); without one they are kept and returned as a Blob. */
  sink?: (chunk: Uint8Array) => Promise<void> | void
}

export interface Downloaded {
  url: string
  bytes: number
  sha256: string
  /** The body, unless a sink took it. */
  blob?: Blob
}

/** Largest JSON document read from an index (a Python release or an npm version is a few kilobytes). */
export const MAX_INDEX_DOCUMENT_BYTES = 32 * 1024 ** 2

/**
 * The page cannot tell a host that refuses cross-origin reads (no CORS headers) from one that is down: both
 * reject with the same TypeError. The message says what was tried and what to do instead.
 */
export function unreachable(url: string): CoreError {
  return { code: 'READ_FAILED', message: `Tried GET ${url}: refused cross-origin reads or unreachable; download it and drop it here.` }
}

function limitError(url: string, size: number, maxBytes: number): never {
  fail('LIMIT_EXCEEDED', `${url} is ${formatBytes(size)} or more, over maxTotalBytes (${LIMIT_DESCRIPTIONS.maxTotalBytes}, ${formatBytes(maxBytes)}); raise the limit if you trust it`)
}

/** The response, or a coded error: cancelled, unreachable, or the HTTP status. */
export async function request(url: string, fetchFunction: FetchLike, signal?: AbortSignal, headers?: Record<string, string>): Promise<Response> {
  let response: Response
  try {
    response = await fetchFunction(url, { signal, headers })
  } catch (thrown) {
    if (signal?.aborted || (thrown instanceof Error && thrown.name === 'AbortError')) fail('CANCELLED', `The download of ${url} was cancelled`)
    throw new CoreFailure(unreachable(url))
  }
  if (!response.ok) fail('READ_FAILED', `Tried GET ${url}: the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
  return response
}

/** Reads the body chunk by chunk; never more than `maxBytes`. */
async function readBody(url: string, response: Response, options: DownloadOptions): Promise<Downloaded> {
  const declared = Number(response.headers.get('content-length'))
  const total = Number.isFinite(declared) && declared > 0 ? declared : null
  if (total !== null && total > options.maxBytes) limitError(url, total, options.maxBytes)
  const hash = resolveKernels(options.kernels).createSha256()
  const kept: Uint8Array[] = []
  let received = 0
  const reader = response.body?.getReader()
  try {
    while (reader) {
      const { done, value } = await reader.read()
      if (done) break
      received += value.length
      if (received > options.maxBytes) limitError(url, received, options.maxBytes)
      hash.update(value)
      if (options.sink) await options.sink(value)
      else kept.push(value)
      options.onProgress?.({ url, received, total })
    }
  } finally {
    if (received > options.maxBytes || options.signal?.aborted) await reader?.cancel().catch(() => {})
  }
  return { url, bytes: received, sha256: hash.digestHex(), blob: options.sink ? undefined : new Blob(kept as BlobPart[]) }
}

/** Downloads `url`; throws a CoreFailure (CANCELLED, READ_FAILED, LIMIT_EXCEEDED) that names the URL. */
export async function download(url: string, options: DownloadOptions): Promise<Downloaded> {
  const response = await request(url, options.fetch, options.signal)
  try {
    return await readBody(url, response, options)
  } catch (thrown) {
    if (options.signal?.aborted) fail('CANCELLED', `The download of ${url} was cancelled`)
    if (thrown instanceof CoreFailure) throw thrown
    const error = toCoreError(thrown, 'READ_FAILED')
    fail('READ_FAILED', `Tried GET ${url}: the download broke off (${error.message})`)
  }
}

/** A JSON document from an index, read under MAX_INDEX_DOCUMENT_BYTES. */
export async function fetchJson(url: string, fetchFunction: FetchLike, signal?: AbortSignal): Promise<unknown> {
  const response = await request(url, fetchFunction, signal, { accept: 'application/json' })
  const body = await readBody(url, response, { fetch: fetchFunction, signal, maxBytes: MAX_INDEX_DOCUMENT_BYTES })
  try {
    return JSON.parse(await body.blob!.text())
  } catch {
    fail('CORRUPT_STRUCTURE', `${url} did not answer JSON`)
  }
}
