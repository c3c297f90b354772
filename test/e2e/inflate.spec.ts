/**
 * The page inflates members from 32 KiB on with Chromium's DecompressionStream (core kernels.ts), which refuses bytes
 * after the end of a deflate stream, where fflate and zlib (the CLI's kernel) read past them. Such a member must read
 * the same in the page as in the core: inflated, hashed and compared, not an unread error in one of them.
 */
import { deflateRawSync } from 'node:zlib'
import { buildZip } from '../core/archive/build-archives'
import { compareArtifacts } from '../../src/core/index'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'

// 64 KiB of varied lines: well above the threshold, and it deflates to more than one block.
const data = new TextEncoder().encode(Array.from({ length: 2400 }, (_, i) => `line ${i} ${(i * 7919) % 10007}\n`).join(''))

test('a member with bytes after its deflate stream reads as the core reads it', async ({ page }) => {
  const clean = buildZip([{ name: 'pkg/data.txt', data, deflate: true }])
  const junkAfter = buildZip([{ name: 'pkg/data.txt', data, method: 8, stored: new Uint8Array([...deflateRawSync(data), ...new TextEncoder().encode('junk after the end')]) }])
  const core = await compareArtifacts({ name: 'left.zip', blob: new Blob([clean]) }, { name: 'right.zip', blob: new Blob([junkAfter]) })
  const member = core.members.find((entry) => entry.path === 'pkg/data.txt')!
  // The core's reading: the same content, a different compressed size, nothing unread.
  expect(member.status).toBe('metadata')
  expect(member.unread).toBeUndefined()

  await dropPair(page, Buffer.from(clean), Buffer.from(junkAfter), ['left.zip', 'right.zip'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', core.verdict)
  await page.getByTestId('hide-metadata-only').uncheck()
  await expect(page.locator('[data-testid="member-row"][data-path="pkg/data.txt"]')).toHaveAttribute('data-status', member.status)
})
