/**
 * Issue 10, "The tree", in the browser, on a generated pair of 100,000-member zips: a virtualised tree with no row
 * cap, real changes first (metadata-only one click away), one filter model, orders, and the keys of a WAI-ARIA tree.
 */
import type { Locator, Page } from '@playwright/test'
import { buildZip, type ZipEntry } from '../core/archive/build-archives'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'

const COUNT = 100_000
const name = (i: number) => `pkg/d${String(Math.floor(i / 1000)).padStart(2, '0')}/m${String(i).padStart(5, '0')}.py`
const isModified = (i: number) => i % 10_000 === 0
const isMetadataOnly = (i: number) => i % 1000 === 500

/** 100,000 shared members in 100 folders: 10 modified, 100 differing in mode only; one member on each side only. */
function pair(): [Buffer, Buffer] {
  const side = (which: 'left' | 'right'): Buffer => {
    const entries: ZipEntry[] = Array.from({ length: COUNT }, (_, i) => ({
      name: name(i),
      data: isModified(i) ? `x = "${which}"\n` : 'x = 1\n',
      mode: isMetadataOnly(i) && which === 'right' ? 0o100600 : 0o100644,
    }))
    entries.push(which === 'left' ? { name: 'pkg/gone.py', data: 'gone = 1\n' } : { name: 'readme-new.txt', data: 'new\n' })
    return Buffer.from(buildZip(entries))
  }
  return [side('left'), side('right')]
}

const TOTAL = COUNT + 2
const summary = (page: Page) => page.getByTestId('tree-summary')
const tree = (page: Page) => page.getByTestId('member-tree')
const focused = (page: Page) => page.locator('[role="treeitem"]:focus')

/**
 * The row is drawn inside the tree's scroll box, not clipped by it. Checked against the box rather than the window:
 * where the tree sits in the window depends on what the page shows above it (the verdict, its causes, the exports).
 */
async function expectInTreeView(page: Page, row: Locator) {
  await expect.poll(async () => {
    const [rowBox, treeBox] = await Promise.all([row.boundingBox(), tree(page).boundingBox()])
    return rowBox !== null && treeBox !== null && rowBox.y >= treeBox.y - 1 && rowBox.y + rowBox.height <= treeBox.y + treeBox.height + 1
  }).toBe(true)
}

