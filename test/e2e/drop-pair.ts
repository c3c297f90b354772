/** Opens the page and drops two in-memory artefacts on its two sides, as a user choosing two files. */
import type { Page } from '@playwright/test'

export async function dropPair(page: Page, left: Buffer, right: Buffer, names: [string, string] = ['left.whl', 'right.whl']): Promise<void> {
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles({ name: names[0], mimeType: 'application/zip', buffer: left })
  await page.getByTestId('file-right').setInputFiles({ name: names[1], mimeType: 'application/zip', buffer: right })
}
