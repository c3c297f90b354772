/**
 * Where the page's time goes: CPU profiles of both compare workers and the main thread while the built page compares
 * one pair, and the functions with the most self time in each. The bench says how fast; this says why.
 *
 *   npx vite build --minify false --outDir .bench-cache/dist-profile     # readable function names
 *   npx tsx scripts/profile-page.mts LEFT RIGHT [--dist .bench-cache/dist-profile] [--out .bench-cache/profiles] [--top 25]
 *
 * The profiles (`worker0.cpuprofile`, `worker1.cpuprofile`, `main.cpuprofile`) open in Chromium's DevTools
 * (Performance panel, "Load profile"). Workers are profiled through the browser's CDP session (page-cdp.mts).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { servedPage, workerCalls } from './page-cdp.mts'

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { dist: { type: 'string', default: '.bench-cache/dist-profile' }, out: { type: 'string', default: '.bench-cache/profiles' }, top: { type: 'string', default: '25' } },
})
if (positionals.length !== 2) throw new Error('usage: profile-page.mts LEFT RIGHT [--dist DIR] [--out DIR] [--top N]')
const [left, right] = positionals.map((path) => resolve(path))

interface Profile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] }

/** Self time per function (name and file), most first, in ms. */
function selfTimes(profile: Profile, count: number): string[] {
  const perNode = new Map<number, number>()
  profile.samples.forEach((id, i) => perNode.set(id, (perNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const perFunction = new Map<string, number>()
  for (const { id, callFrame } of profile.nodes) {
    const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').pop() ?? ''}${callFrame.lineNumber >= 0 ? `:${callFrame.lineNumber + 1}` : ''}`
    perFunction.set(key, (perFunction.get(key) ?? 0) + (perNode.get(id) ?? 0))
  }
  return [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, micros]) => `${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`)
}

const { browser, context, page, close } = await servedPage(options.dist!)
try {
  const workers = await workerCalls(browser)
  for (const worker of workers) for (const method of ['Profiler.enable', 'Profiler.start']) await worker(method)
  const mainSession = await context.newCDPSession(page)
  await mainSession.send('Profiler.enable')
  await mainSession.send('Profiler.start')
  await page.getByTestId('file-left').setInputFiles(left)
  const start = Date.now()
  await page.getByTestId('file-right').setInputFiles(right)
  await page.locator('[data-testid="verdict"][data-verdict]').first().waitFor({ timeout: 600_000 })
  console.log(`verdict after ${Date.now() - start} ms (${workers.length} workers profiled)`)
  mkdirSync(options.out!, { recursive: true })
  const profiles: [string, Profile][] = []
  for (const [index, worker] of workers.entries()) profiles.push([`worker${index}`, (await worker<{ profile: Profile }>('Profiler.stop')).profile])
  profiles.push(['main', ((await mainSession.send('Profiler.stop')) as { profile: Profile }).profile])
  for (const [name, profile] of profiles) {
    writeFileSync(join(options.out!, `${name}.cpuprofile`), JSON.stringify(profile))
    console.log(`\n${name}: self time, most first\n${selfTimes(profile, Number(options.top)).join('\n')}`)
  }
} finally {
  await close()
}
