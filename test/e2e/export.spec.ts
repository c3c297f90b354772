/**
 * Exports from the page (issue 11): the JSON is the CLI's --json bytes, the Markdown is the golden file, the
 * HTML is the CLI's --html bytes and opens from disk with every request blocked (and no script), "Copy
 * summary" copies plain lines, and a saved report opens for browsing (another schema is refused).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Download, Page } from '@playwright/test'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'

const ROOT = new URL('../../', import.meta.url).pathname
const WHEEL = 'demo_pkg-1.0.0-py3-none-any.whl'
const LEFT = join(ROOT, 'public/sample/left', WHEEL)
const RIGHT = join(ROOT, 'public/sample/right', WHEEL)

async function compareSample(page: Page): Promise<void> {
  await dropPair(page, readFileSync(LEFT), readFileSync(RIGHT), [WHEEL, WHEEL])
  // The causes come with the final report (the verdict shows a moment before them).
  await expect(page.getByTestId('verdict-causes')).toBeVisible()
}

async function downloaded(page: Page, testId: string): Promise<{ download: Download; text: string; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  const path = join(mkdtempSync(join(tmpdir(), 'reprodiff-e2e-')), download.suggestedFilename())
  await download.saveAs(path)
  return { download, text: readFileSync(path, 'utf8'), path }
}

test('the JSON export is the bytes of reprodiff --json for the same pair', async ({ page }) => {
  await compareSample(page)
  const { download, text } = await downloaded(page, 'export-json')
  expect(download.suggestedFilename()).toBe('demo_pkg-1.0.0-py3-none-any--demo_pkg-1.0.0-py3-none-any.reprodiff.json')
  const cli = spawnSync(process.execPath, [join(ROOT, 'bin/reprodiff.mjs'), '--json', LEFT, RIGHT], { encoding: 'utf8' })
  expect(cli.status).toBe(1)
  expect(text).toBe(cli.stdout)
})

test('the Markdown export is the committed golden file', async ({ page }) => {
  await compareSample(page)
  const { text } = await downloaded(page, 'export-markdown')
  expect(text).toBe(readFileSync(join(ROOT, 'test/fixtures/golden/sample.md'), 'utf8'))
})

test('the HTML export is the CLI\'s --html file, and opens from disk with every request blocked and no script, showing the verdict and causes', async ({ page, browser }) => {
  await compareSample(page)
  const { path, text } = await downloaded(page, 'export-html')
  const cliFile = join(mkdtempSync(join(tmpdir(), 'reprodiff-e2e-')), 'cli.html')
  expect(spawnSync(process.execPath, [join(ROOT, 'bin/reprodiff.mjs'), LEFT, RIGHT, '--html', cliFile]).status).toBe(1)
  expect(text).toBe(readFileSync(cliFile, 'utf8'))
  const offline = await browser.newContext({ javaScriptEnabled: false })
  const requests: string[] = []
  offline.on('request', (request) => requests.push(request.url()))
  await offline.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort('blockedbyclient')))
  const file = await offline.newPage()
  await file.goto(`file://${path}`)
  await expect(file.locator('header.verdict h1')).toHaveText('Contents differ')
  await expect(file.locator('section.cause')).toHaveCount(9)
  await expect(file.locator('section.cause[data-cause="timestamps"]')).toContainText('Set SOURCE_DATE_EPOCH')
  await expect(file.locator('details', { hasText: 'demo_pkg/core.py' }).locator('.line.add').first()).toBeVisible()
  // The only request is the file itself: no style, font, image or script was asked for.
  expect(requests).toEqual([`file://${path}`])
  await offline.close()
})

test('Copy summary puts a few plain lines on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await compareSample(page)
  await page.getByTestId('copy-summary').click()
  const text = await page.evaluate(() => navigator.clipboard.readText())
  expect(text.split('\n')[0]).toBe('reprodiff: Contents differ')
  expect(text).toMatch(/^left: demo_pkg-1\.0\.0-py3-none-any\.whl sha256 [0-9a-f]{64}$/m)
  expect(text).toMatch(/^- 16 members differ in timestamps/m)
})

test('a saved report opens for browsing without its files, and a report of another schema is refused', async ({ page }) => {
  await compareSample(page)
  const { text } = await downloaded(page, 'export-json')
  const saved = join(mkdtempSync(join(tmpdir(), 'reprodiff-e2e-')), 'saved.json')
  writeFileSync(saved, text.replace('"schema":"reprodiff-report/2"', '"schema":"reprodiff-report/9"'))

  await page.goto('./')
  await page.getByTestId('open-report').setInputFiles(saved)
  await expect(page.getByTestId('open-report-error')).toHaveText(/schema "reprodiff-report\/9"; this page reads reprodiff-report\/2 only/)
  await expect(page.getByTestId('verdict')).toHaveCount(0)

  await page.getByTestId('open-report').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('verdict-causes')).toBeVisible()
  // Without the files there are no text diffs to include, and the HTML export says so.
  expect((await downloaded(page, 'export-html')).text).toContain('Diffs not included')
  await page.locator('[data-testid="member-row"][data-path="demo_pkg/core.py"]').click()
  await expect(page.getByTestId('content-error')).toContainText('The artefacts are not loaded: drop them to see contents.')
})

test('files dropped over a saved report are checked against its digests: the right ones pass, another is named', async ({ page }) => {
  await compareSample(page)
  const { text } = await downloaded(page, 'export-json')
  await page.goto('./')
  await page.getByTestId('open-report').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(page.getByTestId('verdict')).toBeVisible()
  await page.getByTestId('file-left').setInputFiles({ name: WHEEL, mimeType: 'application/zip', buffer: readFileSync(LEFT) })
  await page.getByTestId('file-right').setInputFiles({ name: WHEEL, mimeType: 'application/zip', buffer: readFileSync(RIGHT) })
  await expect(page.getByTestId('saved-report-check')).toHaveAttribute('data-ok', 'true')

  await page.goto('./')
  await page.getByTestId('open-report').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  await page.getByTestId('file-left').setInputFiles({ name: WHEEL, mimeType: 'application/zip', buffer: readFileSync(LEFT) })
  await page.getByTestId('file-right').setInputFiles({ name: WHEEL, mimeType: 'application/zip', buffer: readFileSync(LEFT) })
  const check = page.getByTestId('saved-report-check')
  await expect(check).toHaveAttribute('data-ok', 'false')
  await expect(check).toContainText('The right file is not the one in the saved report: expected sha256 ')
})
