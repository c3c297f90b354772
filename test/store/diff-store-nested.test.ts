/** Issue 8, nested archives, item 6: selecting a nested member asks each worker for it through its containers. */
import { describe, expect, it, vi } from 'vitest'
import type { ContentPair, MemberComparison, Report } from '../../src/core/types-public'

const top = { index: 1, offset: 0, size: 20, sha256: null, type: 'file' as const }
const nestedSide = (chain: number[]) => ({ index: 0, offset: 0, size: 5, sha256: null, type: 'file' as const, containerIndexes: chain })
const container: MemberComparison = { path: 'p/x.whl', leftPath: 'p/x.whl', rightPath: 'p/x.whl', type: 'file', status: 'modified', changed: [], left: top, right: top }
const inner: MemberComparison = {
  path: 'p/x.whl!/x/a.py', leftPath: 'p/x.whl!/x/a.py', rightPath: 'p/x.whl!/x/a.py', type: 'file', status: 'modified', changed: [],
  container: 'p/x.whl', depth: 1, left: nestedSide([1]), right: nestedSide([2]),
}
const report = { verdict: 'content-differs', members: [container, inner], findings: [] } as unknown as Report
const content = { isText: true } as unknown as ContentPair

const client = { compare: vi.fn(), loadContent: vi.fn(async () => content), cancel: vi.fn(), dispose: vi.fn() }
vi.mock('../../src/worker/client', () => ({ createCompareClient: () => client }))

const { useDiffStore } = await import('../../src/store/diff-store')

describe('selecting a member of a nested archive', () => {
  it('passes each side\'s container chain to loadContent, and none for a top-level member', async () => {
    useDiffStore.setState({ report, phase: 'done' })
    await useDiffStore.getState().select(inner.path)
    await vi.waitFor(() => expect(useDiffStore.getState().content).toMatchObject({ status: 'ready', path: inner.path }))
    expect(client.loadContent).toHaveBeenLastCalledWith(0, 0, expect.any(Number), { left: [1], right: [2] })
    await useDiffStore.getState().select(container.path)
    await vi.waitFor(() => expect(useDiffStore.getState().content).toMatchObject({ status: 'ready', path: container.path }))
    expect(client.loadContent).toHaveBeenLastCalledWith(1, 1, expect.any(Number))
  })
})
