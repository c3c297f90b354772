import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './guarded-test'

const FIXTURES = new URL('../fixtures/', import.meta.url)
const fixture = (path: string) => new URL(path, FIXTURES).pathname

interface Expected {
  verdict: string
  members: Record<string, { status: string; changed: string[] }>
}
const expectedFor = (kind: string): Expected => JSON.parse(readFileSync(fixture(`pairs/${kind}/expected.json`), 'utf8'))

async function comparePair(page: Page, left: string, right: string) {
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles(fixture(left))
  await page.getByTestId('file-right').setInputFiles(fixture(right))
}

const row = (page: Page, path: string) => page.locator(`[data-testid="member-row"][data-path="${path}"]`)

test('a content change: verdict, member statuses, Monaco diff of a modified .py, metadata table', async ({ page, network }) => {
  const expected = expectedFor('content-wheel')
  await comparePair(page, 'pairs/content-wheel/left.whl', 'pairs/content-wheel/right.whl')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('elapsed')).toHaveText(/compared in \d+(\.\d)? m?s/)

  // Hide identical is on by default: identical members are not rows yet.
  await expect(page.getByTestId('hide-identical')).toBeChecked()
  await expect(page.locator('[data-testid="member-row"][data-status="identical"]')).toHaveCount(0)
  await page.getByTestId('hide-identical').uncheck()
  for (const [path, { status }] of Object.entries(expected.members)) {
    await expect(row(page, path)).toHaveAttribute('data-status', status)
  }
  await expect(page.getByTestId('member-row')).toHaveCount(Object.keys(expected.members).length)

  await row(page, 'pkg/core.py').click()
  const diff = page.getByTestId('content-diff')
  await expect(diff).toBeVisible()
  // Left is Monaco's "original" editor, right its "modified" one; each shows its own side's text.
  await expect(diff.locator('.editor.original .view-lines')).toContainText('return f"Hello, {name}!"')
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('name = name.strip() or "world"')
  await expect(page.getByTestId('meta-table')).toBeVisible()
  await expect(page.getByTestId('meta-table').locator('tr[data-field="sha256"]')).toHaveAttribute('data-changed', 'true')

  // Switching text members swaps the models under the same editor.
  await row(page, 'pkg-1.0.dist-info/RECORD').click()
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('pkg/core.py,sha256=')
  await row(page, 'pkg/data.bin').click()
  await expect(page.getByTestId('binary-summary')).toContainText('0xA0 (160)')

  expect(network.all.some((url) => /\/assets\/editor\.worker-[\w-]+\.js$/.test(url)), 'editor.worker requested').toBe(true)
})

test('a metadata-only pair says so, with the differing field highlighted', async ({ page }) => {
  await comparePair(page, 'pairs/timestamps-wheel/left.whl', 'pairs/timestamps-wheel/right.whl')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'metadata-only')
  await expect(page.getByTestId('verdict')).toContainText('Same contents, different packaging')
  await expect(page.getByTestId('archive-panel')).toContainText('No archive-level differences')
  await row(page, 'pkg/core.py').click()
  await expect(page.getByTestId('meta-table').locator('tr[data-field="mtime"]')).toHaveAttribute('data-changed', 'true')
  await expect(page.getByTestId('meta-table').locator('tr[data-field="size"]')).toHaveAttribute('data-changed', 'false')
})

test('two plain text files are a one-member comparison shown as a text diff (issue 8, "Two plain files")', async ({ page }, testInfo) => {
  const left = testInfo.outputPath('left-notes.txt')
  const right = testInfo.outputPath('right-notes.txt')
  writeFileSync(left, 'first line\nsecond line, left\n')
  writeFileSync(right, 'first line\nsecond line, right\n')
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles(left)
  await page.getByTestId('file-right').setInputFiles(right)
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('error')).toHaveCount(0)
  await expect(page.getByTestId('member-row')).toHaveCount(1)
  await expect(row(page, 'left-notes.txt')).toHaveAttribute('data-status', 'modified')
  await row(page, 'left-notes.txt').click()
  const diff = page.getByTestId('content-diff')
  await expect(diff.locator('.editor.original .view-lines')).toContainText('second line, left')
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('second line, right')
})

test('a file of a format that is not read is named as such while the other side still shows', async ({ page, network }, testInfo) => {
  const cpio = testInfo.outputPath('sample.cpio')
  writeFileSync(cpio, '070701' + '0'.repeat(200))
  await page.goto('./')
  await page.getByTestId('file-left').setInputFiles(cpio)
  await page.getByTestId('file-right').setInputFiles(fixture('pairs/content-wheel/right.whl'))
  const error = page.getByTestId('error')
  await expect(error).toContainText(/not supported yet/i)
  await expect(error).toContainText('sample.cpio')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'error')
  await expect(page.getByTestId('verdict')).toContainText('Could not compare:')
  // The readable side is still listed, member by member.
  await expect(row(page, 'pkg/core.py')).toHaveAttribute('data-status', 'right-only')
  await expect(page.getByTestId('file-sha256')).toHaveCount(2)
  // Nothing was selected, so Monaco (its chunk and its worker) was never loaded.
  expect(network.all.filter((url) => /DiffView-|editor\.worker-/.test(url))).toEqual([])
})

