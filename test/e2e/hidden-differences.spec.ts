/**
 * Issue 7 item 11: whitespace is content, and a difference the text view cannot show is named. Indentation
 * changes show by default; the toggle says which whitespace it hides. A pair that differs only in line
 * endings or a BOM says so in words and offers the bytes (first differing offset).
 */
import type { Page } from '@playwright/test'
import { expect, test } from './guarded-test'
import { dropPair } from './drop-pair'
import { writeZip } from './zip-writer'

const BOM = '\ufeff'

async function comparePair(page: Page, left: Buffer, right: Buffer) {
  await dropPair(page, left, right)
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
}

const row = (page: Page, path: string) => page.locator(`[data-testid="member-row"][data-path="${path}"]`)
/** Monaco's marks of a changed line or changed characters, on the right (modified) side. */
const changeMarks = (page: Page) => page.getByTestId('content-diff').locator('.editor.modified').locator('.line-insert, .char-insert')

test('an indentation-only change shows by default; the toggle hides it and then says so', async ({ page }) => {
  await comparePair(page,
    writeZip([{ name: 'pkg/mod.py', data: 'def f(x):\n    if x:\n        return 1\n    return 2\n' }]),
    writeZip([{ name: 'pkg/mod.py', data: 'def f(x):\n    if x:\n        return 1\n        return 2\n' }]))
  await row(page, 'pkg/mod.py').click()
  const toggle = page.getByLabel('Hide leading/trailing whitespace changes')
  await expect(toggle).not.toBeChecked()
  await expect(page.getByTestId('content-diff')).toHaveAttribute('data-ignore-trim-whitespace', 'false')
  await expect(changeMarks(page).first()).toBeVisible()
  // Shown in the editor: nothing hidden to name.
  await expect(page.getByTestId('hidden-difference')).toHaveCount(0)

  await toggle.check()
  await expect(page.getByTestId('content-diff')).toHaveAttribute('data-ignore-trim-whitespace', 'true')
  await expect(changeMarks(page)).toHaveCount(0)
  const note = page.getByTestId('hidden-difference')
  await expect(note).toHaveAttribute('data-shows', 'none')
  await expect(note).toContainText('only in leading/trailing whitespace, hidden by the toggle')
})

test('a CRLF-only pair says the bytes differ only in line endings, with counts, and offers the bytes', async ({ page }) => {
  await comparePair(page,
    writeZip([{ name: 'pkg/win.py', data: 'import os\r\n\r\nprint(os.sep)\r\n' }]),
    writeZip([{ name: 'pkg/win.py', data: 'import os\n\nprint(os.sep)\n' }]))
  await row(page, 'pkg/win.py').click()
  const note = page.getByTestId('hidden-difference')
  await expect(note).toHaveAttribute('data-shows', 'none')
  await expect(note).toContainText('The bytes differ, but the text view shows no change')
  await expect(note).toContainText('line endings: 3 CRLF on the left, 0 on the right; 0 LF on the left, 3 on the right')
  await expect(page.getByTestId('binary-summary')).toHaveCount(0)
  await page.getByTestId('show-bytes').click()
  await expect(page.getByTestId('binary-summary')).toBeVisible()
  await expect(page.getByTestId('first-difference')).toContainText('0x9 (9)')
  // The editor is still there beside the bytes.
  await expect(page.getByTestId('content-diff')).toBeVisible()
})

test('a BOM that the text decoder strips is named on its side', async ({ page }) => {
  await comparePair(page,
    writeZip([{ name: 'README.txt', data: `${BOM}hello\n` }]),
    writeZip([{ name: 'README.txt', data: 'hello\n' }]))
  await row(page, 'README.txt').click()
  await expect(page.getByTestId('hidden-difference')).toContainText('a UTF-8 BOM on the left')
  await page.getByTestId('show-bytes').click()
  await expect(page.getByTestId('first-difference')).toContainText('0x0 (0)')
})
