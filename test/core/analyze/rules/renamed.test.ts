/** renamed: members linked across the sides by their bytes (renamedTo / renamedFrom) or by their name up to Unicode normalisation. */
import { describe, expect, it } from 'vitest'
import { renamedRule } from '../../../../src/core/analyze/rules/renamed'
import { compareArtifacts, type MemberComparison } from '../../../../src/core/index'
import { blobSource, buildZip } from '../../archive/build-archives'
import { context, findingsOf, member, report } from '../report-builder'

const SHA = 'cd'.repeat(32)

function renamed(from: string, to: string, left: Partial<MemberComparison['left']> = {}, right: Partial<MemberComparison['right']> = {}): MemberComparison[] {
  const removed = { ...member(from, { right: null, left: { sha256: SHA, offset: 100, ...left } }), renamedTo: to }
  const added = { ...member(to, { left: null, right: { sha256: SHA, offset: 200, ...right } }), renamedFrom: from }
  return [removed, added]
}

describe('renamed rule', () => {
  it('explains a rename with the same bytes, with both names and the SHA-256, and says what it changes', () => {
    const r = report([...renamed('pkg/old.py', 'pkg/new.py'), member('pkg/same.py')])
    const [f] = renamedRule.explain(context(r))
    expect(f).toMatchObject({ cause: 'renamed', severity: 'cause', derived: false, members: ['pkg/old.py', 'pkg/new.py'], fields: ['content'] })
    expect(f.title).toBe(`pkg/old.py was renamed to pkg/new.py with the same bytes (SHA-256 ${SHA}); a renamed module changes what is installed`)
    expect(f.evidence).toEqual({ renames: [{ left: 'pkg/old.py', right: 'pkg/new.py', sha256: SHA, leftOffset: 100, rightOffset: 200 }] })
  })

  it('counts several renames in one finding', () => {
    const r = report([...renamed('a', 'b'), ...renamed('c', 'd', { sha256: 'ee'.repeat(32) }, { sha256: 'ee'.repeat(32) })])
    const [f] = renamedRule.explain(context(r))
    expect(f.title).toBe('2 members were renamed with the same bytes: a → b, c → d; a renamed module changes what is installed')
  })

  it('explains names that differ only in Unicode normalisation, saying which form each side uses and that the bytes differ', () => {
    const r = report(renamed('cafe\u0301.py', 'caf\u00e9.py', {}, { sha256: 'ff'.repeat(32) }))
    const [f] = renamedRule.explain(context(r))
    expect(f.title).toBe('1 member name differs only in Unicode normalisation (NFD on the left, NFC on the right): cafe\u0301.py → caf\u00e9.py; the bytes differ too')
    expect(f.fields).toEqual([])
    expect(f.members).toEqual(['cafe\u0301.py', 'caf\u00e9.py'])
  })

  it('gives nothing without linked members', () => {
    expect(renamedRule.explain(context(report([member('a', { right: null }), member('b', { left: null })])))).toEqual([])
  })

  it('runs end to end: a renamed module is a cause, and the verdict stays content-differs', async () => {
    const left = buildZip([{ name: 'pkg/old.py', data: 'print(1)\n' }])
    const right = buildZip([{ name: 'pkg/new.py', data: 'print(1)\n' }])
    const r = await compareArtifacts(blobSource('l.zip', left), blobSource('r.zip', right))
    expect(r.verdict).toBe('content-differs')
    expect(findingsOf(r, 'renamed').map((f) => f.members)).toEqual([['pkg/old.py', 'pkg/new.py']])
    // The rename explains both entries: the content rule does not call them unexplained additions and removals.
    expect(findingsOf(r, 'content')).toEqual([])
  })
})
