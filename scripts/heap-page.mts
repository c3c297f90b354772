/**
 * Where the page's memory is: the JavaScript heap of the main thread and of each compare worker, polled every 100 ms
 * through CDP (`Runtime.getHeapUsage`; the workers reached as page-cdp.mts reaches them) while the
 * built page compares one pair, until 3 s after the causes show. The bench's renderer peak (VmHWM) also counts what
 * lies outside the heaps (array buffers, Blink, the allocator); this says which thread holds the members.
 *
 *   npx tsx scripts/heap-page.mts LEFT RIGHT [--dist .bench-cache/dist]
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { servedPage, workerCalls } from './page-cdp.mts'

interface HeapUsage { usedSize: number; totalSize: number }

const { values: options, positionals } = parseArgs({ allowPositionals: true, options: { dist: { type: 'string', default: '.bench-cache/dist' } } })
if (positionals.length !== 2) throw new Error('usage: heap-page.mts LEFT RIGHT [--dist DIR]')
const [left, right] = positionals.map((path) => resolve(path))

const { browser, context, page, close } = await servedPage(options.dist!)
try {
  const mainSession = await context.newCDPSession(page)
  const workers = await workerCalls(browser)
  const heaps = [() => mainSession.send('Runtime.getHeapUsage') as Promise<HeapUsage>, ...workers.map((worker) => () => worker<HeapUsage>('Runtime.getHeapUsage'))]
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
  await close()
}
