/**
 * Hostile content in the page: names and member contents that look like HTML or script are only ever
 * text, the Content-Security-Policy is in force and never violated, and nothing leaves 127.0.0.1.
 */
import { buildZip } from '../core/archive/build-archives'
import { expect, test } from './guarded-test'

const XSS_NAME = '<img src=x onerror="window.__pwned=1">.py'
const HTML_MEMBER = '<!doctype html><script>window.__pwned = 2</script><img src=x onerror="window.__pwned=3"><p>hello</p>\n'
const SVG_MEMBER = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=4"><script>window.__pwned=5</script></svg>\n'

function hostileWheel(variant: string): Buffer {
  return Buffer.from(buildZip([
    { name: XSS_NAME, data: `print("${variant}")\n` },
    { name: 'pkg/page.html', data: HTML_MEMBER.replace('hello', variant) },
    { name: 'pkg/icon.svg', data: SVG_MEMBER },
    { name: '../escape.py', data: 'x' },
  ]))
}

test('hostile names and HTML/SVG members are shown as text and never run; CSP holds', async ({ page, network }) => {
  const violations: string[] = []
  const dialogs: string[] = []
  page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()))
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.goto('./')
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective}`)))
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/)

  await page.getByTestId('file-left').setInputFiles({ name: 'left.whl', mimeType: 'application/zip', buffer: hostileWheel('left') })
  await page.getByTestId('file-right').setInputFiles({ name: 'right.whl', mimeType: 'application/zip', buffer: hostileWheel('right') })
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')

  // The name is a row, shown literally, not an element.
  const row = (path: string) => page.locator(`[data-testid="member-row"][data-path=${JSON.stringify(path)}]`)
  await expect(row(XSS_NAME)).toBeVisible()
  await expect(page.getByText(XSS_NAME, { exact: false }).first()).toBeVisible()
  await page.getByTestId('hide-identical').uncheck()
  for (const path of ['pkg/page.html', 'pkg/icon.svg']) {
    await row(path).click()
    // The markup is text in the editor: its script is visible as characters, never run.
    await expect(page.getByTestId('content-diff').locator('.view-lines').first()).toContainText('window.__pwned')
  }
  await row(XSS_NAME).click()
  await expect(page.getByTestId('content-diff')).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(dialogs).toEqual([])
  expect(violations).toEqual([])
  expect(network.nonLocal).toEqual([])
})
