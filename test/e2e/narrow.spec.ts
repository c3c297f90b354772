/** A phone-sized viewport (390×844): one column, no sideways scrolling of the page, tree and detail both usable. */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'

test.use({ viewport: { width: 390, height: 844 } })

const SAMPLE = new URL('../../public/sample/', import.meta.url).pathname
const sample = (side: 'left' | 'right') => readFileSync(`${SAMPLE}${side}/demo_pkg-1.0.0-py3-none-any.whl`)

/** The page itself never scrolls sideways: wide content scrolls inside its own box. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
  expect(scrollWidth, 'document scrollWidth at a 390 px viewport').toBeLessThanOrEqual(innerWidth)
}

test('at 390 px the empty page fits', async ({ page }) => {
  await page.goto('./')
  await expect(page.getByTestId('sample-button')).toBeVisible()
  await expectNoSidewaysScroll(page)
})

test('at 390 px: the sample pair compares, the tree is above the detail pane, a member opens, nothing scrolls sideways', async ({ page }) => {
  await dropPair(page, sample('left'), sample('right'), ['demo_pkg-1.0.0-py3-none-any.whl', 'demo_pkg-1.0.0-py3-none-any.whl'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expectNoSidewaysScroll(page)

  const tree = page.locator('.member-tree')
  const detail = page.locator('.detail-pane')
  const [treeBox, detailBox] = [await tree.boundingBox(), await detail.boundingBox()]
  expect(treeBox && detailBox).toBeTruthy()
  // Stacked: the tree above, both as wide as the page allows.
  expect(treeBox!.y + treeBox!.height).toBeLessThanOrEqual(detailBox!.y + 1)
  expect(treeBox!.width).toBeGreaterThan(300)
  expect(detailBox!.x + detailBox!.width).toBeLessThanOrEqual(390)

  const row = page.locator('[data-testid="member-row"][data-path="demo_pkg/core.py"]')
  await row.scrollIntoViewIfNeeded()
  await row.click()
  await expect(page.getByTestId('tab-member')).toHaveAttribute('aria-selected', 'true')
  const diff = page.getByTestId('content-diff')
  // Inline, Monaco draws the modified editor's lines in more than one layer: any of them shows the code.
  await expect(diff.locator('.editor.modified .view-lines').first()).toBeVisible()
  // Nothing chosen yet, on a phone: the diff is inline (two columns of code would not fit).
  await expect(page.getByTestId('diff-layout')).toHaveAttribute('data-layout', 'inline')
  await diff.scrollIntoViewIfNeeded()
  const diffBox = await diff.boundingBox()
  expect(diffBox!.width).toBeGreaterThan(250)
  expect(diffBox!.x + diffBox!.width).toBeLessThanOrEqual(390)
  await expect(page.getByTestId('meta-table')).toBeVisible()
  await expectNoSidewaysScroll(page)

  // A binary member: its summary and hex view fit as well.
  await page.locator('[data-testid="member-row"][data-path="demo_pkg/data/logo.bin"]').click()
  await expect(page.getByTestId('binary-summary')).toBeVisible()
  await expectNoSidewaysScroll(page)

  // The other tabs and the Limits dialog.
  for (const tab of ['causes', 'archive']) {
    await page.getByTestId(`tab-${tab}`).click()
    await expectNoSidewaysScroll(page)
  }
  await page.getByTestId('limits-button').click()
  await expectNoSidewaysScroll(page)
})
