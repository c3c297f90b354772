/**
 * xz, bzip2 and zstd in the page: the decoders run in the workers under the page's Content-Security-Policy
 * (xz is WebAssembly: `'wasm-unsafe-eval'`), and the same tar in another wrapper is the same contents.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from './guarded-test'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/compressors', name))

for (const [left, right] of [['members.tar.xz', 'members.tar.zst'], ['members.tar.bz2', 'members.tar.xz']]) {
  test(`${left} against ${right}: same contents, the wrapper named as the cause`, async ({ page }) => {
    await page.goto('./')
    await page.getByTestId('file-left').setInputFiles({ name: `pkg-1.0.${left.split('.').slice(1).join('.')}`, mimeType: 'application/octet-stream', buffer: fixture(left) })
    await page.getByTestId('file-right').setInputFiles({ name: `pkg-1.0.${right.split('.').slice(1).join('.')}`, mimeType: 'application/octet-stream', buffer: fixture(right) })
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'metadata-only')
    await expect(page.getByTestId('error')).toHaveCount(0)
    await expect(page.getByTestId('verdict')).toContainText('compressed differently')
  })
}

test('a .tar.xz against the .tar.gz of the same tar', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles({ name: 'pkg-1.0.tar.xz', mimeType: 'application/octet-stream', buffer: fixture('members.tar.xz') })
  await page.getByTestId('file-right').setInputFiles({ name: 'pkg-1.0.tar.gz', mimeType: 'application/gzip', buffer: gzipSync(fixture('members.tar')) })
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'metadata-only')
})
