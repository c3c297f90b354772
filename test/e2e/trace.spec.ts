/**
 * Issue 12, done-when "an e2e test drops a fixture sdist and its wheel with an injected module: the page shows the
 * trace view, the verdict line and the untraceable-member finding at the top". The pair is the committed one that
 * test/fixtures/trace_pairs.py built with setuptools (test/fixtures/trace/injected-module); the one-click switch to
 * the two-builds comparison and back is checked on it, and a pair dropped wheel first is traced with the sdist left.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { FIXTURES } from '../fixture-files'
import { expect, test } from './guarded-test'

const PAIR = join(FIXTURES, 'trace', 'injected-module')
const expected = JSON.parse(readFileSync(join(PAIR, 'expected.json'), 'utf8')) as { sdist: string; wheel: string; members: Record<string, { status: string }> }
const file = (relative: string) => ({ name: relative.split('/').pop()!, mimeType: 'application/octet-stream', buffer: readFileSync(join(PAIR, relative)) })
const INJECTED = 'tracedemo/_telemetry.py'

async function drop(page: Page, left: string, right: string): Promise<void> {
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles(file(left))
  await page.getByTestId('file-right').setInputFiles(file(right))
}

/** The tree row of a wheel member, whatever path the report pairs it under. */
const traceRow = (page: Page, name: string) => page.locator(`[data-testid="member-row"][data-trace][data-path$=${JSON.stringify(name.split('/').pop())}]`)

test('an sdist and its wheel with an injected module: the trace view, its verdict line, the finding first', async ({ page }) => {
  await drop(page, expected.sdist, expected.wheel)
  const trace = page.getByTestId('trace-verdict')
  await expect(trace).toHaveAttribute('data-verdict', 'untraceable-content')
  await expect(page.getByTestId('trace-line')).toContainText('wheel files match the source byte for byte')
  await expect(page.getByTestId('trace-line')).toContainText('1 untraceable')
  await expect(page.getByTestId('trace-count-untraceable')).toContainText('1')
  // The sides say what they are in a trace.
  await expect(page.locator('.side-title')).toHaveText(['Source (sdist)', 'Wheel'])
  // The security finding leads the causes panel, and names the injected module.
  const first = page.getByTestId('finding').first()
  await expect(first).toHaveAttribute('data-cause', 'untraceable-member')
  await expect(first).toHaveAttribute('data-severity', 'security')
  await expect(first).toContainText('_telemetry.py')
  // Each tree row keeps its byte status and gains its trace status.
  await page.getByTestId('hide-identical').uncheck()
  const row = traceRow(page, INJECTED)
  await expect(row).toHaveAttribute('data-trace', 'untraceable')
  await expect(row).toHaveAttribute('data-status', /.+/)
  await expect(row).toContainText('untraceable')
  await expect(page.locator('[data-testid="member-row"][data-trace="from-source"]').first()).toBeVisible()
})

test('the two-builds comparison is one click away, and the trace one click back', async ({ page }) => {
  await drop(page, expected.sdist, expected.wheel)
  await expect(page.getByTestId('trace-verdict')).toBeVisible()
  await page.getByTestId('mode-switch').click()
  await expect(page.getByTestId('trace-offer')).toBeVisible()
  await expect(page.getByTestId('trace-verdict')).toHaveCount(0)
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.locator('.side-title')).toHaveText(['Left build', 'Right build'])
  await expect(page.locator('[data-testid="member-row"][data-trace]')).toHaveCount(0)
  await page.getByTestId('mode-switch').click()
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'untraceable-content')
})

test('a pair dropped wheel first is traced with the sdist on the left', async ({ page }) => {
  await drop(page, expected.wheel, expected.sdist)
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'untraceable-content')
  await expect(page.getByTestId('trace-verdict')).toContainText(`against the sdist ${expected.sdist.split('/').pop()}`)
})
