/** pyc-header: .pyc files with equal code and another 16-byte header (PEP 552). */
import { describe, expect, it } from 'vitest'
import { pycHeaderRule } from '../../../../src/core/analyze/rules/pyc-header'
import type { MemberEvidence } from '../../../../src/core/index'
import { context, evidence, fixtureReport, findingsOf, modified, report } from '../report-builder'
import { zippedPair } from './binary-builder'

const PYC = 'pkg/__pycache__/mod.cpython-311.pyc'
const BODY = 'cc'.repeat(32)
const pyc = (flags: number, sourceField: string, bodySha256 = BODY): MemberEvidence => ({ pyc: { magic: 'a70d0d0a', flags, sourceField, bodySha256 } })

function explain(left: MemberEvidence, right: MemberEvidence) {
  const r = report([modified(PYC)])
  return pycHeaderRule.explain(context(r, evidence(r, { [PYC]: { left, right } })))
}

describe('pyc-header rule', () => {
  it('names the source modification time when only it differs', () => {
    const [f] = explain(pyc(0, '00f153653c000000'), pyc(0, '4ea110663c000000'))
    expect(f.cause).toBe('pyc-header')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual([PYC])
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe('1 .pyc file differs only in the header: the embedded source modification time differs')
    expect(f.remedy).toMatch(/SOURCE_DATE_EPOCH/)
    expect(f.remedy).toMatch(/checked-hash/)
  })

  it('names the invalidation modes when the flags differ', () => {
    const [f] = explain(pyc(0, '00f153653c000000'), pyc(3, '0123456789abcdef'))
    expect(f.title).toMatch(/invalidation mode timestamp on the left, checked-hash on the right$/)
  })

  it('gives nothing when the code differs', () => {
    expect(explain(pyc(0, '00f153653c000000'), pyc(0, '00f153653c000000', 'dd'.repeat(32)))).toEqual([])
  })

  it('explains pyc-header-wheel and pyc-mode-wheel', async () => {
    const [mtime] = findingsOf(await fixtureReport('pyc-header-wheel'), 'pyc-header')
    expect(mtime.members).toEqual([PYC])
    expect(mtime.title).toMatch(/source modification time/)
    const mode = await fixtureReport('pyc-mode-wheel')
    const [direct, derived] = findingsOf(mode, 'pyc-header')
    expect(direct.title).toMatch(/invalidation mode timestamp on the left, checked-hash on the right/)
    expect(direct.evidence).toMatchObject({ examples: [{ path: PYC, left: { flags: 0 }, right: { flags: 3 } }] })
    expect(derived).toMatchObject({ derived: true, members: ['pkg-1.0.dist-info/RECORD'] })
  })

  // Core bug (reported): with equal flags the rule always says "source modification time", but in
  // hash-based pycs (flags 1 or 3) bytes 8–16 are the source hash, not an mtime.
  it('does not call a differing source hash a modification time (checked-hash on both sides)', () => {
    const [f] = explain(pyc(3, '0123456789abcdef'), pyc(3, 'fedcba9876543210'))
    expect(f.title).not.toMatch(/modification time/)
  })

  // Issue 8: "same code, different header" on the committed .pyc pairs, with members[].binary in the report.
  it('names the header of the checked-hash / unchecked-hash pair, with every code object identical in binary', async () => {
    const r = await zippedPair('pyc/checked-hash.pyc', 'pyc/unchecked-hash.pyc', 'pkg/module.pyc')
    const [member] = r.members
    expect(member.binary?.sections.every((s) => s.status === 'identical')).toBe(true)
    const [f] = findingsOf(r, 'pyc-header')
    expect(f.title).toBe('1 .pyc file differs only in the header: invalidation mode checked-hash on the left, unchecked-hash on the right')
    expect(findingsOf(r, 'build-path')).toEqual([])
    expect(findingsOf(r, 'content')).toEqual([])
  })

  it('leaves a .pyc whose code changed to the content rule', async () => {
    const r = await zippedPair('pyc/path-a.pyc', 'pyc/changed-body.pyc', 'pkg/module.pyc')
    expect(findingsOf(r, 'pyc-header')).toEqual([])
    expect(findingsOf(r, 'content')[0]?.members).toEqual(['pkg/module.pyc'])
  })
})
