/** The store applies limits where they matter: reading limits re-run the comparison, the text size only reloads content. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContentPair, Limits, MemberComparison, Report } from '../../src/core/types-public'

const side = { index: 0, offset: 0, size: 20, sha256: null, type: 'file' as const }
const member: MemberComparison = { path: 'pkg/core.py', leftPath: 'pkg/core.py', rightPath: 'pkg/core.py', type: 'file', status: 'modified', changed: [], left: side, right: side }
const report = { verdict: 'content-differs', members: [member], findings: [] } as unknown as Report
const content: ContentPair = { isText: false, leftText: null, rightText: null, leftSize: 20, rightSize: 20, firstDifference: 3, bytesEqual: false, textLimit: 10, textHides: [], textChange: null }

const client = {
  compare: vi.fn(async (_l: File, _r: File, _p: unknown, _limits: Limits) => report),
  loadContent: vi.fn(async (_l: number | null, _r: number | null, _max: number) => content),
  cancel: vi.fn(),
  dispose: vi.fn(),
}
vi.mock('../../src/worker/client', () => ({ createCompareClient: () => client }))

const { useDiffStore } = await import('../../src/store/diff-store')
const { DEFAULT_LIMITS } = await import('../../src/store/format')

describe('setLimits', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    useDiffStore.setState({ limits: DEFAULT_LIMITS, files: { left: null, right: null }, report: null, selectedPath: null, phase: 'idle' })
  })

  it('starts from the defaults and only records limits while no files are loaded', () => {
    expect(useDiffStore.getState().limits).toEqual(DEFAULT_LIMITS)
    useDiffStore.getState().setLimits({ maxMemberBytes: 100 })
    expect(useDiffStore.getState().limits).toEqual({ ...DEFAULT_LIMITS, maxMemberBytes: 100 })
    expect(client.compare).not.toHaveBeenCalled()
  })

  it('compares a loaded pair again under the new reading limits', async () => {
    const files = { left: new File(['a'], 'a.whl'), right: new File(['b'], 'b.whl') }
    useDiffStore.setState({ files })
    useDiffStore.getState().setLimits({ maxMembers: 3 })
    await vi.waitFor(() => expect(useDiffStore.getState().phase).toBe('done'))
    expect(client.compare).toHaveBeenCalledTimes(1)
    expect(client.compare.mock.calls[0][3]).toEqual({ ...DEFAULT_LIMITS, maxMembers: 3 })
  })

  it('reloads only the selected content when just the text size changes', async () => {
    useDiffStore.setState({ files: { left: new File(['a'], 'a.whl'), right: new File(['b'], 'b.whl') }, report, phase: 'done', selectedPath: 'pkg/core.py' })
    useDiffStore.getState().setLimits({ maxTextBytes: 10 })
    await vi.waitFor(() => expect(useDiffStore.getState().content).toEqual({ status: 'ready', path: 'pkg/core.py', content }))
    expect(client.loadContent).toHaveBeenCalledWith(0, 0, 10)
    expect(client.compare).not.toHaveBeenCalled()
  })

  it('opens and closes the panel', () => {
    useDiffStore.getState().showLimits(true)
    expect(useDiffStore.getState().isLimitsOpen).toBe(true)
    useDiffStore.getState().showLimits(false)
    expect(useDiffStore.getState().isLimitsOpen).toBe(false)
  })
})
