/** content: content changes, additions and removals no other rule explains. */
import { describe, expect, it } from 'vitest'
import { contentRule } from '../../../../src/core/analyze/rules/content'
import { context, earlierFinding, fixtureReport, findingsOf, member, modified, report } from '../report-builder'

describe('content rule', () => {
  it('lists changed, removed and added members', () => {
    const r = report([modified('pkg/core.py'), member('pkg/old.py', { right: null }), member('pkg/new.py', { left: null }), member('pkg/same.py')])
    const [f] = contentRule.explain(context(r))
    expect(f.cause).toBe('content')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual(['pkg/core.py', 'pkg/old.py', 'pkg/new.py'])
    expect(f.title).toBe('1 member changed in content (pkg/core.py); 1 only on the left (pkg/old.py); 1 only on the right (pkg/new.py), not explained by any build difference')
    expect(f.evidence).toEqual({ modified: ['pkg/core.py'], onlyLeft: ['pkg/old.py'], onlyRight: ['pkg/new.py'] })
  })

  it('leaves out members whose content an earlier finding explains', () => {
    const r = report([modified('a.txt'), modified('b.txt')])
    const [f] = contentRule.explain(context(r, undefined, [earlierFinding('line-endings', ['a.txt'], ['content'])]))
    expect(f.members).toEqual(['b.txt'])
    expect(contentRule.explain(context(report([modified('a.txt')]), undefined, [earlierFinding('line-endings', ['a.txt'], ['content'])]))).toEqual([])
  })

  it('is not silenced by an earlier finding about metadata only', () => {
    const r = report([modified('a.txt', { changed: ['mtime'] })])
    expect(contentRule.explain(context(r, undefined, [earlierFinding('timestamps', ['a.txt'], ['mtime'])]))[0].members).toEqual(['a.txt'])
  })

  it('says the changes are expected after a version bump', () => {
    const [f] = contentRule.explain(context(report([modified('pkg/core.py')]), undefined, [earlierFinding('version-bump', [], ['content'])]))
    expect(f.title).toMatch(/, as expected between versions$/)
  })

  it('gives nothing when every member has the same content', () => {
    expect(contentRule.explain(context(report([member('a', { changed: ['mtime'], left: { mtime: 1 }, right: { mtime: 2 } }), member('b')])))).toEqual([])
  })

  it('reports content-wheel, added-removed-sdist and symlink-sdist', async () => {
    const wheel = findingsOf(await fixtureReport('content-wheel'), 'content')
    expect(wheel.map((f) => [f.derived, f.members])).toEqual([[false, ['pkg/core.py', 'pkg/data.bin']], [true, ['pkg-1.0.dist-info/RECORD']]])
    const [sdist] = findingsOf(await fixtureReport('added-removed-sdist'), 'content')
    expect(sdist.title).toBe('1 only on the left (pkg-1.0/pkg/legacy.py); 1 only on the right (pkg-1.0/pkg/compat.py), not explained by any build difference')
    const [symlink] = findingsOf(await fixtureReport('symlink-sdist'), 'content')
    expect(symlink.members).toEqual(['pkg-1.0/pkg/LICENSE'])
  })
})
