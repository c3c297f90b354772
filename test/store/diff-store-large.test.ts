/** A member larger than WHOLE_CONTENT_LIMIT is never loaded whole to be described: the summary comes from the report. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { WHOLE_CONTENT_LIMIT } from '../../src/core/index'
import type { MemberComparison, Report } from '../../src/core/types-public'

const big = WHOLE_CONTENT_LIMIT + 1
const member = (leftSha: string | null, rightSha: string | null, size = big): MemberComparison => ({
  path: 'pkg/big.so', leftPath: 'pkg/big.so', rightPath: 'pkg/big.so', type: 'file', status: 'modified', changed: [],
  left: { index: 0, offset: 0, size, sha256: leftSha, type: 'file' },
  right: { index: 0, offset: 0, size, sha256: rightSha, type: 'file' },
})
const client = { compare: vi.fn(), loadContent: vi.fn(async () => { throw new Error('must not load a large member whole') }), cancel: vi.fn(), dispose: vi.fn() }
vi.mock('../../src/worker/client', () => ({ createCompareClient: () => client }))

const { useDiffStore } = await import('../../src/store/diff-store')

function select(entry: MemberComparison): void {
  const report = { verdict: 'content-differs', members: [entry], findings: [] } as unknown as Report
  useDiffStore.setState({ report, phase: 'done', selectedPath: null })
  useDiffStore.getState().select(entry.path)
}

describe('content of a member too large to load whole', () => {
  beforeEach(() => vi.clearAllMocks())

  it('is described from the report (sizes, SHA-256 equality), the first difference left to the hex view', async () => {
    select(member('aa', 'bb'))
    await vi.waitFor(() => expect(useDiffStore.getState().content.status).toBe('ready'))
    const state = useDiffStore.getState().content
    expect(state.status === 'ready' && state.content).toMatchObject({ isText: false, leftSize: big, rightSize: big, firstDifference: null, bytesEqual: false, wholeLimit: WHOLE_CONTENT_LIMIT })
    expect(client.loadContent).not.toHaveBeenCalled()
  })

  it('never calls a side equal whose SHA-256 was not computed', async () => {
    select(member(null, 'bb'))
    await vi.waitFor(() => expect(useDiffStore.getState().content.status).toBe('ready'))
    const state = useDiffStore.getState().content
    expect(state.status === 'ready' && state.content.bytesEqual).toBeNull()
  })

  it('a pair at or under the limit is still loaded through the workers', async () => {
    select(member('aa', 'bb', WHOLE_CONTENT_LIMIT))
    await vi.waitFor(() => expect(client.loadContent).toHaveBeenCalledTimes(1))
  })
})