for (const [file, words] of [
  ['bad/empty.whl', /empty \(0 bytes\)/],
  ['bad/truncated.whl', /end-of-central-directory record is missing/],
  ['bad/truncated.tar.gz', /cut short/],
] as const) {
  test(`${file} on the right gets a clear error while the left side still shows`, async ({ page }) => {
    await comparePair(page, 'pairs/owner-sdist/left.tar.gz', file)
    await expect(page.getByTestId('error')).toContainText(words)
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'error')
    await expect(page.locator('[data-testid="member-row"]').first()).toBeVisible()
  })
}

test('the sample button loads the sample pair and shows a verdict', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('sample-button').click()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('archive-panel')).toContainText('order')
  await expect(row(page, 'demo_pkg/core.py')).toHaveAttribute('data-status', 'modified')
})

test('?sample in the URL loads the sample pair at once', async ({ page }) => {
  await page.goto('./?sample')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
})

test('the path filter narrows the tree', async ({ page }) => {
  await page.goto('./?sample')
  await expect(page.getByTestId('verdict')).toBeVisible()
  await page.getByTestId('path-filter').fill('logo')
  await expect(page.getByTestId('member-row')).toHaveCount(1)
  await expect(page.getByTestId('member-row')).toHaveAttribute('data-path', 'demo_pkg/data/logo.bin')
})

test('an sdist: a directory member is its folder\'s row, a symlink shows both targets', async ({ page }) => {
  await comparePair(page, 'pairs/symlink-sdist/left.tar.gz', 'pairs/symlink-sdist/right.tar.gz')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await row(page, 'pkg-1.0/pkg/LICENSE').click()
  await expect(page.getByTestId('link-summary')).toContainText('symlink → ../LICENSE')
  await expect(page.getByTestId('link-summary')).toContainText('symlink → ../COPYING')
  await expect(page.getByTestId('meta-table').locator('tr[data-field="linkTarget"]')).toHaveAttribute('data-changed', 'true')

  await page.getByTestId('hide-identical').uncheck()
  await row(page, 'pkg-1.0/').click()
  await expect(page.getByTestId('meta-table').locator('tr[data-field="type"]')).toContainText('dir')
  // Selecting the folder's own member keeps the folder open.
  await expect(row(page, 'pkg-1.0/pkg/LICENSE')).toBeVisible()
})

test('Cancel stops a long read, and the same files can be compared again', async ({ page }, testInfo) => {
  // 200 MB of zeros: hashing alone takes long enough to press Cancel; then it is a plain file (one member) against a wheel.
  const big = testInfo.outputPath('zeros.bin')
  writeFileSync(big, Buffer.alloc(200 * 1024 * 1024))
  try {
    await page.goto('./')
    await page.getByTestId('file-left').setInputFiles(big)
    await page.getByTestId('file-right').setInputFiles(fixture('pairs/content-wheel/right.whl'))
    await page.getByTestId('cancel').click()
    await expect(page.getByTestId('cancelled')).toBeVisible()
    await expect(page.getByTestId('verdict')).toHaveCount(0)
    await page.getByRole('button', { name: 'Compare again' }).click()
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs', { timeout: 20_000 })
    await expect(row(page, 'zeros.bin')).toHaveAttribute('data-status', 'left-only')
  } finally {
    rmSync(big, { force: true })
  }
})

