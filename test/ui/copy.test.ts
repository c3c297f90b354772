import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberSideReport } from '../../src/core/types-public'
import { copyText, fullSha256, metaCopyValue } from '../../src/ui/copy'

const HASH = 'ab'.repeat(32)
const side = (over: Partial<MemberSideReport> = {}): MemberSideReport => ({ index: 0, offset: 0, size: 1, sha256: HASH, type: 'file', ...over })
const member = (over: Partial<MemberComparison> = {}): MemberComparison => ({
  path: 'pkg/a.py', leftPath: 'pkg-1.0/pkg/a.py', rightPath: 'pkg-1.1/pkg/a.py', type: 'file', status: 'modified', changed: ['sha256'], left: side(), right: side({ sha256: null }), ...over,
})

describe('copy', () => {
  it('writes the text and says "copied"; a missing or refusing clipboard is "failed", never a rejection', async () => {
    const written: string[] = []
    expect(await copyText({ writeText: async (text) => void written.push(text) }, HASH)).toBe('copied')
    expect(written).toEqual([HASH])
    expect(await copyText(undefined, HASH)).toBe('failed')
    expect(await copyText({ writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }, HASH)).toBe('failed')
  })

  it('offers only a full SHA-256, never "not computed" or a shortened one', () => {
    expect(fullSha256(HASH)).toBe(HASH)
    expect(fullSha256(null)).toBeNull()
    expect(fullSha256(undefined)).toBeNull()
    expect(fullSha256(HASH.slice(0, 12))).toBeNull()
  })

  it('copies each side\'s own path and digest from the metadata table, and nothing for other rows', () => {
    const pair = member()
    expect(metaCopyValue(pair, 'path', 'left')).toBe('pkg-1.0/pkg/a.py')
    expect(metaCopyValue(pair, 'path', 'right')).toBe('pkg-1.1/pkg/a.py')
    expect(metaCopyValue(pair, 'sha256', 'left')).toBe(HASH)
    expect(metaCopyValue(pair, 'sha256', 'right')).toBeNull()
    expect(metaCopyValue(member({ right: null, rightPath: null }), 'path', 'right')).toBeNull()
    expect(metaCopyValue(pair, 'mtime', 'left')).toBeNull()
  })
})
