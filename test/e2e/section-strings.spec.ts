/**
 * Issue 8, "Binaries": a strings diff (printable runs ≥ 4 bytes; string tables split at NULs) per differing
 * section, as text in the diff view. Two ELF files built byte by byte (test/core/binary/build-elf.ts) are dropped
 * as two plain files; the section's "Strings" button opens both sides' strings in the side-by-side editor.
 */
import { sampleLibrary } from '../core/binary/build-elf'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'

const library = (data: string, buildId: number) => Buffer.from(sampleLibrary({ is64: true, little: true, data, buildId }))

test('a differing section\'s strings open side by side in the diff view', async ({ page }) => {
  await dropPair(page, library('built in /tmp/build-a/src', 1), library('built in /tmp/build-path-b/src', 2), ['libdemo.so', 'libdemo.so'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.locator('[data-testid="member-row"][data-path="libdemo.so"]').click()
  const sections = page.getByTestId('binary-sections')
  await expect(sections.locator('tr[data-section=".data"]')).toHaveAttribute('data-status', 'modified')
  const button = sections.locator('tr[data-section=".data"] button[data-section=".data"]')
  // The button's test id is section-strings-<index of the section in members[].binary.sections>.
  await expect(button).toHaveAttribute('data-testid', /^section-strings-\d+$/)
  await button.click()
  const panel = page.getByTestId('section-strings-diff')
  await expect(panel).toHaveAttribute('data-section', '.data')
  const diff = panel.getByTestId('content-diff')
  await expect(diff.locator('.editor.original .view-lines')).toContainText('built in /tmp/build-a/src')
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('built in /tmp/build-path-b/src')
  await button.click()
  await expect(page.getByTestId('section-strings-diff')).toHaveCount(0)
})
