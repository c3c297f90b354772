/**
 * Links (store/link-state.ts, store/link-session.ts): the page keeps its state in the URL fragment; a link opened
 * in a fresh page asks for its files, fetches nothing by itself, checks each file against the link's SHA-256,
 * restores the same member and view for the right files, and names a wrong file without comparing it.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { expect, test } from './guarded-test'
import { indexServerFor } from './index-server'
import { guardNetwork, type NetworkLog } from './network-guard'

const FIXTURES = new URL('../fixtures/', import.meta.url)
const fixture = (path: string) => new URL(path, FIXTURES).pathname
const LEFT = fixture('pairs/content-wheel/left.whl')
const RIGHT = fixture('pairs/content-wheel/right.whl')
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const row = (page: Page, path: string) => page.locator(`[data-testid="member-row"][data-path="${path}"]`)

const indexServer = indexServerFor(test)

/** A page in a context of its own: no localStorage, no clipboard, no state shared with the page that made the link. */
async function freshPage(browser: Browser, baseURL: string | undefined): Promise<{ page: Page; network: NetworkLog; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL })
  const network = await guardNetwork(context)
  const page = await context.newPage()
  return { page, network, close: () => context.close() }
}

async function copiedLink(page: Page): Promise<string> {
  await page.getByTestId('copy-link').click()
  await expect(page.getByTestId('copy-link')).toHaveAttribute('data-outcome', 'copied')
  return page.evaluate(() => navigator.clipboard.readText())
}

test('a link made after comparing two local files asks for them, restores the member and view, and names a wrong file', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('./')
  await expect(page.getByTestId('copy-link')).toHaveCount(0)
  await page.getByTestId('file-left').setInputFiles(LEFT)
  await page.getByTestId('file-right').setInputFiles(RIGHT)
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  const historyLength = await page.evaluate(() => history.length)
  await row(page, 'pkg/core.py').click()
  await page.getByTestId('view-inline').click()
  await expect(page.getByTestId('diff-layout')).toHaveAttribute('data-layout', 'inline')
  // The address bar follows without navigating: no new history entry, no reload.
  await expect.poll(() => new URL(page.url()).hash).toContain('m=pkg%2Fcore.py')
  expect(await page.evaluate(() => history.length)).toBe(historyLength)
  await page.getByTestId('expand-header').click()
  const link = await copiedLink(page)
  expect(link).toMatch(/#v=1&l=left\.whl,\d+,[0-9a-f]{64}&r=right\.whl,\d+,[0-9a-f]{64}&m=pkg%2Fcore\.py&p=member&d=inline&/)

  const fresh = await freshPage(browser, baseURL)
  try {
    await fresh.page.goto(link)
    const prompt = fresh.page.getByTestId('link-prompt')
    await expect(prompt).toBeVisible()
    await expect(fresh.page.getByTestId('link-name-left')).toHaveText('left.whl')
    await expect(fresh.page.getByTestId('link-name-right')).toHaveText('right.whl')
    await expect(prompt).toContainText(sha256(LEFT))
    await expect(fresh.page.getByTestId('verdict')).toHaveCount(0)

    // The left file given for the right side: named as the wrong file, and nothing is compared.
    await fresh.page.getByTestId('link-file-left').setInputFiles(LEFT)
    await expect(fresh.page.getByTestId('link-ok-left')).toBeVisible()
    await fresh.page.getByTestId('link-file-right').setInputFiles({ name: 'right.whl', mimeType: 'application/zip', buffer: readFileSync(LEFT) })
    await expect(fresh.page.getByTestId('link-mismatch-right')).toContainText(`expected sha256 ${sha256(RIGHT)}, got ${sha256(LEFT)}`)
    await fresh.page.waitForTimeout(300)
    await expect(fresh.page.getByTestId('verdict')).toHaveCount(0)
    // The link is kept while it waits for its files.
    expect(fresh.page.url()).toBe(link)

    await fresh.page.getByTestId('link-file-right').setInputFiles(RIGHT)
    await expect(fresh.page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
    await expect(prompt).toHaveCount(0)
    await expect(row(fresh.page, 'pkg/core.py')).toHaveAttribute('aria-selected', 'true')
    await expect(fresh.page.getByTestId('diff-layout')).toHaveAttribute('data-layout', 'inline')
    await expect(fresh.page.getByTestId('content-diff')).toContainText('name = name.strip() or "world"')
    // Restored, the page writes the same state back: the same link.
    await expect.poll(() => fresh.page.url()).toBe(link)
    expect(fresh.network.nonLocal).toEqual([])
  } finally {
    await fresh.close()
  }
  expect(indexServer().requests).toEqual([])
})

test('a URL side shows its host and is fetched only on its button; no request before that', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const wheel = indexServer().files['demo-1.0-py3-none-any.whl']
  const url = `${indexServer().cors}/files/demo-1.0-py3-none-any.whl`
  await page.goto('./')
  await page.getByTestId('file-right').setInputFiles({ name: 'demo-1.1-py3-none-any.whl', mimeType: 'application/zip', buffer: Buffer.from(indexServer().files['demo-1.1-py3-none-any.whl'].bytes) })
  await page.getByTestId('url-left').fill(url)
  await page.getByTestId('url-fetch-left').click()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  const link = await copiedLink(page)
  expect(link).toContain(`,${wheel.sha256},${encodeURIComponent(url)}&`)
  indexServer().requests.length = 0

  const fresh = await freshPage(browser, baseURL)
  try {
    await fresh.page.goto(link)
    await expect(fresh.page.getByTestId('link-host-left')).toHaveText(new URL(url).host)
    await expect(fresh.page.getByTestId('link-fetch-right')).toHaveCount(0)
    await fresh.page.waitForTimeout(500)
    expect(indexServer().requests).toEqual([])
    expect(fresh.network.all.filter((requested) => requested.startsWith(indexServer().cors))).toEqual([])

    await fresh.page.getByTestId('link-fetch-left').click()
    await expect(fresh.page.getByTestId('link-ok-left')).toBeVisible()
    expect(indexServer().requests).toEqual(['GET /cors/files/demo-1.0-py3-none-any.whl'])
    await fresh.page.getByTestId('link-file-right').setInputFiles({ name: 'demo-1.1-py3-none-any.whl', mimeType: 'application/zip', buffer: Buffer.from(indexServer().files['demo-1.1-py3-none-any.whl'].bytes) })
    await expect(fresh.page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
    // The link's digest was the side's expected one: shown checked, as a pasted digest is.
    await expect(fresh.page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'true')
  } finally {
    await fresh.close()
  }
})

test('a fragment that is not a usable link is said, with its code, and nothing is asked for', async ({ page }) => {
  await page.goto('./#v=9&l=a.whl,1,00')
  await expect(page.getByTestId('link-problem')).toHaveAttribute('data-code', 'LINK_VERSION')
  await expect(page.getByTestId('link-problem')).toContainText('this page reads version 1')
  await expect(page.getByTestId('link-side-left')).toHaveCount(0)
  await page.goto('./#v=1&l=%3Cimg%20src%3Dx%3E,1,nothex&r=b,1,00')
  await page.reload()
  await expect(page.getByTestId('link-problem')).toHaveAttribute('data-code', 'LINK_SIDE')
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
})
