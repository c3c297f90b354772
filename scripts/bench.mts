/**
 * Benchmark of one pair; never part of `npm test`. Paths may be absolute or relative to the working directory.
 *   npm run build && npx tsx scripts/bench.mts <left> <right> [--runs 7]
 *     node: `compareArtifacts` in-process (one thread); chromium: the built page, served by scripts/serve.mjs
 *     under a sub-path in headless Chromium ($CHROMIUM_PATH or /usr/bin/chromium), drop → verdict and tree.
 *   npx tsx scripts/bench.mts <left> <right> --cli [--runs 7] [--cli-bin other/bin/reprodiff.mjs]…
 *     the CLI end to end (wall time of the process `node bin/reprodiff.mjs L R --json`, start-up included;
 *     more bins with --cli-bin, e.g. an older checkout) interleaved with the native floor
 *     (scripts/native-floor.py, one python3 process per side, in parallel): A B A B, after one warm-up round.
 * Every run waits at most 60 s + 0.2 s per MB of the pair (the page read a 2 × 1 GB pair in 50 s), never a fixed 30 s.
 * Child processes, the server and the browser are stopped when anything fails and on Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { openAsBlob, statSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { chromium, type Browser } from '@playwright/test'
import { NODE_READ_OPTIONS } from '../src/cli/read-options'
import { compareArtifacts } from '../src/core/index'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '7' }, cli: { type: 'boolean', default: false }, 'cli-bin': { type: 'string', multiple: true } },
})
const runs = Number(options.runs)
if (positionals.length !== 2 || !(runs >= 1)) {
  console.error('usage: npx tsx scripts/bench.mts <left> <right> [--runs N] [--cli [--cli-bin PATH]…]')
  process.exit(2)
}
const [leftPath, rightPath] = positionals.map((path) => resolve(path))
const pairMegabytes = (statSync(leftPath).size + statSync(rightPath).size) / 1e6
const timeoutMs = Math.round(60_000 + 200 * pairMegabytes)

/** Everything to stop on failure or Ctrl-C. */
const cleanups = new Set<() => void>()
const cleanUp = () => {
  for (const cleanup of cleanups) cleanup()
  cleanups.clear()
}
process.on('SIGINT', () => (cleanUp(), process.exit(130)))
process.on('SIGTERM', () => (cleanUp(), process.exit(143)))

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]
const describe = (label: string, ms: number[]) => {
  const order = sorted(ms)
  console.log(`${label}: median ${median(ms).toFixed(0)} ms (min ${order[0].toFixed(0)}, max ${order[order.length - 1].toFixed(0)}, ${ms.length} runs)`)
}
const load = () => `load average ${loadavg().map((value) => value.toFixed(2)).join(' ')} (${availableParallelism()} cores)`

async function benchNode(): Promise<void> {
  const times: number[] = []
  for (let run = 0; run <= runs; run++) {
    const started = performance.now()
    const source = async (path: string) => ({ name: basename(path), blob: await openAsBlob(path) })
    const report = await compareArtifacts(await source(leftPath), await source(rightPath), NODE_READ_OPTIONS)
    if (run > 0) times.push(performance.now() - started) // run 0 warms the JIT
    if (run === 0) console.log(`verdict ${report.verdict}, ${report.members.length} member pairs`)
  }
  describe('node  compareArtifacts (after 1 warm-up)', times)
}

/** A child process, killed on Ctrl-C, on failure and (a timed run) after `timeoutMs`; resolves with its exit code and stderr. */
function runChild(command: string, args: string[], { stdout = 'ignore', timed = true }: { stdout?: 'ignore' | 'pipe'; timed?: boolean } = {}): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', stdout, 'pipe'] })
  const kill = () => child.kill('SIGKILL')
  cleanups.add(kill)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = timed ? setTimeout(kill, timeoutMs) : undefined
  const done = new Promise<{ code: number | null; stderr: string }>((resolveDone, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      cleanups.delete(kill)
      if (signal) reject(new Error(`${command} ${args.join(' ')} was stopped (${signal}${signal === 'SIGKILL' ? `, after the ${timeoutMs / 1000} s timeout?` : ''})\n${stderr}`))
      else resolveDone({ code, stderr })
    })
  })
  return { child, done }
}

interface Variant {
  label: string
  /** One timed run: resolves with its wall time in ms, rejects when the run fails. */
  run: () => Promise<number>
  times: number[]
}

