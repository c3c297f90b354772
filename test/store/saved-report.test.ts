/** A saved JSON report opens for browsing without its artefacts; another schema is refused by name (issue 11, Exports). */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonChunks } from '../../src/core/index'
import { parseSavedReport } from '../../src/store/saved-report'
import { sampleReport } from '../core/export/export-fixtures'

const client = { compare: vi.fn(), loadContent: vi.fn(), cancel: vi.fn(), dispose: vi.fn() }
vi.mock('../../src/worker/client', () => ({ createCompareClient: () => client }))
const { useDiffStore, ARTEFACTS_NOT_LOADED } = await import('../../src/store/diff-store')

beforeEach(() => vi.clearAllMocks())

const exported = async () => [...jsonChunks(await sampleReport())].join('')

describe('parseSavedReport', () => {
  it('reads back the JSON export of a report as that report', async () => {
    const report = await sampleReport()
    const result = parseSavedReport(await exported())
    expect(result).toEqual({ ok: true, report: JSON.parse(JSON.stringify(report)) })
  })

  it('refuses a report of an unknown schema, naming both versions', async () => {
    const text = (await exported()).replace('"schema":"reprodiff-report/2"', '"schema":"reprodiff-report/3"')
    expect(parseSavedReport(text)).toEqual({ ok: false, message: 'This report has schema "reprodiff-report/3"; this page reads reprodiff-report/2 only. Compare the two files again with this version.' })
    expect(parseSavedReport('{"verdict":"identical"}')).toMatchObject({ ok: false, message: expect.stringMatching(/^This report has no schema; this page reads reprodiff-report\/2 only/) })
  })

  it('refuses what is not JSON, not an object, or malformed where the page reads it', async () => {
    expect(parseSavedReport('not json')).toEqual({ ok: false, message: 'This file is not a reprodiff report: it is not JSON.' })
    expect(parseSavedReport('[1]')).toMatchObject({ ok: false })
    const report = JSON.parse(await exported())
    report.members[3].status = 'weird'
    expect(parseSavedReport(JSON.stringify(report))).toEqual({ ok: false, message: 'This report cannot be opened: member 3 is malformed.' })
  })
})

describe('openReport', () => {
  it('shows a saved report without files; a member\'s content view says the artefacts are not loaded, and no worker is asked', async () => {
    const result = parseSavedReport(await exported())
    if (!result.ok) throw new Error(result.message)
    useDiffStore.getState().openReport(result.report)
    expect(useDiffStore.getState()).toMatchObject({ phase: 'done', report: result.report, files: { left: null, right: null } })
    await useDiffStore.getState().select('demo_pkg/core.py')
    expect(useDiffStore.getState().content).toEqual({ status: 'failed', path: 'demo_pkg/core.py', error: { code: 'READ_FAILED', message: ARTEFACTS_NOT_LOADED } })
    expect(ARTEFACTS_NOT_LOADED).toBe('The artefacts are not loaded: drop them to see contents.')
    expect(client.loadContent).not.toHaveBeenCalled()
  })
})

describe('openReport, then one file dropped', () => {
  it('still says the artefacts are not loaded, until both are there to compare', async () => {
    const result = parseSavedReport(await exported())
    if (!result.ok) throw new Error(result.message)
    useDiffStore.getState().openReport(result.report)
    useDiffStore.getState().setFile('left', new File(['x'], 'left.whl'))
    await useDiffStore.getState().select('demo_pkg/core.py')
    expect(useDiffStore.getState().content).toMatchObject({ status: 'failed', error: { message: ARTEFACTS_NOT_LOADED } })
    expect(client.loadContent).not.toHaveBeenCalled()
    expect(client.compare).not.toHaveBeenCalled()
  })
})

describe('files dropped over a saved report', () => {
  it('are compared afresh and checked against the saved digests: another file is named, never taken for it', async () => {
    const result = parseSavedReport(await exported())
    if (!result.ok) throw new Error(result.message)
    const saved = result.report
    const other = { ...saved, right: { ...saved.right, sha256: 'f'.repeat(64) } }
    client.compare.mockImplementationOnce(async () => other)
    useDiffStore.getState().openReport(saved)
    useDiffStore.getState().setFile('left', new File(['x'], 'left.whl'))
    useDiffStore.getState().setFile('right', new File(['y'], 'right.whl'))
    await vi.waitFor(() => expect(useDiffStore.getState().savedCheck).not.toBeNull())
    expect(useDiffStore.getState()).toMatchObject({ browsingSaved: false, report: other })
    expect(useDiffStore.getState().savedCheck).toEqual({
      ok: false,
      lines: [
        `The left file is the one in the saved report (sha256 ${saved.left.sha256}).`,
        `The right file is not the one in the saved report: expected sha256 ${saved.right.sha256}, got ${'f'.repeat(64)}.`,
      ],
    })
  })
})
