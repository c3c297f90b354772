/** Dark mode: the system setting by default, a remembered toggle, and Monaco following it live. */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'

const SAMPLE = new URL('../../public/sample/', import.meta.url).pathname
const sample = (side: 'left' | 'right') => readFileSync(`${SAMPLE}${side}/demo_pkg-1.0.0-py3-none-any.whl`)
const theme = (page: Page) => page.locator('html')
const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor)

test('the toggle cycles system → light → dark, sets data-theme and is remembered across a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto('./')
  const toggle = page.getByTestId('theme-toggle')
  await expect(theme(page)).toHaveAttribute('data-theme', 'light')
  await expect(toggle).toHaveAttribute('data-preference', 'system')
  // A real button whose name says what a press does.
  await expect(toggle).toHaveAccessibleName(/^Theme: system \(light now\)\. Switch to the light theme$/)
  const lightBackground = await pageBackground(page)

  await toggle.click()
  await expect(toggle).toHaveAttribute('data-preference', 'light')
  await toggle.click()
  await expect(toggle).toHaveAttribute('data-preference', 'dark')
  await expect(theme(page)).toHaveAttribute('data-theme', 'dark')
  await expect(toggle).toHaveAccessibleName(/Switch to follow the system setting/)
  expect(await pageBackground(page)).not.toBe(lightBackground)

  await page.reload()
  await expect(theme(page)).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-preference', 'dark')

  // Back to the system setting (light here): nothing is stored any more.
  await page.getByTestId('theme-toggle').click()
  await expect(theme(page)).toHaveAttribute('data-theme', 'light')
  expect(await page.evaluate(() => localStorage.getItem('reprodiff.theme'))).toBeNull()
})

test('a dark system gives the dark theme from the first render, and a change of the system setting is followed', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('./')
  await expect(theme(page)).toHaveAttribute('data-theme', 'dark')
  expect(await pageBackground(page)).toBe('rgb(13, 17, 23)')
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(theme(page)).toHaveAttribute('data-theme', 'light')
})

test('Monaco follows the theme: vs-dark in the dark theme, vs again after the toggle, live', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await dropPair(page, sample('left'), sample('right'), ['demo_pkg-1.0.0-py3-none-any.whl', 'demo_pkg-1.0.0-py3-none-any.whl'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.locator('[data-testid="member-row"][data-path="demo_pkg/core.py"]').click()
  // Monaco puts its theme's class on each of the diff editor's two code editors.
  const editor = page.getByTestId('content-diff').locator('.editor.modified .monaco-editor').first()
  await expect(editor).toHaveClass(/\bvs-dark\b/)
  await expect(page.getByTestId('content-diff')).toHaveAttribute('data-theme', 'dark')
  // system (dark) → light
  await page.getByTestId('theme-toggle').click()
  await expect(editor).not.toHaveClass(/\bvs-dark\b/)
  await expect(editor).toHaveClass(/\bvs\b/)
  expect(await editor.evaluate((element) => getComputedStyle(element.querySelector('.monaco-editor-background')!).backgroundColor)).toBe('rgb(255, 255, 254)')
})
