/**
 * Where the page's memory is: the JavaScript heap of the main thread and of each compare worker, polled every 100 ms
 * through CDP (`Runtime.getHeapUsage`; the workers attached by target id as scripts/profile-page.mts does) while the
 * built page compares one pair, until 3 s after the causes show. The bench's renderer peak (VmHWM) also counts what
 * lies outside the heaps (array buffers, Blink, the allocator); this says which thread holds the members.
 *
 *   npx tsx scripts/heap-page.mts LEFT RIGHT [--dist .bench-cache/dist]
 */
import { chromium, type CDPSession } from '@playwright/test'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

interface HeapUsage { usedSize: number; totalSize: number }

const { values: options, positionals } = parseArgs({ allowPositionals: true, options: { dist: { type: 'string', default: '.bench-cache/dist' } } })
if (positionals.length !== 2) throw new Error('usage: heap-page.mts LEFT RIGHT [--dist DIR]')
const [left, right] = positionals.map((path) => resolve(path))

const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', options.dist!, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
const url = await new Promise<string>((found) => server.stdout!.on('data', (chunk: Buffer) => {
  const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString())
  if (match) found(match[0])
}))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})

/** A `Runtime.getHeapUsage` of each worker, through the browser session (Playwright does not attach to workers). */
async function workerHeaps(browserSession: CDPSession): Promise<(() => Promise<HeapUsage>)[]> {
  const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] }
  const answers = new Map<number, (usage: HeapUsage) => void>()
  browserSession.on('Target.receivedMessageFromTarget', ({ message }: { message: string }) => {
    const { id, result } = JSON.parse(message) as { id?: number; result?: HeapUsage }
    if (id !== undefined) answers.get(id)?.(result ?? { usedSize: 0, totalSize: 0 })
  })
  let nextId = 1
  const heaps: (() => Promise<HeapUsage>)[] = []
  for (const { targetId } of targetInfos.filter((target) => target.type === 'worker')) {
    const { sessionId } = (await browserSession.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string }
    heaps.push(() => new Promise((answer) => {
      const id = nextId++
      answers.set(id, answer)
      void browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage', params: {} }) })
    }))
  }
  return heaps
}

try {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url)
  await page.waitForTimeout(2500)
  const mainSession = await context.newCDPSession(page)
  const heaps = [() => mainSession.send('Runtime.getHeapUsage') as Promise<HeapUsage>, ...(await workerHeaps(await browser.newBrowserCDPSession()))]
  const peaks = heaps.map(() => 0)
  let peakUsed = 0
  let peakReserved = 0
  let done = false
  const polling = (async () => {
    while (!done) {
      const usages = await Promise.all(heaps.map((heap) => heap()))
      usages.forEach((usage, i) => (peaks[i] = Math.max(peaks[i], usage.usedSize)))
      peakUsed = Math.max(peakUsed, usages.reduce((sum, usage) => sum + usage.usedSize, 0))
      peakReserved = Math.max(peakReserved, usages.reduce((sum, usage) => sum + usage.totalSize, 0))
      await new Promise((wait) => setTimeout(wait, 100))
    }
  })()
  await page.getByTestId('file-left').setInputFiles(left)
  await page.getByTestId('file-right').setInputFiles(right)
  await page.locator('[data-testid="verdict-causes"]').first().waitFor({ timeout: 600_000 })
  await page.waitForTimeout(3000)
  done = true
  await polling
  const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`
  // The workers are listed in the order the browser reports them, not by side.
  const names = ['main', ...heaps.slice(1).map((_, i) => `worker${i}`)]
  console.log(`JS heap peaks: ${names.map((name, i) => `${name} ${gb(peaks[i])}`).join(', ')}; the largest sum at one moment ${gb(peakUsed)} used, ${gb(peakReserved)} reserved`)
} finally {
  await browser.close()
  server.kill()
}
