import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { guardNetwork, type NetworkLog } from './network-guard'

const FIXTURES = new URL('../fixtures/', import.meta.url)
const fixture = (path: string) => new URL(path, FIXTURES).pathname

interface Expected {
  verdict: string
  members: Record<string, { status: string; changed: string[] }>
}
const expectedFor = (kind: string): Expected => JSON.parse(readFileSync(fixture(`pairs/${kind}/expected.json`), 'utf8'))

let network: NetworkLog
let pageErrors: string[]

test.beforeEach(async ({ context, page }) => {
  network = await guardNetwork(context)
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

test.afterEach(() => {
  expect(network.nonLocal, 'requests that left 127.0.0.1').toEqual([])
  // Catches, among others, Monaco's "model disposed" errors when members are switched.
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

async function comparePair(page: Page, left: string, right: string) {
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles(fixture(left))
  await page.getByTestId('file-right').setInputFiles(fixture(right))
}

const row = (page: Page, path: string) => page.locator(`[data-testid="member-row"][data-path="${path}"]`)

test('a content change: verdict, member statuses, Monaco diff of a modified .py, metadata table', async ({ page }) => {
  const expected = expectedFor('content-wheel')
  await comparePair(page, 'pairs/content-wheel/left.whl', 'pairs/content-wheel/right.whl')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('elapsed')).toHaveText(/compared in \d+(\.\d)? m?s/)

  // Hide identical is on by default: identical members are not rows yet.
  await expect(page.getByTestId('hide-identical')).toBeChecked()
  await expect(page.locator('[data-testid="member-row"][data-status="identical"]')).toHaveCount(0)
  await page.getByTestId('hide-identical').uncheck()
  for (const [path, { status }] of Object.entries(expected.members)) {
    await expect(row(page, path)).toHaveAttribute('data-status', status)
  }
  await expect(page.getByTestId('member-row')).toHaveCount(Object.keys(expected.members).length)

  await row(page, 'pkg/core.py').click()
  const diff = page.getByTestId('content-diff')
  await expect(diff).toBeVisible()
  // Left is Monaco's "original" editor, right its "modified" one; each shows its own side's text.
  await expect(diff.locator('.editor.original .view-lines')).toContainText('return f"Hello, {name}!"')
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('name = name.strip() or "world"')
  await expect(page.getByTestId('meta-table')).toBeVisible()
  await expect(page.getByTestId('meta-table').locator('tr[data-field="sha256"]')).toHaveAttribute('data-changed', 'true')

  // Switching text members swaps the models under the same editor.
  await row(page, 'pkg-1.0.dist-info/RECORD').click()
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('pkg/core.py,sha256=')
  await row(page, 'pkg/data.bin').click()
  await expect(page.getByTestId('binary-summary')).toContainText('0xA0 (160)')

  expect(network.all.some((url) => /\/assets\/editor\.worker-[\w-]+\.js$/.test(url)), 'editor.worker requested').toBe(true)
})

test('a metadata-only pair says so, with the differing field highlighted', async ({ page }) => {
  await comparePair(page, 'pairs/timestamps-wheel/left.whl', 'pairs/timestamps-wheel/right.whl')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'metadata-only')
  await expect(page.getByTestId('verdict')).toContainText('Same contents, different packaging')
  await expect(page.getByTestId('archive-panel')).toContainText('No archive-level differences')
  await row(page, 'pkg/core.py').click()
  await expect(page.getByTestId('meta-table').locator('tr[data-field="mtime"]')).toHaveAttribute('data-changed', 'true')
  await expect(page.getByTestId('meta-table').locator('tr[data-field="size"]')).toHaveAttribute('data-changed', 'false')
})

test('a file that is not an archive is named as such while the other side still shows', async ({ page }) => {
  await comparePair(page, 'bad/not-an-archive.txt', 'pairs/content-wheel/right.whl')
  const error = page.getByTestId('error')
  await expect(error).toContainText(/not an archive/i)
  await expect(error).toContainText('not-an-archive.txt')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'error')
  await expect(page.getByTestId('verdict')).toContainText('Could not compare:')
  // The readable side is still listed, member by member.
  await expect(row(page, 'pkg/core.py')).toHaveAttribute('data-status', 'right-only')
  await expect(page.getByTestId('file-sha256')).toHaveCount(2)
  // Nothing was selected, so Monaco (its chunk and its worker) was never loaded.
  expect(network.all.filter((url) => /DiffView-|editor\.worker-/.test(url))).toEqual([])
})

for (const [file, words] of [
  ['bad/empty.whl', /empty \(0 bytes\)/],
  ['bad/truncated.whl', /end-of-central-directory record is missing/],
  ['bad/truncated.tar.gz', /cut short/],
] as const) {
  test(`${file} on the right gets a clear error while the left side still shows`, async ({ page }) => {
    await comparePair(page, 'pairs/owner-sdist/left.tar.gz', file)
    await expect(page.getByTestId('error')).toContainText(words)
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'error')
    await expect(page.locator('[data-testid="member-row"]').first()).toBeVisible()
  })
}

test('the sample button loads the sample pair and shows a verdict', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('sample-button').click()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('archive-panel')).toContainText('order')
  await expect(row(page, 'demo_pkg/core.py')).toHaveAttribute('data-status', 'modified')
})

test('?sample in the URL loads the sample pair at once', async ({ page }) => {
  await page.goto('./?sample')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
})

test('the path filter narrows the tree', async ({ page }) => {
  await page.goto('./?sample')
  await expect(page.getByTestId('verdict')).toBeVisible()
  await page.getByTestId('path-filter').fill('logo')
  await expect(page.getByTestId('member-row')).toHaveCount(1)
  await expect(page.getByTestId('member-row')).toHaveAttribute('data-path', 'demo_pkg/data/logo.bin')
})

test('an sdist: a directory member is its folder\'s row, a symlink shows both targets', async ({ page }) => {
  await comparePair(page, 'pairs/symlink-sdist/left.tar.gz', 'pairs/symlink-sdist/right.tar.gz')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await row(page, 'pkg-1.0/pkg/LICENSE').click()
  await expect(page.getByTestId('link-summary')).toContainText('symlink → ../LICENSE')
  await expect(page.getByTestId('link-summary')).toContainText('symlink → ../COPYING')
  await expect(page.getByTestId('meta-table').locator('tr[data-field="linkTarget"]')).toHaveAttribute('data-changed', 'true')

  await page.getByTestId('hide-identical').uncheck()
  await row(page, 'pkg-1.0/').click()
  await expect(page.getByTestId('meta-table').locator('tr[data-field="type"]')).toContainText('dir')
  // Selecting the folder's own member keeps the folder open.
  await expect(row(page, 'pkg-1.0/pkg/LICENSE')).toBeVisible()
})

test('Cancel stops a long read, and the same files can be compared again', async ({ page }, testInfo) => {
  // 200 MB of zeros: hashing alone takes long enough to press Cancel; then it is "not an archive".
  const big = testInfo.outputPath('zeros.bin')
  writeFileSync(big, Buffer.alloc(200 * 1024 * 1024))
  try {
    await page.goto('./')
    await page.getByTestId('file-left').setInputFiles(big)
    await page.getByTestId('file-right').setInputFiles(fixture('pairs/content-wheel/right.whl'))
    await page.getByTestId('cancel').click()
    await expect(page.getByTestId('cancelled')).toBeVisible()
    await expect(page.getByTestId('verdict')).toHaveCount(0)
    await page.getByRole('button', { name: 'Compare again' }).click()
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'error', { timeout: 20_000 })
  } finally {
    rmSync(big, { force: true })
  }
})
