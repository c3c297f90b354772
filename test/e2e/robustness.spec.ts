/**
 * Issue 7 item 12: no input blanks the page. Quick clicks from member to member never throw (Monaco's
 * "no diff result available"), a 20,000-level deep path and a 100,000-member zip show their verdict, and an
 * error while drawing the tree or the details keeps the verdict visible with the error and a way to go on.
 * The guarded fixture fails each test on any uncaught page error.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './guarded-test'
import { dropPair } from './drop-pair'
import { writeZip, type WriterEntry } from './zip-writer'

async function comparePair(page: Page, left: Buffer, right: Buffer, verdict = 'content-differs') {
  await dropPair(page, left, right, ['left.zip', 'right.zip'])
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', verdict, { timeout: 25_000 })
}

/** A text long enough that its diff takes the editor worker a moment: switching away then leaves it pending. */
function module(index: number, side: string): string {
  const lines: string[] = []
  for (let line = 0; line < 1500; line++) lines.push(line % 97 === index % 97 ? `value_${line} = "${side}"` : `value_${line} = ${line * index}`)
  return `${lines.join('\n')}\n`
}

test('clicking quickly from member to member never throws, and the last one clicked is shown', async ({ page }) => {
  const entries = (side: string): WriterEntry[] => Array.from({ length: 40 }, (_, i) => ({ name: `pkg/m${String(i).padStart(2, '0')}.py`, data: module(i, side) }))
  await comparePair(page, writeZip(entries('left')), writeZip(entries('right')))
  const rows = page.locator('[data-testid="member-row"][data-status="modified"]')
  await expect(rows).toHaveCount(40)
  // Open the editor once, so every later click swaps models under a live diff computation.
  await rows.first().click()
  await expect(page.getByTestId('content-diff')).toBeVisible()
  for (const pause of [0, 5, 20, 60]) {
    await page.evaluate(async (wait) => {
      const buttons = [...document.querySelectorAll<HTMLElement>('[data-testid="member-row"][data-status="modified"]')]
      for (const button of buttons) {
        button.click()
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    }, pause)
  }
  await rows.nth(39).click()
  await expect(page.getByTestId('member-detail').locator('#member-title')).toHaveText('pkg/m39.py')
  // The member opens at its first change (issue 10): m39's is its own line.
  await expect(page.getByTestId('content-diff').locator('.editor.modified .view-lines')).toContainText('value_39 = "right"')
  // Let any diff still pending in the worker settle: a late throw would reach the guard.
  await page.waitForTimeout(1500)
})

test('a 20,000-level deep path: the verdict, the counts and the whole (virtualised) tree show', async ({ page }) => {
  const deep = `${Array.from({ length: 20_000 }, () => 'a').join('/')}/deep.py`
  await comparePair(page,
    writeZip([{ name: deep, data: 'left\n' }, { name: 'top.py', data: 'same\n' }]),
    writeZip([{ name: deep, data: 'right\n' }, { name: 'top.py', data: 'same\n' }]))
  await expect(page.getByTestId('count-modified')).toContainText('1')
  await expect(page.getByTestId('tree-summary')).toHaveText('Showing 1 of 2 members')
  // No row cap: the member 20,000 folders down is the tree's last row, reached with End.
  await page.getByTestId('member-tree').locator('[role="treeitem"][tabindex="0"]').focus()
  await page.keyboard.press('End')
  const last = page.locator('[role="treeitem"]:focus')
  await expect(last).toHaveAttribute('data-path', deep)
  await expect(last).toHaveAttribute('aria-level', '20001')
  await expect(page.getByTestId('tree-error')).toHaveCount(0)
  // The findings panel names the member (its path is 40,004 characters) without breaking the page.
  await expect(page.getByTestId('findings')).toBeVisible()
})

test('a 100,000-member zip (zip64 end records) shows its verdict and tree in the page', async ({ page }) => {
  test.setTimeout(90_000)
  const zip = (changed: string) => writeZip(Array.from({ length: 100_000 }, (_, i) => ({ name: `pkg/m${i}.py`, data: i === 70_000 ? changed : 'x = 1\n' })))
  await comparePair(page, zip('x = 2\n'), zip('x = 3\n'))
  await expect(page.getByTestId('count-modified')).toContainText('1')
  await expect(page.getByTestId('count-identical')).toContainText('99999')
  const row = page.locator('[data-testid="member-row"][data-path="pkg/m70000.py"]')
  await row.click()
  await expect(page.getByTestId('content-diff').locator('.editor.modified .view-lines')).toContainText('x = 3')
  // All 100,000 rows through the filter and the (virtualised) tree.
  await page.getByTestId('hide-identical').uncheck()
  await expect(page.getByTestId('tree-summary')).toHaveText('Showing 100000 of 100000 members')
})

/**
 * Breaks one part of the report on its way from the worker, as a core bug would: the part that fails to draw
 * shows its error, the verdict stays.
 */
async function corruptReports(page: Page, corruption: 'member' | 'package' | 'explain') {
  await page.addInitScript((kind) => {
    const NativeWorker = window.Worker
    let reports = 0
    window.Worker = class extends NativeWorker {
      override set onmessage(handler: ((event: MessageEvent) => void) | null) {
        super.onmessage = handler && ((event: MessageEvent) => {
          // A report comes as parts (its members) and then the rest; its explanation as an analysis, the report
          // without members and the members it replaced (src/worker/report-parts.ts).
          type Sent = { package: unknown }
          const data = event.data as { type?: string; requestId: number; members?: { changed: unknown }[]; report?: Sent; analysis?: { report: Sent } }
          if (data?.type === 'report-part' && kind === 'member' && reports === 0) data.members![0].changed = null
          if (data?.type === 'report' && data.report) {
            reports++
            if (kind === 'package') data.report.package = {}
          }
          if (data?.type === 'analysis' && data.analysis) {
            if (kind === 'package') data.analysis.report.package = {}
            // Make explaining fail, as a rule that throws would.
            if (kind === 'explain') {
              return handler(new MessageEvent('message', { data: { type: 'failed', requestId: data.requestId, error: { code: 'READ_FAILED', message: 'Maximum call stack size exceeded' } } }))
            }
          }
          handler(event)
        })
      }
    } as typeof Worker
  }, corruption)
}

test('a failure while explaining keeps the verdict and the members, and says no cause or security check was worked out', async ({ page }) => {
  await corruptReports(page, 'explain')
  await comparePair(page, writeZip([{ name: 'a.py', data: '1\n' }]), writeZip([{ name: 'a.py', data: '2\n' }]))
  await expect(page.getByTestId('analysis-error')).toContainText('Maximum call stack size exceeded')
  await expect(page.getByTestId('analysis-error')).toContainText('no security finding was checked')
  await expect(page.getByTestId('verdict')).toContainText('Contents differ')
  await expect(page.locator('[data-testid="member-row"][data-path="a.py"]')).toBeVisible()
})

for (const [part, corruption] of [['tree', 'member'], ['detail', 'package']] as const) {
  test(`an error while drawing the ${part} keeps the verdict and shows the error with a way to go on`, async ({ page }) => {
    await corruptReports(page, corruption)
    await comparePair(page, writeZip([{ name: 'a.py', data: '1\n' }]), writeZip([{ name: 'a.py', data: '2\n' }]))
    const boundary = page.getByTestId(`${part}-error`)
    await expect(boundary).toBeVisible()
    await expect(boundary.getByTestId('boundary-message')).not.toBeEmpty()
    await expect(boundary.getByTestId('boundary-retry')).toBeVisible()
    await expect(page.getByTestId('verdict')).toContainText('Contents differ')
    // The other part still works.
    await expect(page.getByTestId(part === 'tree' ? 'findings' : 'tree-summary')).toBeVisible()
  })
}
