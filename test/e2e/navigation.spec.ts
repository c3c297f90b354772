/**
 * Issue 10, "Moving between changes": next/previous change and changed member by key and by button, rolling over
 * from one member into the next; a member opens at its first change, unchanged regions collapsed; `?` lists the
 * keys; a key typed in the filter box or the tree does not navigate; inline and side-by-side views; the split.
 */
import type { Page } from '@playwright/test'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'
import { writeZip } from './zip-writer'

/** 200 lines; the lines listed differ on the right. */
function text(name: string, changedLines: number[], side: 'left' | 'right'): string {
  const lines = Array.from({ length: 200 }, (_, i) => `${name}_line_${i + 1} = ${i + 1}`)
  if (side === 'right') for (const line of changedLines) lines[line - 1] = `${name}_changed_${line} = "right"`
  return `${lines.join('\n')}\n`
}

const MEMBERS: [string, number[]][] = [['pkg/a.py', [60, 150]], ['pkg/b.py', [40, 120, 180]], ['pkg/c.py', [90, 170]]]

function side(which: 'left' | 'right'): Buffer {
  return writeZip([
    ...MEMBERS.map(([name, lines]) => ({ name, data: text(name.slice(4, 5), lines, which) })),
    { name: 'pkg/same.py', data: 'same = 1\n' },
  ])
}

const diff = (page: Page) => page.getByTestId('content-diff')
const changePlace = (page: Page) => page.getByTestId('change-position')
const memberPlace = (page: Page) => page.getByTestId('member-position')
const title = (page: Page) => page.locator('#member-title')
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

