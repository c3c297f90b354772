/**
 * Published artefacts in the page, against the local index server (index-indexServer().ts): two wheels loaded by
 * project and version compare and show their verified digests; a release listing a wrong digest raises
 * digest-mismatch at the top; a host without CORS headers gets the clear message; only the asked-for
 * documents and files are fetched, and only on a click.
 */
import { expect, test } from './guarded-test'
import { indexServerFor } from './index-server'

const indexServer = indexServerFor(test)

async function fromIndex(page: import('@playwright/test').Page, side: 'left' | 'right', project: string, version: string, file = '') {
  await page.getByTestId(`index-project-${side}`).fill(project)
  await page.getByTestId(`index-version-${side}`).fill(version)
  if (file) await page.getByTestId(`index-file-${side}`).fill(file)
  await page.getByTestId(`url-fetch-${side}`).click()
}

test('two wheels loaded by project and version compare, their digests verified; nothing else is fetched', async ({ page, network }) => {
  await page.goto('./')
  await page.getByTestId('index-base').fill(indexServer().cors)
  await page.getByTestId('index-project-left').fill('demo')
  await page.getByTestId('index-version-left').fill('1.0')
  // Typing is no user request to fetch: nothing reaches the index until the button.
  await page.waitForTimeout(300)
  expect(indexServer().requests).toEqual([])

  await page.getByTestId('url-fetch-left').click()
  await expect(page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('digest-status-right')).not.toHaveAttribute('data-ok', /.*/)
  await fromIndex(page, 'right', 'demo', '1.1', 'demo-1.1-py3-none-any.whl')
  await expect(page.getByTestId('digest-status-right')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('digest-status-right')).toContainText('✔')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'content-differs')
  await expect(page.getByTestId('security-alert')).toHaveCount(0)

  expect(indexServer().requests).toEqual(['GET /cors/pypi/demo/1.0/json', 'GET /cors/files/demo-1.0-py3-none-any.whl', 'GET /cors/pypi/demo/1.1/json', 'GET /cors/files/demo-1.1-py3-none-any.whl'])
  const origin = new URL(indexServer().cors).origin
  expect(network.all.filter((url) => url.startsWith(origin))).toEqual([
    `${indexServer().cors}/pypi/demo/1.0/json`, `${indexServer().cors}/files/demo-1.0-py3-none-any.whl`, `${indexServer().cors}/pypi/demo/1.1/json`, `${indexServer().cors}/files/demo-1.1-py3-none-any.whl`,
  ])
})

test('a release whose file does not have the listed digest raises digest-mismatch at the top', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('index-base').fill(indexServer().cors)
  await fromIndex(page, 'left', 'tampered', '1.0')
  await expect(page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'false')
  await expect(page.getByTestId('digest-status-left')).toContainText('✘')
  await fromIndex(page, 'right', 'demo', '1.0')
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'identical')
  await expect(page.getByTestId('security-alert').locator('li').first()).toHaveAttribute('data-cause', 'digest-mismatch')
})

test('a host without CORS headers gets the clear message, and a URL side downloads from a host with them', async ({ page }) => {
  await page.goto('./')
  const url = `${indexServer().plain}/files/demo-1.0-py3-none-any.whl`
  await page.getByTestId('url-left').fill(url)
  await page.getByTestId('url-fetch-left').click()
  const error = page.getByTestId('source-error-left')
  await expect(error).toContainText(`Tried GET ${url}`)
  await expect(error).toContainText('refused cross-origin reads or unreachable')
  await expect(error).toContainText('download it and drop it here')

  await page.getByTestId('url-left').fill(`${indexServer().cors}/files/demo-1.0-py3-none-any.whl`)
  await page.getByTestId('digest-left').fill(indexServer().files['demo-1.0-py3-none-any.whl'].sha256)
  await page.getByTestId('url-fetch-left').click()
  await expect(page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'true')
})

test('a pasted digest is checked against a dropped file, ✘ when it is not that file', async ({ page }) => {
  await page.goto('./')
  const wheel = indexServer().files['demo-1.0-py3-none-any.whl']
  await page.getByTestId('digest-left').fill(indexServer().files['demo-1.1-py3-none-any.whl'].sha256)
  await page.getByTestId('file-left').setInputFiles({ name: 'demo-1.0-py3-none-any.whl', mimeType: 'application/zip', buffer: Buffer.from(wheel.bytes) })
  await expect(page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'false')
  await page.getByTestId('file-right').setInputFiles({ name: 'demo-1.0-py3-none-any.whl', mimeType: 'application/zip', buffer: Buffer.from(wheel.bytes) })
  await expect(page.getByTestId('security-alert').locator('li').first()).toHaveAttribute('data-cause', 'digest-mismatch')
  await page.getByTestId('digest-left').fill(wheel.sha256)
  await expect(page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('security-alert')).toHaveCount(0)
  expect(indexServer().requests).toEqual([])
})

test('a release of several files lists them in the file field; the one chosen is fetched', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('index-base').fill(indexServer().cors)
  await fromIndex(page, 'left', 'demo', '1.1')
  await expect(page.getByText('This release has 2 files')).toBeVisible()
  await expect(page.locator('#index-files-left option')).toHaveCount(2)
  await page.getByTestId('index-file-left').fill('demo-1.1-py3-none-any.whl')
  await page.getByTestId('url-fetch-left').click()
  await expect(page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'true')
  // The file is fetched as listed: the release is not asked for twice.
  expect(indexServer().requests).toEqual(['GET /cors/pypi/demo/1.1/json', 'GET /cors/files/demo-1.1-py3-none-any.whl'])
})

test('an npm tarball is checked against its integrity; a slow download can be cancelled', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('index-kind').selectOption('npm')
  await expect(page.getByTestId('index-base')).toHaveValue('https://registry.npmjs.org')
  await page.getByTestId('index-base').fill(`${indexServer().cors}/npm`)
  await fromIndex(page, 'left', 'demo-pkg', '1.0.0')
  await expect(page.getByTestId('digest-status-left')).toHaveAttribute('data-ok', 'true')

  await page.getByTestId('url-right').fill(`${indexServer().cors}/slow/demo-1.0-py3-none-any.whl`)
  await page.getByTestId('url-fetch-right').click()
  await expect(page.getByText(/Downloading .*slow/)).toBeVisible()
  await page.getByTestId('download-cancel').click()
  await expect(page.getByTestId('download-cancel')).toHaveCount(0)
  await expect(page.getByTestId('file-right')).toHaveValue('')
  await expect(page.getByTestId('verdict')).toHaveCount(0)
})
