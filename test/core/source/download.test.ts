import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toCoreError } from '../../../src/core/errors'
import { download, type DownloadProgress } from '../../../src/core/source/index'
import { fakeFetch } from './fake-fetch'

const URL_A = 'http://127.0.0.1:9/a.whl'
const BODY = new Uint8Array(10_000).map((_, i) => i % 251)

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise
  } catch (thrown) {
    return toCoreError(thrown)
  }
  throw new Error('expected a failure')
}

describe('download', () => {
  it('streams the body with progress and hashes it as it comes', async () => {
    const progress: DownloadProgress[] = []
    const fetch = fakeFetch({ [URL_A]: { body: BODY, chunk: 4096 } })
    const result = await download(URL_A, { fetch, maxBytes: 1e6, onProgress: (p) => progress.push(p) })
    expect(result.bytes).toBe(BODY.length)
    expect(result.sha256).toBe(createHash('sha256').update(BODY).digest('hex'))
    expect(new Uint8Array(await result.blob!.arrayBuffer())).toEqual(BODY)
    expect(progress.map((p) => p.received)).toEqual([4096, 8192, 10_000])
    expect(progress[0].total).toBe(10_000)
  })

  it('stops at maxTotalBytes, from the declared length and while streaming, and names it', async () => {
    const declared = await errorOf(download(URL_A, { fetch: fakeFetch({ [URL_A]: { body: BODY } }), maxBytes: 5000 }))
    expect(declared).toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringContaining('maxTotalBytes') })
    const undeclared = fakeFetch({ [URL_A]: { body: BODY, chunk: 1000, headers: { 'content-length': '' } } })
    const written: number[] = []
    const streamed = await errorOf(download(URL_A, { fetch: undeclared, maxBytes: 5000, sink: (chunk) => void written.push(chunk.length) }))
    expect(streamed.code).toBe('LIMIT_EXCEEDED')
    expect(written.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000)
  })

  it('is cancelled through its AbortSignal', async () => {
    const controller = new AbortController()
    const fetch = fakeFetch({ [URL_A]: { body: BODY, chunk: 1000 } })
    const error = await errorOf(download(URL_A, { fetch, maxBytes: 1e6, signal: controller.signal, onProgress: (p) => p.received >= 3000 && controller.abort() }))
    expect(error.code).toBe('CANCELLED')
  })

  it('says what was tried when the host refuses or is down, and the HTTP status otherwise', async () => {
    const refused = await errorOf(download(URL_A, { fetch: fakeFetch({ [URL_A]: { refuse: true } }), maxBytes: 1e6 }))
    expect(refused.message).toBe(`Tried GET ${URL_A}: refused cross-origin reads or unreachable; download it and drop it here.`)
    const missing = await errorOf(download(URL_A, { fetch: fakeFetch({ [URL_A]: { status: 404, body: 'no' } }), maxBytes: 1e6 }))
    expect(missing).toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining('HTTP 404') })
  })
})