const finding = (page: Page, cause: string) => page.locator(`[data-testid="finding"][data-cause="${cause}"][data-derived="false"]`)
const rowPaths = (page: Page) => page.getByTestId('member-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.path))

test('the sample pair: the banner leads with causes, each cause has evidence and a remedy, and filters the tree', async ({ page }) => {
  await page.goto('./?sample')
  const verdict = page.getByTestId('verdict')
  await expect(verdict).toHaveAttribute('data-verdict', 'content-differs')
  await expect(verdict.getByTestId('verdict-causes').locator('li')).toHaveCount(3)
  await expect(verdict.getByTestId('verdict-causes').locator('li').first()).toContainText('differ in timestamps')
  await expect(verdict.getByTestId('more-causes')).toHaveText(/and 4 more causes/)
  await expect(page.getByTestId('security-alert')).toHaveCount(0)

  const findings = page.getByTestId('findings')
  await expect(findings).toBeVisible()
  const causes = await page.getByTestId('finding').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.cause))
  expect(causes).toEqual(expect.arrayContaining(['timestamps', 'permissions', 'ordering', 'compression', 'tool-version', 'content']))
  for (const cause of ['timestamps', 'permissions', 'ordering', 'compression', 'content']) {
    await expect(finding(page, cause)).toHaveAttribute('data-severity', 'cause')
    await expect(finding(page, cause)).toContainText('What to do:')
  }
  // The RECORD change only follows from the files it lists, and says so, once per cause of those files.
  const derived = page.locator('[data-testid="finding"][data-derived="true"]')
  await expect(derived).toHaveCount(2)
  expect((await derived.evaluateAll((cards) => cards.map((card) => card.getAttribute('data-cause')))).sort()).toEqual(['content', 'tool-version'])
  await expect(derived.first().getByTestId('finding-derived')).toContainText('Follows from')

  // Evidence opens into readable values, not raw JSON.
  const timestamps = finding(page, 'timestamps')
  await timestamps.getByText('Evidence').click()
  await expect(timestamps.getByTestId('evidence')).toContainText('2024-01-01T00:00:00Z')
  await expect(timestamps.getByTestId('evidence')).not.toContainText('{')

  // A finding's member button filters the tree to exactly its members, and back.
  await finding(page, 'permissions').getByTestId('finding-members').click()
  await expect(page.getByTestId('cause-filter')).toHaveAttribute('data-cause', 'permissions')
  await expect(page.getByTestId('member-row')).toHaveCount(4)
  expect((await rowPaths(page)).sort()).toEqual(['demo_pkg-1.0.0.dist-info/METADATA', 'demo_pkg/__init__.py', 'demo_pkg/cli.py', 'demo_pkg/utils.py'])
  await page.getByTestId('clear-cause-filter').click()
  // Back to every member: real changes first (issue 10), the metadata-only ones one click away.
  await expect(page.getByTestId('hide-metadata-only')).toBeChecked()
  await page.getByTestId('hide-metadata-only').uncheck()
  await expect(page.getByTestId('member-row')).toHaveCount(16)

  // The selected member says why it differs; a chip leads back to its cause.
  await row(page, 'demo_pkg/core.py').click()
  const memberCauses = page.getByTestId('member-causes').getByTestId('member-cause')
  expect(await memberCauses.evaluateAll((chips) => chips.map((c) => (c as HTMLElement).dataset.cause))).toEqual(['timestamps', 'content'])
  await page.locator('[data-testid="member-cause"][data-cause="content"]').click()
  await expect(finding(page, 'content')).toBeVisible()

  // The archive-level difference names its cause.
  await page.getByTestId('tab-archive').click()
  await expect(page.getByTestId('archive-panel').locator('tr[data-field="order"]')).toContainText('ordering')
  await page.getByTestId('more-causes').click()
  await expect(findings).toBeVisible()
})

test('the sample pair: the package panel shows the WHEEL Generator difference and both RECORDs check out', async ({ page }) => {
  await page.goto('./?sample')
  await page.getByTestId('tab-package').click()
  const panel = page.getByTestId('package-panel')
  await expect(panel).toBeVisible()
  await expect(panel.locator('.package-identity tr[data-field="generator"]')).toContainText('bdist_wheel (0.42.0)')
  const generator = panel.locator('[data-testid="package-field"][data-source="WHEEL"][data-field="Generator"]')
  await expect(generator).toContainText('bdist_wheel (0.42.0)')
  await expect(generator).toContainText('bdist_wheel (0.43.0)')
  await expect(panel.locator('[data-testid="package-field"][data-field="(row order)"]')).toContainText('order only')
  await expect(panel.locator('[data-testid="record-check"][data-ok="true"]')).toHaveCount(2)
})

test('an sdist with other owners: an ownership finding, and no package metadata differences', async ({ page }) => {
  await comparePair(page, 'pairs/owner-sdist/left.tar.gz', 'pairs/owner-sdist/right.tar.gz')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'metadata-only')
  await expect(page.getByTestId('verdict-causes')).toContainText('owner')
  const ownership = finding(page, 'ownership')
  await expect(ownership).toBeVisible()
  await ownership.getByText('Evidence').click()
  await expect(ownership.getByTestId('evidence')).toContainText('builder(1000)')
  await ownership.getByTestId('finding-members').click()
  await expect(page.getByTestId('member-row')).toHaveCount(6)
  await page.getByTestId('tab-package').click()
  await expect(page.getByTestId('package-panel')).toContainText('No differences in the package metadata')
})

test('a wheel edited after RECORD was written raises a security alert above everything', async ({ page }) => {
  await comparePair(page, 'pairs/tampered-wheel/left.whl', 'pairs/tampered-wheel/right.whl')
  const alert = page.getByTestId('security-alert')
  await expect(alert).toBeVisible()
  await expect(alert.locator('li[data-cause="record-mismatch"]')).toContainText('not what its RECORD says')
  const card = page.getByTestId('finding').first()
  await expect(card).toHaveAttribute('data-cause', 'record-mismatch')
  await expect(card).toHaveAttribute('data-severity', 'security')
  await expect(card.getByTestId('finding-members')).toHaveText(/1 member\b/)
  await page.getByTestId('tab-package').click()
  const right = page.locator('[data-testid="record-check"][data-side="right"]')
  await expect(right).toHaveAttribute('data-ok', 'false')
  await expect(right).toContainText('pkg/core.py')
  await expect(page.locator('[data-testid="record-check"][data-side="left"]')).toHaveAttribute('data-ok', 'true')
  await row(page, 'pkg/core.py').click()
  await expect(page.locator('[data-testid="member-cause"][data-cause="record-mismatch"]')).toBeVisible()
})
