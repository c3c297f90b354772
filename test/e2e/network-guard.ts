/**
 * Records every request a page context makes and aborts any that leaves 127.0.0.1: the page promises
 * that nothing leaves the machine, and this is the only check that would catch a stray CDN load.
 */
import type { BrowserContext } from '@playwright/test'

export interface NetworkLog {
  /** Every requested URL, in order. */
  all: string[]
  /** Requests to any host other than 127.0.0.1 (data: and blob: URLs are local by nature). */
  nonLocal: string[]
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1'
}

export async function guardNetwork(context: BrowserContext): Promise<NetworkLog> {
  const log: NetworkLog = { all: [], nonLocal: [] }
  context.on('request', (request) => {
    log.all.push(request.url())
    if (!isLocal(request.url())) log.nonLocal.push(request.url())
  })
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'))
  return log
}