async function open(page: Page, buffers: [Buffer, Buffer]) {
  await dropPair(page, buffers[0], buffers[1], ['left.zip', 'right.zip'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs', { timeout: 60_000 })
  // The causes come a moment after the verdict and make the banner taller, so the tree shorter: a row scrolled into
  // view before they came could be pushed out of it (the cause of this file's "End is in view" check failing now and
  // then under load). The keys are tried once the page has settled.
  await expect(page.getByTestId('verdict-causes')).toBeVisible({ timeout: 60_000 })
}

let buffers: [Buffer, Buffer]
test.beforeAll(() => {
  buffers = pair()
})

test('real changes first: metadata-only rows one click away, one filter model, orders', async ({ page }) => {
  test.setTimeout(120_000)
  await open(page, buffers)
  // The 12 content changes open in view; the 100 metadata-only ones are counted on their box.
  const hideMetadata = page.getByTestId('hide-metadata-only')
  await expect(hideMetadata).toBeChecked()
  await expect(page.locator('label', { has: hideMetadata })).toContainText('(100)')
  await expect(summary(page)).toHaveText(`Showing 12 of ${TOTAL} members`)
  await expect(page.locator('[data-testid="member-row"][data-status="metadata"]')).toHaveCount(0)
  await expect(page.locator('[data-testid="member-row"][data-path="readme-new.txt"]')).toHaveAttribute('data-status', 'right-only')

  await hideMetadata.uncheck()
  await expect(summary(page)).toHaveText(`Showing 112 of ${TOTAL} members`)
  await expect(page.locator(`[data-testid="member-row"][data-path="${name(500)}"]`)).toHaveAttribute('data-status', 'metadata')

  // A pressed status toggle wins over both hide boxes.
  await hideMetadata.check()
  await page.getByTestId('status-toggle-metadata').click()
  await expect(summary(page)).toHaveText(`Showing 100 of ${TOTAL} members`)
  await page.getByTestId('status-toggle-metadata').click()

  // The path filter over every member, and no cap: all 100,002 rows can be listed.
  await page.getByTestId('hide-identical').uncheck()
  await hideMetadata.uncheck()
  await expect(summary(page)).toHaveText(`Showing ${TOTAL} of ${TOTAL} members`)
  await page.getByTestId('path-filter').fill('m9999')
  await expect(summary(page)).toHaveText(`Showing 10 of ${TOTAL} members`)
  await expect(page.locator(`[data-testid="member-row"][data-path="${name(99_999)}"]`)).toBeVisible()
  await page.getByTestId('path-filter').fill('')

  // By status: one flat list, modified first; by size of change: the one-sided members (their whole size) lead.
  await page.getByTestId('tree-sort').selectOption('status')
  const firstRow = tree(page).locator('[role="treeitem"]').first()
  await expect(firstRow).toHaveAttribute('data-path', name(0))
  await expect(firstRow).toHaveAttribute('aria-setsize', String(TOTAL))
  await page.getByTestId('tree-sort').selectOption('change')
  await expect(firstRow).toHaveAttribute('data-path', 'pkg/gone.py')
})

test('virtualised to the last member, and driven by keys as a WAI-ARIA tree', async ({ page }) => {
  test.setTimeout(120_000)
  await open(page, buffers)
  await page.getByTestId('hide-identical').uncheck()
  await page.getByTestId('hide-metadata-only').uncheck()
  await expect(summary(page)).toHaveText(`Showing ${TOTAL} of ${TOTAL} members`)
  // Only the rows in view are drawn, and the tree's scroll container is the hook.
  expect(await tree(page).locator('[role="treeitem"]').count()).toBeLessThan(200)

  // Scrolled to the end, the last member is drawn and in view.
  await tree(page).evaluate((element) => element.scrollTo(0, element.scrollHeight))
  await expectInTreeView(page, page.locator('[data-testid="member-row"][data-path="readme-new.txt"]'))
  await tree(page).evaluate((element) => element.scrollTo(0, 0))

  // One Tab stop: Tab from the last toolbar control lands on the tree's one tabbable row.
  await expect(tree(page).locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1)
  await page.getByTestId('tree-sort').focus()
  await page.keyboard.press('Tab')
  await expect(focused(page)).toHaveAttribute('data-folder-key', 'pkg/')
  await expect(focused(page)).toHaveAttribute('aria-level', '1')
  await expect(focused(page)).toHaveAttribute('aria-expanded', 'true')

  await page.keyboard.press('ArrowDown')
  await expect(focused(page)).toHaveAttribute('data-folder-key', 'pkg/d00/')
  await page.keyboard.press('ArrowRight')
  await expect(focused(page)).toHaveAttribute('data-path', name(0))
  await expect(focused(page)).toHaveAttribute('aria-level', '3')
  await expect(focused(page)).toHaveAttribute('aria-posinset', '1')
  await expect(focused(page)).toHaveAttribute('aria-setsize', '1000')
  await page.keyboard.press('ArrowDown')
  await expect(focused(page)).toHaveAttribute('data-path', name(1))
  await expect(focused(page)).toHaveAttribute('aria-posinset', '2')

  // Left goes to the parent folder, then closes it; Right opens it again.
  await page.keyboard.press('ArrowLeft')
  await expect(focused(page)).toHaveAttribute('data-folder-key', 'pkg/d00/')
  await page.keyboard.press('ArrowLeft')
  await expect(focused(page)).toHaveAttribute('aria-expanded', 'false')
  await page.keyboard.press('ArrowRight')
  await expect(focused(page)).toHaveAttribute('aria-expanded', 'true')

  // End and Home: the focused row is scrolled into view though it was not drawn before.
  await page.keyboard.press('End')
  await expect(focused(page)).toHaveAttribute('data-path', 'readme-new.txt')
  await expectInTreeView(page, focused(page))
  await page.keyboard.press('Home')
  await expect(focused(page)).toHaveAttribute('data-folder-key', 'pkg/')
  await expectInTreeView(page, focused(page))

  // Type-ahead across 100,000 rows: "r" finds the one row starting with it; after a pause (a new prefix), "g" the
  // left-only member, 100,000 rows back round.
  await page.keyboard.press('r')
  await expect(focused(page)).toHaveAttribute('data-path', 'readme-new.txt')
  await expectInTreeView(page, focused(page))
  await page.waitForTimeout(800)
  await page.keyboard.press('g')
  await expect(focused(page)).toHaveAttribute('data-path', 'pkg/gone.py')
  await expect(tree(page).locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1)

  // Enter selects the focused member.
  await page.keyboard.press('Enter')
  await expect(focused(page)).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('member-detail')).toContainText('pkg/gone.py')
})
