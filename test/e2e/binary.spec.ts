/**
 * Issue 8, "Binaries": a modified ELF member of a wheel is shown as structure in the page: its differing
 * sections, the build-id and dynamic facts, the file header, and the symbols added.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './guarded-test'
import { dropPair } from './drop-pair'
import { writeZip } from './zip-writer'

const binary = (path: string) => readFileSync(new URL(`../fixtures/binaries/${path}`, import.meta.url))

async function comparePair(page: Page, left: Buffer, right: Buffer) {
  await dropPair(page, left, right)
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
}

const row = (page: Page, path: string) => page.locator(`[data-testid="member-row"][data-path="${path}"]`)

test('an ELF built in another directory: its four differing sections, the build-id, SONAME and header', async ({ page }) => {
  await comparePair(page,
    writeZip([{ name: 'pkg/_ext.so', data: binary('build-path/left/libdemo.so') }]),
    writeZip([{ name: 'pkg/_ext.so', data: binary('build-path/right/libdemo.so') }]))
  await row(page, 'pkg/_ext.so').click()
  const view = page.getByTestId('binary-structure')
  await expect(view).toBeVisible()
  await expect(view).toHaveAttribute('data-format', 'elf')
  await expect(page.getByTestId('binary-headline')).toContainText('4 of 34 sections differ: .note.gnu.build-id, .debug_info, .debug_line, .debug_line_str')
  const sections = page.getByTestId('binary-sections')
  await expect(sections.locator('tr[data-status="modified"]')).toHaveCount(4)
  await expect(sections.locator('tr[data-section=".debug_line_str"]')).toHaveAttribute('data-status', 'modified')
  // Identical sections are hidden until asked for.
  await expect(sections.locator('tr[data-status="identical"]')).toHaveCount(0)
  await page.getByTestId('show-identical-sections').check()
  await expect(sections.locator('tr[data-section=".text"]')).toHaveAttribute('data-status', 'identical')
  await expect(sections.locator('tr[data-section=".symtab"]')).toContainText('identical (sh_offset differs)')
  await expect(sections.locator('tr[data-section=".bss"]')).toContainText('no bytes in the file')
  const facts = page.getByTestId('binary-facts')
  await expect(facts.locator('tr[data-field="NT_GNU_BUILD_ID"]')).toHaveAttribute('data-changed', 'true')
  await expect(facts.locator('tr[data-field="DT_SONAME"]')).toHaveAttribute('data-changed', 'false')
  await expect(facts.locator('tr[data-field="DT_NEEDED"]')).toContainText('libm.so.6')
  await expect(facts.locator('tr[data-field="DT_RUNPATH"]')).toContainText('$ORIGIN/lib')
  await expect(page.getByTestId('binary-header').locator('tr[data-field="e_shoff"]')).toHaveAttribute('data-changed', 'true')
  await expect(page.getByTestId('binary-symbols')).toContainText('the same names on both sides')
})

test('a library with one more function lists the symbol added', async ({ page }) => {
  await comparePair(page,
    writeZip([{ name: 'pkg/libdemo', data: binary('symbols/left/libdemo.so') }]),
    writeZip([{ name: 'pkg/libdemo', data: binary('symbols/right/libdemo.so') }]))
  await row(page, 'pkg/libdemo').click()
  await expect(page.getByTestId('symbols-added')).toContainText('demo_extra')
  await expect(page.getByTestId('symbols-added')).toContainText('(1)')
  await expect(page.getByTestId('symbols-removed')).toHaveCount(0)
  await expect(page.getByTestId('binary-facts').locator('tr[data-field="DT_RPATH"]')).toContainText('/opt/demo/lib')
})

test('a cut ELF on one side names the error and still shows the other side', async ({ page }) => {
  const whole = binary('build-path/left/libdemo.so')
  await comparePair(page,
    writeZip([{ name: 'pkg/_ext.so', data: whole }]),
    writeZip([{ name: 'pkg/_ext.so', data: whole.subarray(0, 4000) }]))
  await row(page, 'pkg/_ext.so').click()
  await expect(page.getByTestId('binary-error')).toContainText('The right side could not be read as ELF')
  await expect(page.getByTestId('binary-error')).toContainText('TRUNCATED')
  await expect(page.getByTestId('binary-sections').locator('tr[data-section=".text"]')).toHaveAttribute('data-status', 'left-only')
})
