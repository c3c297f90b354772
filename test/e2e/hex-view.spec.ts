/**
 * Issue 8, "Binaries", hex view: two binaries dropped directly, differing at two places 2.5 MiB apart. The
 * view opens at the first differing byte, `hex-next` goes to the second (located by the chunk digests, read
 * by range), `hex-prev` comes back, and the bytes shown are the bytes dropped. A deflated zip member (which
 * cannot be entered in the middle) is decoded up to its second difference.
 */
import type { Page } from '@playwright/test'
import { buildZip } from '../core/archive/build-archives'
import { expect, test } from './guarded-test'
import { dropPair } from './drop-pair'

const MiB = 1024 * 1024
const FIRST = 100
const SECOND = 2 * MiB + MiB / 2 + 7

/** Binary bytes (zeros and bytes past 0x7f: never text), the same on both sides but at two offsets. */
function pair(size: number): [Buffer, Buffer] {
  const left = Buffer.alloc(size)
  let state = 7
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0
    left[i] = i % 5 === 0 ? 0 : state >>> 24
  }
  const right = Buffer.from(left)
  right[FIRST] ^= 0xff
  right[SECOND] ^= 0x0f
  right[SECOND + 1] ^= 0x0f
  return [left, right]
}

const row = (page: Page, offset: number) => page.locator(`[data-testid="hex-row"][data-offset="${offset}"]`)
const hexOf = (bytes: Buffer, offset: number) => [...bytes.subarray(offset, offset + 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('')

/** The row holding `offset` shows both sides' bytes as dropped, with the differing bytes marked. */
async function expectRow(page: Page, [left, right]: [Buffer, Buffer], offset: number, marked: number) {
  const start = offset - (offset % 16)
  const shown = row(page, start)
  await expect(shown).toBeVisible()
  await expect(shown.getByTestId('hex-bytes-left')).toHaveText(hexOf(left, start))
  await expect(shown.getByTestId('hex-bytes-right')).toHaveText(hexOf(right, start))
  await expect(shown.getByTestId('hex-diff')).toHaveCount(marked * 2)
}

test('two binaries: opens at the first difference, next goes to the second far away, previous comes back', async ({ page }) => {
  const bytes = pair(3 * MiB + 5)
  await dropPair(page, bytes[0], bytes[1], ['libdemo.bin', 'libdemo.bin'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.locator('[data-testid="member-row"]').first().click()
  const view = page.getByTestId('hex-view')
  await expect(view).toBeVisible()
  await expectRow(page, bytes, FIRST, 1)
  await expect(page.getByTestId('hex-count')).toHaveText('difference 1 of at least 2')
  // Only the rows on screen are in the DOM.
  expect(await page.getByTestId('hex-row').count()).toBeLessThanOrEqual(64)
  await page.getByTestId('hex-next').click()
  await expectRow(page, bytes, SECOND, 2)
  await expect(page.getByTestId('hex-count')).toHaveText('difference 2 of 2')
  await expect(row(page, FIRST - (FIRST % 16))).toHaveCount(0)
  await page.getByTestId('hex-prev').click()
  await expectRow(page, bytes, FIRST, 1)
  await expect(page.getByTestId('hex-count')).toHaveText('difference 1 of 2')
})

test('a deflated zip member is decoded up to its second difference, and shows the same bytes', async ({ page }) => {
  const bytes = pair(3 * MiB + 5)
  const zip = (data: Buffer) => Buffer.from(buildZip([{ name: 'pkg/_ext.bin', data, deflate: true }]))
  await dropPair(page, zip(bytes[0]), zip(bytes[1]))
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.locator('[data-testid="member-row"][data-path="pkg/_ext.bin"]').click()
  await expectRow(page, bytes, FIRST, 1)
  await page.getByTestId('hex-next').click()
  await expectRow(page, bytes, SECOND, 2)
  await expect(page.getByTestId('hex-count')).toHaveText('difference 2 of 2')
})

test('a text member whose difference the editor hides: "Show the bytes" opens the hex view at it', async ({ page }) => {
  const left = 'line one\nline two\n'
  const right = 'line one\r\nline two\n'
  await dropPair(page, Buffer.from(buildZip([{ name: 'pkg/a.txt', data: left }])), Buffer.from(buildZip([{ name: 'pkg/a.txt', data: right }])))
  await page.locator('[data-testid="member-row"][data-path="pkg/a.txt"]').click()
  await page.getByTestId('show-bytes').click()
  await expectRow(page, [Buffer.from(left), Buffer.from(right)], 8, 8)
  await expect(page.getByTestId('hex-count')).toHaveText('difference 1 of 1')
})
