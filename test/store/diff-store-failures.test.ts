/**
 * No input blanks the page: once the members are compared, a failure while explaining them (a rule that
 * throws, a worker that stops) keeps the verdict and the members, and says what is missing.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Limits, MemberComparison, Report } from '../../src/core/types-public'

const side = { index: 0, offset: 0, size: 20, sha256: null, type: 'file' as const }
const member: MemberComparison = { path: 'pkg/core.py', leftPath: 'pkg/core.py', rightPath: 'pkg/core.py', type: 'file', status: 'modified', changed: [], left: side, right: side }
const compared = { verdict: 'content-differs', members: [member], findings: [] } as unknown as Report

const client = {
  compare: vi.fn(async (_l: File, _r: File, _p: unknown, _limits: Limits, onCompared?: (report: Report) => void): Promise<Report> => {
    onCompared?.(compared)
    throw new RangeError('Maximum call stack size exceeded')
  }),
  loadContent: vi.fn(),
  cancel: vi.fn(),
  dispose: vi.fn(),
}
vi.mock('../../src/worker/client', () => ({ createCompareClient: () => client }))

const { useDiffStore } = await import('../../src/store/diff-store')

describe('compare', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    useDiffStore.setState({ files: { left: new File(['a'], 'a.whl'), right: new File(['b'], 'b.whl') }, report: null, phase: 'idle', failure: null })
  })

  it('keeps the compared report when explaining it fails, and records why', async () => {
    await useDiffStore.getState().compare()
    const state = useDiffStore.getState()
    expect(state.phase).toBe('done')
    expect(state.report).toBe(compared)
    expect(state.failure).toBeNull()
    expect(state.analysisFailure).toEqual({ code: 'READ_FAILED', message: 'Maximum call stack size exceeded' })
  })

  it('fails the comparison when nothing was compared yet, and a new comparison clears an old analysis failure', async () => {
    await useDiffStore.getState().compare()
    client.compare.mockImplementationOnce(async () => {
      throw { code: 'TRUNCATED', message: 'cut short' }
    })
    await useDiffStore.getState().compare()
    const state = useDiffStore.getState()
    expect(state.phase).toBe('failed')
    expect(state.report).toBeNull()
    expect(state.failure).toEqual({ code: 'TRUNCATED', message: 'cut short' })
    expect(state.analysisFailure).toBeNull()
  })
})
