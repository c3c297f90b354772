/** Copy buttons: each full SHA-256 (file facts, binary summary, metadata table) and a member's path, with "Copied" shown. */
import { readFileSync } from 'node:fs'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'

const SAMPLE = new URL('../../public/sample/', import.meta.url).pathname
const sample = (side: 'left' | 'right') => readFileSync(`${SAMPLE}${side}/demo_pkg-1.0.0-py3-none-any.whl`)

test('copy buttons put the full SHA-256 or the path on the clipboard and say so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await dropPair(page, sample('left'), sample('right'), ['demo_pkg-1.0.0-py3-none-any.whl', 'demo_pkg-1.0.0-py3-none-any.whl'])
  await expect(page.getByTestId('verdict')).toBeVisible()
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText())

  const fileCopy = page.getByTestId('copy-file-sha256-left')
  await expect(fileCopy).toHaveAccessibleName("Copy the left file's SHA-256")
  await fileCopy.click()
  await expect(fileCopy).toHaveText(/Copied/)
  await expect(fileCopy).toHaveAccessibleName("Copied the left file's SHA-256")
  const fileHash = await clipboard()
  expect(fileHash).toMatch(/^[0-9a-f]{64}$/)
  // The full value, of which the facts show the first 12 digits.
  await expect(page.getByTestId('file-sha256').first()).toHaveText(`${fileHash.slice(0, 12)}…`)
  await expect(page.getByRole('status').filter({ hasText: "the left file's SHA-256 copied" })).toHaveCount(1)

  await page.locator('[data-testid="member-row"][data-path="demo_pkg/core.py"]').click()
  const metaTable = page.getByTestId('meta-table')
  await metaTable.getByTestId('copy-path-right').click()
  expect(await clipboard()).toBe('demo_pkg/core.py')
  await metaTable.getByTestId('copy-sha256-right').click()
  const rightHash = await clipboard()
  await expect(metaTable.locator('tr[data-field="sha256"] td').nth(2)).toContainText(rightHash)

  await page.locator('[data-testid="member-row"][data-path="demo_pkg/data/logo.bin"]').click()
  const binaryCopy = page.getByTestId('binary-summary').getByTestId('copy-sha256-left')
  await binaryCopy.click()
  await expect(binaryCopy).toHaveText(/Copied/)
  await expect(page.getByTestId('binary-summary').locator('td.hash-full').first()).toContainText(await clipboard())
  // The feedback goes away again.
  await expect(binaryCopy).toHaveText('Copy', { timeout: 5000 })
})
