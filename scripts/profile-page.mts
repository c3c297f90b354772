/**
 * Where the page's time goes: CPU profiles of both compare workers and the main thread while the built page compares
 * one pair, and the functions with the most self time in each. The bench says how fast; this says why.
 *
 *   npx vite build --minify false --outDir .bench-cache/dist-profile     # readable function names
 *   npx tsx scripts/profile-page.mts LEFT RIGHT [--dist .bench-cache/dist-profile] [--out .bench-cache/profiles] [--top 25]
 *
 * The profiles (`worker0.cpuprofile`, `worker1.cpuprofile`, `main.cpuprofile`) open in Chromium's DevTools
 * (Performance panel, "Load profile"). Workers are profiled through the browser's CDP session: Playwright does not
 * attach to dedicated workers, so each is attached by target id and driven with `Target.sendMessageToTarget`.
 */
import { chromium } from '@playwright/test'
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

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

const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', options.dist!, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
const url = await new Promise<string>((found) => server.stdout!.on('data', (chunk: Buffer) => {
  const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString())
  if (match) found(match[0])
}))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url)
  await page.waitForTimeout(2500)
  const browserSession = await browser.newBrowserCDPSession()
  const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] }
  const answers = new Map<number, (result: { profile?: Profile }) => void>()
  browserSession.on('Target.receivedMessageFromTarget', ({ message }: { message: string }) => {
    const { id, result } = JSON.parse(message) as { id?: number; result?: { profile?: Profile } }
    if (id !== undefined) answers.get(id)?.(result ?? {})
  })
  let nextId = 1
  const send = (sessionId: string, method: string, params: object = {}) => new Promise<{ profile?: Profile }>((answer) => {
    const id = nextId++
    answers.set(id, answer)
    void browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
  })
  const workers: string[] = []
  for (const { targetId } of targetInfos.filter((target) => target.type === 'worker')) {
    const { sessionId } = (await browserSession.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string }
    for (const method of ['Profiler.enable', 'Profiler.start']) await send(sessionId, method)
    workers.push(sessionId)
  }
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
  for (const [index, sessionId] of workers.entries()) profiles.push([`worker${index}`, (await send(sessionId, 'Profiler.stop')).profile!])
  profiles.push(['main', ((await mainSession.send('Profiler.stop')) as { profile: Profile }).profile])
  for (const [name, profile] of profiles) {
    writeFileSync(join(options.out!, `${name}.cpuprofile`), JSON.stringify(profile))
    console.log(`\n${name}: self time, most first\n${selfTimes(profile, Number(options.top)).join('\n')}`)
  }
} finally {
  await browser.close()
  server.kill()
}
