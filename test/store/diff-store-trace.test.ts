/**
 * Issue 12, the page's trace mode in the store: the mode is decided from the two readings (the client's
 * `onPairing`, from core `isSourceBuildPair` in the worker); a pair dropped wheel first comes back with the sdist on
 * the left; the one-click switch compares the same files as two builds and back; a new file goes back to automatic.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Limits, Report } from '../../src/core/types-public'
import type { CompareOptions } from '../../src/worker/client'

const traced = { mode: 'trace', verdict: 'content-differs', members: [], findings: [], counts: {} } as unknown as Report
const compared = { verdict: 'content-differs', members: [], findings: [], counts: {} } as unknown as Report

const client = {
  compare: vi.fn(async (left: File, _r: File, _p: unknown, _limits: Limits, onCompared?: (report: Report) => void, options: CompareOptions = {}): Promise<Report> => {
    const wheelFirst = left.name.endsWith('.whl')
    options.onPairing?.(wheelFirst && options.mode !== 'compare' ? 'left-is-source' : wheelFirst ? 'right-is-source' : 'left-is-source', wheelFirst && options.mode !== 'compare')
    const report = options.mode === 'compare' ? compared : traced
    onCompared?.(report)
    return report
  }),
  loadContent: vi.fn(),
  cancel: vi.fn(),
  dispose: vi.fn(),
}
vi.mock('../../src/worker/client', () => ({ createCompareClient: () => client }))

const { useDiffStore } = await import('../../src/store/diff-store')

const sdist = new File(['s'], 'demo-1.0.tar.gz')
const wheel = new File(['w'], 'demo-1.0-py3-none-any.whl')

describe('trace mode in the store', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    useDiffStore.setState({ files: { left: null, right: null }, report: null, phase: 'idle', failure: null, modeChoice: null, pairing: null })
  })

  it('lets the readings decide at first (no mode asked), and records the pairing', async () => {
    useDiffStore.getState().setFile('left', sdist)
    useDiffStore.getState().setFile('right', wheel)
    await vi.waitFor(() => expect(useDiffStore.getState().phase).toBe('done'))
    expect(client.compare.mock.calls[0][5]?.mode).toBeUndefined()
    expect(useDiffStore.getState().pairing).toBe('left-is-source')
    expect(useDiffStore.getState().report?.mode).toBe('trace')
  })

  it('puts the sdist on the left when the pair was dropped wheel first and is traced', async () => {
    useDiffStore.setState({ files: { left: wheel, right: sdist } })
    await useDiffStore.getState().compare()
    expect(useDiffStore.getState().files).toEqual({ left: sdist, right: wheel })
    expect(useDiffStore.getState().report?.mode).toBe('trace')
  })

  it('switches to the two-builds comparison with one click, and back, on the same files', async () => {
    useDiffStore.setState({ files: { left: sdist, right: wheel } })
    await useDiffStore.getState().compare()
    useDiffStore.getState().setMode('compare')
    await vi.waitFor(() => expect(client.compare).toHaveBeenCalledTimes(2))
    await vi.waitFor(() => expect(useDiffStore.getState().report).toBe(compared))
    expect(client.compare.mock.calls[1][5]?.mode).toBe('compare')
    expect(client.compare.mock.calls[1].slice(0, 2)).toEqual([sdist, wheel])
    // Still a source/build pair, so the page can offer the trace back.
    expect(useDiffStore.getState().pairing).toBe('left-is-source')
    useDiffStore.getState().setMode('trace')
    await vi.waitFor(() => expect(useDiffStore.getState().report).toBe(traced))
    expect(client.compare.mock.calls[2][5]?.mode).toBe('trace')
  })

  it('goes back to the automatic mode when a new file is dropped', async () => {
    useDiffStore.setState({ files: { left: sdist, right: null }, modeChoice: 'compare' })
    useDiffStore.getState().setFile('right', wheel)
    await vi.waitFor(() => expect(useDiffStore.getState().phase).toBe('done'))
    expect(useDiffStore.getState().modeChoice).toBeNull()
    expect(client.compare.mock.calls[0][5]?.mode).toBeUndefined()
  })
})

describe('the tree in trace mode', () => {
  it('shows metadata-only rows: in a trace each wheel file is shown with its trace status', async () => {
    const counts = { identical: 0, metadata: 5, modified: 1, 'left-only': 9, 'right-only': 1 }
    client.compare.mockImplementationOnce(async (_l, _r, _p, _limits, onCompared) => {
      const report = { ...traced, counts } as Report
      onCompared?.(report)
      return report
    })
    useDiffStore.setState({ files: { left: sdist, right: wheel }, filter: { ...useDiffStore.getState().filter, hideMetadataOnly: true } })
    await useDiffStore.getState().compare()
    expect(useDiffStore.getState().filter.hideMetadataOnly).toBe(false)
  })
})
