/**
 * What scripts/profile-page.mts and scripts/heap-page.mts share: the built page served by scripts/serve.mjs, the
 * Debian Chromium of the tests (`CHROMIUM_PATH` overrides it), and a CDP call into each of the page's dedicated
 * workers. Playwright does not attach to dedicated workers, so each is attached by target id through the browser's
 * session and driven with `Target.sendMessageToTarget`.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Milliseconds the page's workers get to start and warm up before a pair is chosen (as the bench gives them). */
const WARM_UP_MS = 2500

/** `dist` served on a free port and opened in Chromium, its workers warmed up; `close` stops the browser and the server. */
export async function servedPage(dist: string): Promise<{ browser: Browser; context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const server: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs', '--dir', dist, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((found) => server.stdout!.on('data', (chunk: Buffer) => {
    const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString())
    if (match) found(match[0])
  }))
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const close = async () => {
    await browser.close()
    server.kill()
  }
  try {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForTimeout(WARM_UP_MS)
    return { browser, context, page, close }
  } catch (thrown) {
    await close()
    throw thrown
  }
}

/** One function per worker the page has now, sending a CDP method to it and answering its result. */
export async function workerCalls(browser: Browser): Promise<(<T>(method: string, params?: object) => Promise<T>)[]> {
  const session = await browser.newBrowserCDPSession()
  const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] }
  const answers = new Map<number, (result: unknown) => void>()
  session.on('Target.receivedMessageFromTarget', ({ message }: { message: string }) => {
    const { id, result } = JSON.parse(message) as { id?: number; result?: unknown }
    if (id !== undefined) answers.get(id)?.(result ?? {})
  })
  let nextId = 1
  const calls: (<T>(method: string, params?: object) => Promise<T>)[] = []
  for (const { targetId } of targetInfos.filter((target) => target.type === 'worker')) {
    const { sessionId } = (await session.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string }
    calls.push(<T,>(method: string, params: object = {}) => new Promise<T>((answer) => {
      const id = nextId++
      answers.set(id, answer as (result: unknown) => void)
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
    }))
  }
  return calls
}
