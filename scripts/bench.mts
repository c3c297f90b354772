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

/** Time from handing both files to the inputs until the verdict is on screen, in a page whose workers are warm. */
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
    await page.waitForTimeout(500) // the workers start and warm up with the page, as while a user picks files
    const started = Date.now()
    await page.getByTestId('file-left').setInputFiles(join(process.cwd(), leftPath))
    await page.getByTestId('file-right').setInputFiles(join(process.cwd(), rightPath))
    await page.locator('[data-testid="verdict"][data-verdict]').waitFor()
    await page.locator('[data-testid="member-row"]').first().waitFor()
    times.push(Date.now() - started)
    await page.close()
  }
  await browser.close()
  server.stop()
  describe('chromium setInputFiles → verdict and tree shown, first comparison of a fresh page', times)
}

await benchNode()
await benchBrowser()
