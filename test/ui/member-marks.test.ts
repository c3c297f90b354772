import { describe, expect, it } from 'vitest'
import type { Finding, MemberComparison, MemberSideReport } from '../../src/core/types-public'
import { confusableNames, renameLink, unreadSides, unreadTitle } from '../../src/ui/member-marks'

const side = (over: Partial<MemberSideReport> = {}): MemberSideReport => ({ index: 0, offset: 0, size: 4, sha256: 'aa', type: 'file', ...over })
const member = (over: Partial<MemberComparison> = {}): MemberComparison => ({
  path: 's\\u{435}tup.py', leftPath: 's\\u{435}tup.py', rightPath: 's\\u{435}tup.py', type: 'file', status: 'modified', changed: [], left: side(), right: side(), ...over,
})
const finding = (over: Partial<Finding>): Finding => ({ cause: 'confusable-name', title: '', derived: false, members: [], evidence: {}, remedy: '', severity: 'security', ...over })

describe('unreadSides', () => {
  it('names each unread side with its error', () => {
    const error = { code: 'UNSUPPORTED_METHOD' as const, message: 'method 99' }
    const sides = unreadSides(member({ unread: true, right: side({ unread: true, sha256: null, error }) }))
    expect(sides).toEqual([{ side: 'right', error }])
    expect(unreadTitle(sides)).toContain('right: UNSUPPORTED_METHOD: method 99')
  })

  it('is empty for a member whose bytes were read, and never empty for one marked unread', () => {
    expect(unreadSides(member())).toEqual([])
    expect(unreadSides(member({ unread: true }))).toEqual([{ side: 'left', error: null }])
  })
})

describe('confusableNames', () => {
  it('takes the marked name and the reason of this member\'s sides from the evidence', () => {
    const shown = member()
    const evidence = { names: [
      { side: 'left', path: shown.leftPath, name: 's\\u{435}tup.py', reason: 'Latin and Cyrillic in one word' },
      { side: 'left', path: 'other.py', name: 'other', reason: 'x' },
    ] }
    expect(confusableNames([finding({ members: [shown.path], evidence })], shown)).toEqual([{ side: 'left', name: 's\\u{435}tup.py', reason: 'Latin and Cyrillic in one word' }])
  })

  it('still marks a member the finding names when the evidence has another shape, and ignores other causes', () => {
    const shown = member()
    expect(confusableNames([finding({ members: [shown.path], evidence: { names: 'odd' } })], shown)).toHaveLength(1)
    expect(confusableNames([finding({ cause: 'unsafe-path', members: [shown.path] })], shown)).toEqual([])
    expect(confusableNames([finding({ members: ['elsewhere'] })], shown)).toEqual([])
  })
})

describe('renameLink', () => {
  it('links a left-only member to its new name and a right-only one to its old name', () => {
    expect(renameLink(member({ status: 'left-only', renamedTo: 'b.py' }))).toEqual({ direction: 'to', path: 'b.py' })
    expect(renameLink(member({ status: 'right-only', renamedFrom: 'a.py' }))).toEqual({ direction: 'from', path: 'a.py' })
    expect(renameLink(member())).toBeNull()
  })
})
