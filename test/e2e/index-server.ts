/**
 * A local stand-in for a Python index (the JSON API: `/pypi/<project>/<version>/json`, `urls[]` with
 * `digests.sha256`) and an npm registry (`/<name>/<version>`, `dist.tarball`, `dist.integrity`), bound to
 * 127.0.0.1. Served twice: under `/cors/` with `Access-Control-Allow-Origin: *`, and under `/plain/` without, as
 * a host that refuses cross-origin reads. Release `tampered 1.0` lists a SHA-256 its file does not have. Every
 * request is logged, so tests can assert that only the asked-for documents and files were fetched.
 * `/cors/slow/<file>` sends a file 32 bytes every 100 ms (for cancelling a download).
 * The artefacts are built with the fixture builders (test/core/archive/build-archives.ts) when the server starts.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildTar, buildZip, gzip } from '../core/archive/build-archives'

export interface IndexServer {
  /** Base URL of the index with CORS headers (Python index and npm registry alike): http://127.0.0.1:PORT/cors */
  cors: string
  /** The same index without CORS headers. */
  plain: string
  /** Every request path, in order (method and path). */
  requests: string[]
  /** The artefacts served, by file name, with their SHA-256 (the right one, even for `tampered`). */
  files: Record<string, { bytes: Uint8Array; sha256: string }>
  close(): Promise<void>
}

function wheel(version: string, body: string): Uint8Array {
  const info = `demo-${version}.dist-info`
  return buildZip([
    { name: 'demo/__init__.py', data: body },
    { name: `${info}/METADATA`, data: `Metadata-Version: 2.1\nName: demo\nVersion: ${version}\n` },
    { name: `${info}/WHEEL`, data: 'Wheel-Version: 1.0\nGenerator: index-server\nRoot-Is-Purelib: true\nTag: py3-none-any\n' },
  ])
}

function npmTarball(version: string): Uint8Array {
  return gzip(buildTar([{ name: 'package/package.json', data: `{"name":"demo-pkg","version":"${version}"}\n` }, { name: 'package/index.js', data: 'module.exports = 1\n' }]))
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const sri512 = (bytes: Uint8Array) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`

interface Release { files: string[]; wrongDigest?: boolean }

const PYTHON_RELEASES: Record<string, Release> = {
  'demo/1.0': { files: ['demo-1.0-py3-none-any.whl'] },
  'demo/1.1': { files: ['demo-1.1-py3-none-any.whl', 'demo-1.1.tar.gz'] },
  'tampered/1.0': { files: ['demo-1.0-py3-none-any.whl'], wrongDigest: true },
}

function buildFiles(): IndexServer['files'] {
  const made: Record<string, Uint8Array> = {
    'demo-1.0-py3-none-any.whl': wheel('1.0', 'version = "1.0"\n'),
    'demo-1.1-py3-none-any.whl': wheel('1.1', 'version = "1.1"\n'),
    'demo-1.1.tar.gz': gzip(buildTar([{ name: 'demo-1.1/PKG-INFO', data: 'Metadata-Version: 2.1\nName: demo\nVersion: 1.1\n' }])),
    'demo-pkg-1.0.0.tgz': npmTarball('1.0.0'),
  }
  return Object.fromEntries(Object.entries(made).map(([name, bytes]) => [name, { bytes, sha256: sha256(bytes) }]))
}

function answer(response: ServerResponse, cors: boolean, status: number, body: Uint8Array | string, type: string): void {
  const headers: Record<string, string> = { 'content-type': type, 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length), 'cache-control': 'no-store' }
  if (cors) headers['access-control-allow-origin'] = '*'
  response.writeHead(status, headers)
  response.end(body)
}

function route(path: string, base: string, files: IndexServer['files']): { status: number; body: Uint8Array | string; type: string } {
  const json = (value: unknown) => ({ status: 200, body: JSON.stringify(value), type: 'application/json' })
  const pypi = /^\/pypi\/([^/]+)\/([^/]+)\/json$/.exec(path)
  if (pypi) {
    const release = PYTHON_RELEASES[`${decodeURIComponent(pypi[1])}/${decodeURIComponent(pypi[2])}`]
    if (!release) return { status: 404, body: 'Not Found', type: 'text/plain' }
    return json({ info: { name: pypi[1], version: pypi[2] }, urls: release.files.map((filename) => ({
      filename, url: `${base}/files/${filename}`, size: files[filename].bytes.length, packagetype: filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
      digests: { sha256: release.wrongDigest ? sha256(new TextEncoder().encode('not this file')) : files[filename].sha256 },
    })) })
  }
  const file = /^\/(?:files|npm\/demo-pkg\/-)\/([^/]+)$/.exec(path)
  if (file && files[file[1]]) return { status: 200, body: files[file[1]].bytes, type: 'application/octet-stream' }
  if (path === '/npm/demo-pkg/1.0.0') {
    const tarball = files['demo-pkg-1.0.0.tgz'].bytes
    return json({ name: 'demo-pkg', version: '1.0.0', dist: { tarball: `${base}/npm/demo-pkg/-/demo-pkg-1.0.0.tgz`, integrity: sri512(tarball) } })
  }
  return { status: 404, body: 'Not Found', type: 'text/plain' }
}

/** Sends `bytes` slowly, stopping when the client goes away. */
function trickle(response: ServerResponse, cors: boolean, bytes: Uint8Array): void {
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length), ...(cors ? { 'access-control-allow-origin': '*' } : {}) })
  let at = 0
  const timer = setInterval(() => {
    if (at >= bytes.length || response.destroyed) return clearInterval(timer), response.end()
    response.write(bytes.slice(at, at + 32))
    at += 32
  }, 100)
  response.on('close', () => clearInterval(timer))
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startIndexServer(): Promise<IndexServer> {
  const files = buildFiles()
  const requests: string[] = []
  let origin = ''
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    requests.push(`${request.method} ${path}`)
    const mode = /^\/(cors|plain)(\/.*)$/.exec(path)
    if (!mode) return answer(response, false, 404, 'Not Found', 'text/plain')
    const cors = mode[1] === 'cors'
    if (request.method === 'OPTIONS') return answer(response, cors, 204, '', 'text/plain')
    const slow = /^\/slow\/([^/]+)$/.exec(mode[2])
    if (slow && files[slow[1]]) return trickle(response, cors, files[slow[1]].bytes)
    const routed = route(mode[2], `${origin}/${mode[1]}`, files)
    answer(response, cors, routed.status, routed.body, routed.type)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    cors: `${origin}/cors`, plain: `${origin}/plain`, requests, files,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

interface SpecHooks {
  beforeAll(run: () => Promise<void>): void
  afterAll(run: () => Promise<void> | void): void
  beforeEach(run: () => void): void
}

/** One index server for a spec file, its request log cleared before each test; the getter gives the running server. */
export function indexServerFor(test: SpecHooks): () => IndexServer {
  let server: IndexServer | null = null
  test.beforeAll(async () => {
    server = await startIndexServer()
  })
  test.afterAll(() => server?.close())
  test.beforeEach(() => {
    if (server) server.requests.length = 0
  })
  return () => server ?? (() => { throw new Error('the index server is not running') })()
}
