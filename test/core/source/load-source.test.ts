import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toCoreError } from '../../../src/core/errors'
import { loadSource, parseSideSpec, verifySource, type RemoteSpec } from '../../../src/core/source/index'
import { fakeFetch } from './fake-fetch'

const INDEX = 'http://127.0.0.1:9'
const WHEEL = new TextEncoder().encode('PK wheel bytes')
const SHA256 = createHash('sha256').update(WHEEL).digest('hex')
const TGZ = new TextEncoder().encode('npm tarball bytes')
const INTEGRITY = `sha512-${createHash('sha512').update(TGZ).digest('base64')}`

function pypiTable(digest: string) {
  return {
    [`${INDEX}/pypi/demo/1.0/json`]: { body: { urls: [
      { filename: 'demo-1.0-py3-none-any.whl', url: `${INDEX}/files/demo-1.0-py3-none-any.whl`, digests: { sha256: digest } },
      { filename: 'demo-1.0.tar.gz', url: `${INDEX}/files/demo-1.0.tar.gz`, digests: { sha256: digest } },
    ] } },
    [`${INDEX}/files/demo-1.0-py3-none-any.whl`]: { body: WHEEL },
  }
}
const wholeDigest = (algorithm: 'sha384' | 'sha512', bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex')
const spec = (text: string) => parseSideSpec(text) as RemoteSpec

describe('loadSource', () => {
  it('loads a Python release file and checks its published SHA-256; fetches only the document and that file', async () => {
    const fetch = fakeFetch(pypiTable(SHA256))
    const loaded = await loadSource(spec('pypi:demo==1.0:demo-1.0-py3-none-any.whl'), { fetch, pythonIndex: INDEX })
    expect(loaded.name).toBe('demo-1.0-py3-none-any.whl')
    expect(loaded.source).toEqual({ url: `${INDEX}/files/demo-1.0-py3-none-any.whl`, publishedDigest: `sha256:${SHA256}`, digestOk: true })
    expect(fetch.requests).toEqual([`${INDEX}/pypi/demo/1.0/json`, `${INDEX}/files/demo-1.0-py3-none-any.whl`])
  })

  it('marks a file whose bytes are not the published ones', async () => {
    const fetch = fakeFetch(pypiTable('0'.repeat(64)))
    const loaded = await loadSource(spec('pypi:demo==1.0:demo-1.0-py3-none-any.whl'), { fetch, pythonIndex: INDEX })
    expect(loaded.source.digestOk).toBe(false)
  })

  it('loads an npm tarball against its sha512 integrity, and a wrong pasted digest fails it', async () => {
    const table = {
      'http://127.0.0.1:9/npm/demo/1.0.0': { body: { dist: { tarball: 'http://127.0.0.1:9/npm/demo/-/demo-1.0.0.tgz', integrity: INTEGRITY } } },
      'http://127.0.0.1:9/npm/demo/-/demo-1.0.0.tgz': { body: TGZ },
    }
    const good = await loadSource(spec('npm:demo@1.0.0'), { fetch: fakeFetch(table), npmRegistry: `${INDEX}/npm/`, wholeDigest })
    expect(good.source).toMatchObject({ publishedDigest: INTEGRITY, digestOk: true })
    const pasted = await loadSource(spec('npm:demo@1.0.0'), { fetch: fakeFetch(table), npmRegistry: `${INDEX}/npm`, expected: '1'.repeat(64), wholeDigest })
    expect(pasted.source).toMatchObject({ expectedDigest: '1'.repeat(64), digestOk: false })
  })

  it('names every file of a release when none was chosen', async () => {
    const error = await loadSource(spec('pypi:demo==1.0'), { fetch: fakeFetch(pypiTable(SHA256)), pythonIndex: INDEX }).catch(toCoreError)
    expect(error).toMatchObject({ message: expect.stringContaining('demo-1.0-py3-none-any.whl, demo-1.0.tar.gz') })
  })
})

describe('verifySource', () => {
  it('checks a local file against a pasted digest, and refuses a digest it cannot parse', async () => {
    expect(await verifySource(new Blob([WHEEL]), { expectedDigest: SHA256 })).toEqual({ expectedDigest: SHA256, digestOk: true })
    expect(await verifySource(new Blob([WHEEL]), {})).toEqual({})
    await expect(verifySource(new Blob([WHEEL]), { expectedDigest: 'sha256:12' })).rejects.toThrow(/not a SHA-256/)
  })
})
