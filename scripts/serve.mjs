#!/usr/bin/env node
/**
 * Zero-dependency static server for the built page, bound to 127.0.0.1 only. Module scripts and workers
 * need an http origin (file:// is blocked) and the right MIME type, which is all this does.
 * Usage: node scripts/serve.mjs [--dir dist] [--port 4173 (0 = any free port)] [--base /tools/reprodiff/]
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { dir: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4173' }, base: { type: 'string', default: '/' } },
})
const root = resolve(values.dir)
const base = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/')

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.ttf': 'font/ttf', '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.whl': 'application/zip', '.zip': 'application/zip', '.gz': 'application/gzip',
  '.tar': 'application/x-tar', '.map': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
}

/** The file a URL path names, or null when it would leave `root` (`..`, encoded slashes, absolute paths). */
function fileFor(urlPath) {
  if (!urlPath.startsWith(base)) return null
  let relative
  try {
    relative = decodeURIComponent(urlPath.slice(base.length))
  } catch {
    return null
  }
  if (relative.includes('\0')) return null
  const file = resolve(join(root, relative || 'index.html'))
  return file === root || file.startsWith(root + sep) ? file : null
}

async function respond(request, response) {
  const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1')
  // Without the trailing slash, relative asset URLs (base './') would resolve one level too high.
  if (pathname === base.slice(0, -1)) return redirect(response, base)
  let file = fileFor(pathname)
  const info = file && (await stat(file).catch(() => null))
  if (info?.isDirectory()) file = join(file, 'index.html')
  const fileInfo = file && (await stat(file).catch(() => null))
  if (!file || !fileInfo?.isFile()) return send(response, 404, 'Not found')
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': fileInfo.size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  })
  if (request.method === 'HEAD') return response.end()
  createReadStream(file).pipe(response)
}

function send(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text)
}

function redirect(response, location) {
  response.writeHead(301, { Location: location }).end()
}

const server = createServer((request, response) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed')
  respond(request, response).catch(() => send(response, 500, 'Server error'))
})
server.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address()
  console.log(`reprodiff is at http://127.0.0.1:${port}${base}?sample (the sample pair loads at once)`)
})