function cliVariant(bin: string): Variant {
  const path = resolve(bin)
  const probe = spawnSync(process.execPath, [path, '--help'], { env: { ...process.env, REPRODIFF_DEBUG: '1' }, encoding: 'utf8' })
  const entry = /reprodiff: running (the bundle|the source through tsx)/.exec(probe.stderr)?.[1] ?? 'entry not reported'
  return {
    label: `cli   node ${path} L R --json (${entry})`,
    times: [],
    async run() {
      const started = performance.now()
      const { code, stderr } = await runChild(process.execPath, [path, leftPath, rightPath, '--json']).done
      if (code !== 0 && code !== 1) throw new Error(`${path} exited ${code}: ${stderr}`)
      return performance.now() - started
    },
  }
}

const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3'
const floorVariant: Variant = {
  // The interpreter itself, not a pyenv shim (which adds about 0.1 s per start).
  label: `floor ${PYTHON} scripts/native-floor.py, one process per side in parallel`,
  times: [],
  async run() {
    const started = performance.now()
    const sides = [leftPath, rightPath].map((path) => runChild(PYTHON, [join(ROOT, 'scripts/native-floor.py'), path]).done)
    for (const { code, stderr } of await Promise.all(sides)) if (code !== 0) throw new Error(`native floor failed: ${stderr}`)
    return performance.now() - started
  },
}

async function benchCli(): Promise<void> {
  const variants = [...(options['cli-bin'] ?? [join(ROOT, 'bin/reprodiff.mjs')]).map(cliVariant), floorVariant]
  console.log(`${load()}; pair ${pairMegabytes.toFixed(1)} MB; ${runs} interleaved rounds after 1 warm-up round`)
  for (let round = 0; round <= runs; round++) {
    for (const variant of variants) {
      const ms = await variant.run()
      if (round > 0) variant.times.push(ms) // round 0 fills the page cache
    }
  }
  for (const variant of variants) describe(variant.label, variant.times)
  const floor = median(floorVariant.times)
  for (const variant of variants.slice(0, -1)) console.log(`ratio to the floor: ${(median(variant.times) / floor).toFixed(2)}× ${variant.label}`)
  console.log(`after: ${load()}`)
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const { child: server, done } = runChild(process.execPath, ['scripts/serve.mjs', '--dir', 'dist', '--port', '0', '--base', '/bench/sub/'], { stdout: 'pipe', timed: false })
  const stop = () => server.kill()
  cleanups.add(stop)
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('scripts/serve.mjs printed no URL within 10 s')), 10_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/bench\/sub\//.exec(chunk.toString())
      if (match) (clearTimeout(timer), resolveUrl(match[0]))
    })
    done.then(({ code, stderr }) => reject(new Error(`scripts/serve.mjs exited ${code}: ${stderr}`)), reject).finally(() => clearTimeout(timer))
  })
  return { url, stop }
}

/** One page run: from the second file's `change` event to the verdict and the first tree row in the DOM. */
async function timePage(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage()
  try {
    await page.goto(url)
    await page.waitForTimeout(2500)
    await page.getByTestId('file-left').setInputFiles(leftPath)
    await page.evaluate(() => {
      const state = window as unknown as { benchStart?: number; benchEnd?: number }
      document.querySelector('[data-testid="file-right"]')!.addEventListener('change', () => (state.benchStart = performance.now()), { capture: true })
      new MutationObserver(() => {
        if (!state.benchEnd && document.querySelector('[data-testid="verdict"][data-verdict]') && document.querySelector('[data-testid="member-row"]')) state.benchEnd = performance.now()
      }).observe(document.body, { subtree: true, childList: true, attributes: true })
    })
    await page.getByTestId('file-right').setInputFiles(rightPath)
    await page.locator('[data-testid="member-row"]').first().waitFor({ timeout: timeoutMs })
    return await page.evaluate(() => {
      const state = window as unknown as { benchStart: number; benchEnd: number }
      return state.benchEnd - state.benchStart
    })
  } finally {
    await page.close()
  }
}

/** The built page in a fresh page per run, whose workers have had 2.5 s to start and warm up, as while a user picks files. */
async function benchBrowser(): Promise<void> {
  const server = await startServer()
  let browser: Browser | null = null
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const opened = browser
    cleanups.add(() => void opened.close())
    const times: number[] = []
    for (let run = 0; run < runs; run++) times.push(await timePage(browser, server.url))
    describe('chromium second file chosen → verdict and tree in the DOM (fresh page, workers warmed)', times)
  } finally {
    await browser?.close()
    server.stop()
  }
}

try {
  if (options.cli) await benchCli()
  else {
    await benchNode()
    await benchBrowser()
  }
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  cleanUp()
}
