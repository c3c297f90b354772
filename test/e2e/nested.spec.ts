/**
 * Issue 8, nested archives, in the browser: a wheel inside an npm-like tarball is a folder in the tree (its row
 * counting what differs inside), and selecting a member inside it shows that member's diff, re-read by each
 * worker through the tarball.
 */
import { buildZip } from '../core/archive/build-archives'
import { npmTarball, wheel } from '../core/archive/nested-builders'
import { expect, test } from './guarded-test'

test('the nested pair shows the container folder and a nested member\'s diff', async ({ page }) => {
  const left = npmTarball('x-0.8.5-py3-none-any.whl', wheel('0.8.5', 1_600_000_000, { 'x/__init__.py': 'VALUE = "left side"\n' }), 1_600_000_000)
  const right = npmTarball('x-0.8.6-py3-none-any.whl', wheel('0.8.6', 1_700_000_000, { 'x/__init__.py': 'VALUE = "right side"\n' }), 1_700_000_000)
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles({ name: 'x-0.8.5.tgz', mimeType: 'application/gzip', buffer: Buffer.from(left) })
  await page.getByTestId('file-right').setInputFiles({ name: 'x-0.8.6.tgz', mimeType: 'application/gzip', buffer: Buffer.from(right) })
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  const container = 'package/pypi/x-0.8.5-py3-none-any.whl'
  const folderRow = page.locator(`[data-folder-key="${container}!/"]`)
  await expect(folderRow).toHaveAttribute('data-status', 'modified')
  await expect(folderRow.locator('.folder-count.status-text-modified')).toHaveText(/2/)
  const inner = page.locator(`[data-testid="member-row"][data-path="${container}!/x/__init__.py"]`)
  await expect(inner).toHaveAttribute('data-status', 'modified')
  await inner.click()
  const diff = page.getByTestId('content-diff')
  await expect(diff.locator('.editor.original .view-lines')).toContainText('left side')
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('right side')
})

test('the Limits panel has a nesting-depth row, and a depth of 1 still opens the wheels of a tarball', async ({ page }) => {
  const inner = (text: string) => wheel('1', 1_600_000_000, { 'x/__init__.py': text })
  const outer = (text: string) => npmTarball('x-1-py3-none-any.whl', inner(text), 1_600_000_000)
  await page.goto('./')
  await page.getByTestId('limits-button').click()
  const panel = page.getByTestId('limits-panel')
  await expect(panel.locator('[data-limit="maxDepth"]')).toContainText('levels of archives inside archives')
  await expect(panel.locator('[data-limit="maxDepth"]')).toContainText('--max-depth')
  await expect(panel.getByTestId('limit-current-maxDepth')).toHaveText('5')
  await panel.getByTestId('limit-maxDepth').fill('1')
  await panel.getByTestId('limits-apply').click()
  await page.getByTestId('file-left').setInputFiles({ name: 'l.tgz', mimeType: 'application/gzip', buffer: Buffer.from(outer('A = 1\n')) })
  await page.getByTestId('file-right').setInputFiles({ name: 'r.tgz', mimeType: 'application/gzip', buffer: Buffer.from(outer('A = 2\n')) })
  // Depth 1 is the wheel's own members: they are read and shown.
  await expect(page.locator('[data-testid="member-row"][data-path="package/pypi/x-1-py3-none-any.whl!/x/__init__.py"]')).toHaveAttribute('data-status', 'modified')
})

test('an archive inside with the same bytes on both sides is not opened, says so, and opens on request', async ({ page }) => {
  const same = buildZip([{ name: 'kept.txt', data: 'the same on both sides' }])
  const side = (text: string) => buildZip([{ name: 'same.zip', data: same }, { name: 'notes.txt', data: text }])
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles({ name: 'l.zip', mimeType: 'application/zip', buffer: Buffer.from(side('left')) })
  await page.getByTestId('file-right').setInputFiles({ name: 'r.zip', mimeType: 'application/zip', buffer: Buffer.from(side('right')) })
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.getByTestId('hide-identical').uncheck()
  const row = page.locator('[data-testid="member-row"][data-path="same.zip"]')
  await row.click()
  await expect(page.getByTestId('not-opened-inside')).toContainText('same bytes on both sides')
  await expect(page.locator('[data-testid="member-row"][data-path="same.zip!/kept.txt"]')).toHaveCount(0)
  await page.getByTestId('open-same-bytes').click()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.getByTestId('hide-identical').uncheck()
  await expect(page.locator('[data-testid="member-row"][data-path="same.zip!/kept.txt"]')).toHaveCount(1)
})
