/** line-endings: text equal once CRLF becomes LF and a UTF-8 BOM is dropped. */
import { describe, expect, it } from 'vitest'
import { lineEndingsRule } from '../../../../src/core/analyze/rules/line-endings'
import { context, evidence, fixtureReport, findingsOf, member, modified, report, textEvidence } from '../report-builder'

const SAME = 'aa'.repeat(32)
const OTHER = 'bb'.repeat(32)

describe('line-endings rule', () => {
  it('names LF against CRLF', () => {
    const r = report([modified('pkg/a.py'), member('pkg/b.py')])
    const e = evidence(r, { 'pkg/a.py': { left: textEvidence(0, 4, false, SAME), right: textEvidence(4, 0, false, SAME) } })
    const [f] = lineEndingsRule.explain(context(r, e))
    expect(f.cause).toBe('line-endings')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual(['pkg/a.py'])
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe('1 text member differs only in line endings or BOM: LF on the left, CRLF on the right')
    expect(f.remedy).toMatch(/autocrlf|eol=lf/)
  })

  it('names a BOM and mixed endings', () => {
    const r = report([modified('setup.py')])
    const e = evidence(r, { 'setup.py': { left: textEvidence(2, 3, false, SAME), right: textEvidence(0, 5, true, SAME) } })
    const [f] = lineEndingsRule.explain(context(r, e))
    expect(f.title).toMatch(/mixed CRLF\/LF on the left, LF with a BOM on the right$/)
  })

  it('gives nothing when the normalised text differs, or evidence is missing', () => {
    const r = report([modified('a.py'), modified('b.py')])
    const e = evidence(r, { 'a.py': { left: textEvidence(0, 4, false, SAME), right: textEvidence(4, 0, false, OTHER) }, 'b.py': { left: textEvidence(0, 4, false, SAME) } })
    expect(lineEndingsRule.explain(context(r, e))).toEqual([])
  })

  it('gives nothing for a member that is not modified', () => {
    const r = report([member('a.py', { changed: ['mtime'], left: { mtime: 1 }, right: { mtime: 2 } })])
    expect(lineEndingsRule.explain(context(r, evidence(r, { 'a.py': { left: textEvidence(0, 1, false, SAME), right: textEvidence(1, 0, false, SAME) } })))).toEqual([])
  })

  it('explains line-endings-sdist: two CRLF modules and a BOM, nothing left as content', async () => {
    const r = await fixtureReport('line-endings-sdist')
    const [f] = findingsOf(r, 'line-endings')
    expect(f.members).toEqual(['pkg-1.0/pkg/__init__.py', 'pkg-1.0/pkg/core.py', 'pkg-1.0/setup.py'])
    expect(f.title).toBe('3 text members differ only in line endings or BOM: 2: LF on the left, CRLF on the right; 1: LF on the left, LF with a BOM on the right')
    expect(findingsOf(r, 'content')).toEqual([])
  })
})
