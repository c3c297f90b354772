/**
 * The `test` every e2e spec uses: each test's page records its requests (aborting any that leaves
 * 127.0.0.1) and its uncaught errors, and fails at the end if there was either. Specs read the request
 * log through the `network` fixture.
 */
import { test as base, expect } from '@playwright/test'
import { guardNetwork, type NetworkLog } from './network-guard'

export const test = base.extend<{ network: NetworkLog }>({
  network: [
    async ({ context, page }, use) => {
      const network = await guardNetwork(context)
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await use(network)
      expect(network.nonLocal, 'requests that left 127.0.0.1').toEqual([])
      // Catches, among others, Monaco's "model disposed" errors when members are switched.
      expect(pageErrors, 'uncaught errors in the page').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
