/**
 * Benchmark: reading and comparing one pair, in Node (the CLI's path) and in the built page in headless
 * Chromium (drop both files, wait for the verdict). Medians of repeated runs; never part of `npm test`.
 *   npm run build && npx tsx scripts/bench.mts <left> <right> [--runs 7]
 * Chromium: $CHROMIUM_PATH or /usr/bin/chromium. The page is served by scripts/serve.mjs under a sub-path.
 */
import { spawn } from 'node:child_process'
import { openAsBlob } from 'node:fs'
import { basename, join } from 'node:path'
import { chromium } from '@playwright/test'
import { compareArtifacts } from '../src/core/index'

const args = process.argv.slice(2)
const runsIndex = args.indexOf('--runs')
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 7
const [leftPath, rightPath] = args.filter((arg, i) => !arg.startsWith('--') && (runsIndex < 0 || i !== runsIndex + 1))
if (!leftPath || !rightPath) {
  console.error('usage: npx tsx scripts/bench.mts <left> <right> [--runs N]')
  process.exit(2)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const describe = (label: string, values: number[]) =>
  console.log(`${label}: median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, ${values.length} runs)`)

async function benchNode(): Promise<void> {
  const times: number[] = []
  for (let run = 0; run <= runs; run++) {
    const started = performance.now()
    const source = async (path: string) => ({ name: basename(path), blob: await openAsBlob(path) })
    const report = await compareArtifacts(await source(leftPath), await source(rightPath), { streamInflateThreshold: Infinity })
    if (run > 0) times.push(performance.now() - started) // run 0 warms the JIT
    if (run === 0) console.log(`verdict ${report.verdict}, ${report.members.length} member pairs`)
  }
  describe('node  compareArtifacts (after 1 warm-up)', times)
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', 'dist', '--port', '0', '--base', '/bench/sub/'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/bench\/sub\//.exec(chunk.toString())
      if (match) resolve(match[0])
    })
  })
  return { url, stop: () => server.kill() }
}

/**
 * In-page time from the second file's `change` event to the verdict and the first tree row being in the
 * DOM (a MutationObserver), in a fresh page whose workers have had 2.5 s to start and warm up, as they do
 * while a user picks files.
 */
async function benchBrowser(): Promise<void> {
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage()
    await page.goto(server.url)
    await page.waitForTimeout(2500)
    await page.getByTestId('file-left').setInputFiles(join(process.cwd(), leftPath))
    await page.evaluate(() => {
      const state = window as unknown as { benchStart?: number; benchEnd?: number }
      document.querySelector('[data-testid="file-right"]')!.addEventListener('change', () => (state.benchStart = performance.now()), { capture: true })
      new MutationObserver(() => {
        if (!state.benchEnd && document.querySelector('[data-testid="verdict"][data-verdict]') && document.querySelector('[data-testid="member-row"]')) state.benchEnd = performance.now()
      }).observe(document.body, { subtree: true, childList: true, attributes: true })
    })
    await page.getByTestId('file-right').setInputFiles(join(process.cwd(), rightPath))
    await page.locator('[data-testid="member-row"]').first().waitFor()
    times.push(await page.evaluate(() => {
      const state = window as unknown as { benchStart: number; benchEnd: number }
      return state.benchEnd - state.benchStart
    }))
    await page.close()
  }
  await browser.close()
  server.stop()
  describe('chromium second file chosen → verdict and tree in the DOM (fresh page, workers warmed)', times)
}

await benchNode()
await benchBrowser()
