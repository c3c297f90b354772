/**
 * Page marks for issue 7 items 1, 7 and 16: a member whose bytes were not read carries an "unread" badge
 * and its error; a name that hides what it is carries a "confusable name" badge and is shown with its code
 * points; a rename links the two members; security findings lead the findings panel.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './guarded-test'
import { dropPair } from './drop-pair'
import { writeZip } from './zip-writer'

async function comparePair(page: Page, left: Buffer, right: Buffer) {
  await dropPair(page, left, right, ['left.zip', 'right.zip'])
  await expect(page.getByTestId('verdict')).toBeVisible()
}

const row = (page: Page, path: string) => page.locator(`[data-testid="member-row"][data-path=${JSON.stringify(path)}]`)

test('a member whose bytes were not read has an "unread" badge in the tree and its error in the detail', async ({ page }) => {
  // Method 99 (AE-x) is not one the reader inflates: same sizes, bytes never read.
  await comparePair(page,
    writeZip([{ name: 'pkg/secret.py', data: 'left!\n', method: 99 }, { name: 'pkg/ok.py', data: 'x\n' }]),
    writeZip([{ name: 'pkg/secret.py', data: 'right\n', method: 99 }, { name: 'pkg/ok.py', data: 'x\n' }]))
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-verdict', /identical|metadata-only/)
  const badge = row(page, 'pkg/secret.py').getByTestId('unread-badge')
  await expect(badge).toHaveText('unread')
  await expect(badge).toHaveAttribute('title', /UNSUPPORTED_METHOD/)
  await row(page, 'pkg/secret.py').click()
  await expect(page.getByTestId('member-unread')).toContainText('never counts as the same content')
  await expect(page.getByTestId('member-error').first()).toHaveAttribute('data-code', 'UNSUPPORTED_METHOD')
})

test('a confusable name is badged in the tree and shown with its code points; security findings come first', async ({ page }) => {
  const name = 'pkg/s\u0435tup.py' // a Cyrillic е inside a Latin word
  await comparePair(page,
    writeZip([{ name, data: 'import os\n' }, { name: 'pkg/a.py', data: '1\n' }]),
    writeZip([{ name, data: 'import os\n' }, { name: 'pkg/a.py', data: '2\n' }]))
  await page.getByTestId('hide-identical').uncheck()
  const marked = page.getByTestId('member-row').filter({ has: page.getByTestId('confusable-badge') })
  await expect(marked).toHaveCount(1)
  await expect(marked.getByTestId('confusable-badge')).toHaveText('confusable name')
  await marked.click()
  await expect(page.getByTestId('escaped-name').first()).toContainText('\\u{435}')
  await expect(page.getByTestId('finding').first()).toHaveAttribute('data-cause', 'confusable-name')
  const severities = await page.getByTestId('finding').evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.severity))
  // Every security card comes before every cause card.
  expect(severities.indexOf('cause')).toBeGreaterThan(severities.lastIndexOf('security'))
})

test('a rename with the same bytes links the two members to each other', async ({ page }) => {
  const module = 'def helper():\n    return 42\n'
  await comparePair(page,
    writeZip([{ name: 'pkg/old_name.py', data: module }, { name: 'pkg/keep.py', data: 'x\n' }]),
    writeZip([{ name: 'pkg/new_name.py', data: module }, { name: 'pkg/keep.py', data: 'x\n' }]))
  await row(page, 'pkg/old_name.py').click()
  await expect(page.getByTestId('rename-note')).toHaveAttribute('data-direction', 'to')
  await expect(page.getByTestId('rename-note')).toContainText('renamed to pkg/new_name.py')
  await page.getByTestId('rename-link').click()
  await expect(page.locator('#member-title')).toHaveText('pkg/new_name.py')
  await expect(page.getByTestId('rename-note')).toContainText('renamed from pkg/old_name.py')
  await expect(row(page, 'pkg/new_name.py')).toHaveAttribute('aria-selected', 'true')
})
