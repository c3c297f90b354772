/**
 * Issue 7 item 2, in the browser: a .tar.gz made of two gzip members is one gzip stream (RFC 1952 2.2), and
 * every tar member is listed. Chromium's DecompressionStream refuses a second member ("Junk found after end of
 * compressed data"), so this checks the page's fallback, not only Node's.
 */
import { gzipSync } from 'node:zlib'
import { buildTar } from '../core/archive/build-archives'
import { expect, test } from './guarded-test'

test('a two-member tar.gz lists every tar member, with the tar split across the members', async ({ page }) => {
  const entries = (text: string) => [
    { name: 'pkg-1.0/', type: '5' as const },
    { name: 'pkg-1.0/setup.py', data: 'from setuptools import setup\nsetup()\n' },
    { name: 'pkg-1.0/pkg/__init__.py', data: `VALUE = ${JSON.stringify(text)}\n` },
    { name: 'pkg-1.0/pkg/late.py', data: 'print("in the second gzip member")\n' },
  ]
  const twoMembers = (tar: Uint8Array) => Buffer.concat([gzipSync(tar.subarray(0, 1024)), gzipSync(tar.subarray(1024))])
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles({ name: 'pkg-1.0.tar.gz', mimeType: 'application/gzip', buffer: twoMembers(buildTar(entries('left'))) })
  await page.getByTestId('file-right').setInputFiles({ name: 'pkg-1.0.tar.gz', mimeType: 'application/gzip', buffer: twoMembers(buildTar(entries('right'))) })
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.getByTestId('hide-identical').uncheck()
  const row = (path: string) => page.locator(`[data-testid="member-row"][data-path="${path}"]`)
  await expect(row('pkg-1.0/setup.py')).toHaveAttribute('data-status', 'identical')
  await expect(row('pkg-1.0/pkg/late.py')).toHaveAttribute('data-status', 'identical')
  await expect(row('pkg-1.0/pkg/__init__.py')).toHaveAttribute('data-status', 'modified')
  // The members of the second gzip member are read, not cut: no error on either side.
  await expect(page.getByTestId('error')).toHaveCount(0)
})
