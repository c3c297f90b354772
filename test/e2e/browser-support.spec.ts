/** What the page needs from the browser: nothing is missing in Chromium; a missing piece is named at the top. */
import { expect, test } from './guarded-test'

test('Chromium has everything: no browser notice', async ({ page }) => {
  await page.goto('./')
  await expect(page.getByTestId('sample-button')).toBeVisible()
  await expect(page.getByTestId('browser-support')).toHaveCount(0)
})

test('a browser without DecompressionStream or WebAssembly is told so at the top, in words', async ({ page }) => {
  // As an older Safari or Firefox would be: the globals are simply not there.
  await page.addInitScript(() => {
    Reflect.deleteProperty(globalThis, 'DecompressionStream')
    Reflect.deleteProperty(globalThis, 'WebAssembly')
  })
  await page.goto('./')
  const notice = page.getByTestId('browser-support')
  await expect(notice).toBeVisible()
  await expect(notice).toHaveAttribute('data-missing', 'decompression-stream webassembly')
  await expect(notice).toContainText('This browser cannot compare files with reprodiff.')
  await expect(notice).toContainText('.xz and .tar.xz files cannot be read')
  // Above the header: the first thing on the page.
  const [noticeBox, headerBox] = [await notice.boundingBox(), await page.locator('.app-header').boundingBox()]
  expect(noticeBox!.y).toBeLessThan(headerBox!.y)
})