async function open(page: Page) {
  await dropPair(page, side('left'), side('right'), ['left.zip', 'right.zip'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.locator('[data-testid="member-row"][data-path="pkg/a.py"]').click()
  await expect(changePlace(page)).toHaveText('change 1 of 2')
}

test('a member opens at its first change, unchanged lines collapsed, and the header folds into one line', async ({ page }) => {
  await open(page)
  await expect(diff(page)).toHaveAttribute('data-revealed-line', '60')
  await expect(diff(page).locator('.editor.modified .view-lines')).toContainText('a_changed_60 = "right"')
  // Line 1 is far from any change: collapsed away, not shown.
  await expect(diff(page).locator('.editor.modified .view-lines')).not.toContainText('a_line_1 = 1')
  await expect(page.getByTestId('collapse-unchanged')).toBeChecked()
  await expect(memberPlace(page)).toHaveText('member 1 of 3')

  const folded = page.getByTestId('folded-header')
  await expect(folded).toContainText('left.zip')
  await expect(folded).toContainText('right.zip')
  await expect(page.getByTestId('folded-verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('verdict')).toBeHidden()
  // The diff fills most of the pane's height at 1280×800 (it was 278 px under the header).
  const box = await page.locator('.diff-frame').boundingBox()
  expect(box!.height).toBeGreaterThan(500)
  await page.getByTestId('expand-header').click()
  await expect(page.getByTestId('verdict')).toBeVisible()
  await page.getByTestId('fold-header').click()
  await expect(folded).toBeVisible()
})

test('next/previous change by key and by button, rolling over into the next and previous member', async ({ page }) => {
  await open(page)
  // In the focused tree, `n` is type-ahead, never "next change".
  await page.keyboard.press('n')
  await expect(changePlace(page)).toHaveText('change 1 of 2')

  // F7 works from anywhere (the tree included).
  await page.keyboard.press('F7')
  await expect(changePlace(page)).toHaveText('change 2 of 2')
  await expect(diff(page)).toHaveAttribute('data-revealed-line', '150')
  await expect(diff(page).locator('.editor.modified .view-lines')).toContainText('a_changed_150 = "right"')

  // Past the last change: the next changed member, at its first change.
  await page.getByTestId('next-change').click()
  await expect(title(page)).toHaveText('pkg/b.py')
  await expect(changePlace(page)).toHaveText('change 1 of 3')
  await expect(diff(page)).toHaveAttribute('data-revealed-line', '40')
  await expect(memberPlace(page)).toHaveText('member 2 of 3')

  await blur(page)
  await page.keyboard.press('n')
  await expect(changePlace(page)).toHaveText('change 2 of 3')
  await page.keyboard.press('Alt+F5')
  await expect(changePlace(page)).toHaveText('change 3 of 3')
  await expect(diff(page)).toHaveAttribute('data-revealed-line', '180')

  // Back before the first change: the previous member, at its last change.
  await page.keyboard.press('p')
  await page.keyboard.press('p')
  await expect(changePlace(page)).toHaveText('change 1 of 3')
  await page.getByTestId('prev-change').click()
  await expect(title(page)).toHaveText('pkg/a.py')
  await expect(changePlace(page)).toHaveText('change 2 of 2')
  await expect(diff(page)).toHaveAttribute('data-revealed-line', '150')

  // Members: j/k and the buttons, in the tree's order; the identical member is skipped; the ends stop.
  await blur(page)
  await page.keyboard.press('j')
  await expect(title(page)).toHaveText('pkg/b.py')
  await page.getByTestId('next-member').click()
  await expect(title(page)).toHaveText('pkg/c.py')
  await expect(memberPlace(page)).toHaveText('member 3 of 3')
  await expect(page.getByTestId('next-member')).toBeDisabled()
  await expect(changePlace(page)).toHaveText('change 1 of 2')
  await expect(diff(page)).toHaveAttribute('data-revealed-line', '90')
  await page.getByTestId('prev-member').click()
  await expect(title(page)).toHaveText('pkg/b.py')
})

test('a key typed in the filter box does not navigate; `?` lists the keys and Escape gives focus back', async ({ page }) => {
  await open(page)
  const filter = page.getByTestId('path-filter')
  await filter.click()
  await page.keyboard.type('pkg/jn')
  await expect(filter).toHaveValue('pkg/jn')
  await expect(title(page)).toHaveText('pkg/a.py')
  await expect(changePlace(page)).toHaveText('change 1 of 2')
  await filter.fill('')

  const helpButton = page.getByTestId('key-help-button')
  await helpButton.focus()
  await page.keyboard.press('?')
  const help = page.getByTestId('key-help')
  await expect(help).toBeVisible()
  await expect(help).toContainText('Next change')
  await expect(help.locator('kbd', { hasText: /^F7$/ })).toHaveCount(1)
  await expect(help.locator('kbd', { hasText: 'Shift+Alt+F5' })).toHaveCount(1)
  // Keys do not navigate behind the dialog.
  await page.keyboard.press('j')
  await expect(title(page)).toHaveText('pkg/a.py')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  await expect(helpButton).toBeFocused()
})

test('inline and side-by-side views switch and are remembered; the split moves by keyboard and is remembered', async ({ page }) => {
  await open(page)
  await expect(diff(page)).toHaveAttribute('data-layout', 'side-by-side')
  await page.getByTestId('view-inline').click()
  await expect(diff(page)).toHaveAttribute('data-layout', 'inline')
  await expect(page.getByTestId('view-inline')).toHaveAttribute('aria-pressed', 'true')
  // One column: the left's lines are shown struck out, as view zones among the right's lines.
  await expect(diff(page).locator('.editor.modified .view-lines:not(.line-delete)')).toContainText('a_changed_60 = "right"')
  await expect(diff(page).locator('.editor.modified .view-lines.line-delete').first()).toContainText('a_line_60 = 60')

  const handle = page.getByRole('separator', { name: 'Resize the member tree' })
  const before = Number(await handle.getAttribute('aria-valuenow'))
  await handle.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 48))
  const treeBox = await page.locator('.member-tree').boundingBox()
  expect(Math.round(treeBox!.width)).toBe(before + 48)

  await open(page)
  await expect(diff(page)).toHaveAttribute('data-layout', 'inline')
  await expect(page.getByRole('separator', { name: 'Resize the member tree' })).toHaveAttribute('aria-valuenow', String(before + 48))
  await page.getByTestId('view-side-by-side').click()
  await expect(diff(page)).toHaveAttribute('data-layout', 'side-by-side')
})
