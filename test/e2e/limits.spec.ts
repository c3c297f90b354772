/**
 * Limits in the page: set in the Limits panel, named when reached (a limit-exceeded finding whose card
 * opens the panel, the text-limit note in the binary summary), the rest of the comparison still shown,
 * and gone again after a reset.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './guarded-test'

const FIXTURES = new URL('../fixtures/', import.meta.url)
const fixture = (path: string) => new URL(path, FIXTURES).pathname

async function loadContentWheel(page: Page) {
  await page.getByTestId('file-left').setInputFiles(fixture('pairs/content-wheel/left.whl'))
  await page.getByTestId('file-right').setInputFiles(fixture('pairs/content-wheel/right.whl'))
}

async function setLimit(page: Page, name: string, text: string) {
  await page.getByTestId('limits-button').click()
  const panel = page.getByTestId('limits-panel')
  await expect(panel).toBeVisible()
  await panel.getByTestId(`limit-${name}`).fill(text)
  await panel.getByTestId('limits-apply').click()
  await expect(panel).toBeHidden()
}

test('a member-size limit is named by a finding, the comparison goes on, and a reset clears it', async ({ page }) => {
  await page.goto('./')
  await expect(page.getByTestId('limits-button')).toHaveText('Limits: defaults')

  // Bad input is refused with a message, and nothing is applied.
  await page.getByTestId('limits-button').click()
  const panel = page.getByTestId('limits-panel')
  await expect(panel.getByTestId('limit-current-maxMemberBytes')).toHaveText('2.0 GiB')
  await panel.getByTestId('limit-maxRatio').fill('lots')
  await panel.getByTestId('limits-apply').click()
  await expect(panel.getByTestId('limit-error-maxRatio')).toContainText('"lots" is not a number')
  await expect(panel.getByTestId('limit-maxRatio')).toBeFocused()
  await panel.getByTestId('limits-cancel').click()
  await expect(panel).toBeHidden()
  await expect(page.getByTestId('limits-button')).toHaveText('Limits: defaults')

  await setLimit(page, 'maxMemberBytes', '100')
  await expect(page.getByTestId('limits-button')).toHaveText('Limits: custom')
  await loadContentWheel(page)

  const card = page.locator('[data-testid="finding"][data-cause="limit-exceeded"]')
  await expect(card).toContainText('member limit')
  await expect(card).toContainText('100 B')
  await expect(page.getByTestId('verdict')).toBeVisible()
  // Members under the limit were still read and compared.
  await expect(page.getByTestId('member-row').first()).toBeVisible()

  // The card's remedy leads to the panel; resetting there compares again under the defaults.
  await card.getByTestId('open-limits').click()
  await expect(panel).toBeVisible()
  await expect(panel.getByTestId('limit-current-maxMemberBytes')).toHaveText('100 B')
  await panel.getByTestId('limits-reset').click()
  await expect(panel).toBeHidden()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.locator('[data-testid="finding"][data-cause="limit-exceeded"]')).toHaveCount(0)
  await expect(page.getByTestId('limits-button')).toHaveText('Limits: defaults')
})

test('a member over the text limit gets a summary that names the limit, and raising it shows the text diff', async ({ page }) => {
  await page.goto('./')
  await setLimit(page, 'maxTextBytes', '10')
  await loadContentWheel(page)
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')

  await page.locator('[data-testid="member-row"][data-path="pkg/core.py"]').click()
  const summary = page.getByTestId('binary-summary')
  await expect(summary).toContainText('larger than the 10 B text limit; raise it under Limits')

  // Raising it reloads only this member's content: the text diff appears without a new comparison.
  await summary.getByTestId('open-limits').click()
  await page.getByTestId('limit-maxTextBytes').fill('8MiB')
  await page.getByTestId('limits-apply').click()
  await expect(page.getByTestId('content-diff')).toBeVisible()
  await expect(page.getByTestId('binary-summary')).toHaveCount(0)
})

test('limits are kept between visits', async ({ page }) => {
  await page.goto('./')
  await setLimit(page, 'maxMembers', '3')
  await page.reload()
  await expect(page.getByTestId('limits-button')).toHaveText('Limits: custom')
  await page.getByTestId('limits-button').click()
  await expect(page.getByTestId('limit-current-maxMembers')).toHaveText('3')
  await expect(page.getByTestId('limit-maxMembers')).toHaveValue('3')
})
