/**
 * Page weight before the first comparison, on the built page (issue 9: at most 150 KB gzip of JavaScript, the
 * workers' scripts included). Builds the page into a temporary directory and adds up, gzip -9, what the page
 * loads before any file is dropped: the entry script and its static imports, and the compare worker's script and
 * its static imports (both workers load the same one). Everything else must be a lazy chunk.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const BUDGET_GZIP_BYTES = 150_000
/** Static imports between chunks, as the bundler writes them: `from"./x.js"` and `import"./x.js"`. */
const CHUNK_IMPORT = /(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g

let outDir = ''

/** The environment without what vitest sets: NODE_ENV=test would build React's development bundle. */
function buildEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name]
  return env
}

/** A chunk and everything it imports statically (a work list, no recursion). */
function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>()
  const work = [entry]
  while (work.length > 0) {
    const name = work.pop()!
    if (seen.has(name)) continue
    seen.add(name)
    for (const match of readFileSync(join(outDir, 'assets', name), 'utf8').matchAll(CHUNK_IMPORT)) work.push(match[1])
  }
  return seen
}

const gzipSize = (name: string) => gzipSync(readFileSync(join(outDir, 'assets', name)), { level: 9 }).length

describe('the built page before the first comparison', () => {
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'reprodiff-weight-'))
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe', env: buildEnvironment() })
  }, 180_000)
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true })
  })

  it(`loads at most ${BUDGET_GZIP_BYTES.toLocaleString('en-US')} B gzip of JavaScript, the compare worker's included`, () => {
    const entry = /<script type="module"[^>]*src="\.\/assets\/([\w.-]+\.js)"/.exec(readFileSync(join(outDir, 'index.html'), 'utf8'))![1]
    const page = loadedAtStart(entry)
    const worker = [...page].map((name) => /compare\.worker-[\w-]+\.js/.exec(readFileSync(join(outDir, 'assets', name), 'utf8'))?.[0]).find(Boolean)
    expect(worker).toBeDefined()
    const all = new Set([...page, ...loadedAtStart(worker!)])
    const total = [...all].reduce((sum, name) => sum + gzipSize(name), 0)
    expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES)
    // Monaco's chunk is the largest by far: it must not be among them.
    expect([...all].filter((name) => /DiffView|editor\.worker|jszip/.test(name))).toEqual([])
  })
})
