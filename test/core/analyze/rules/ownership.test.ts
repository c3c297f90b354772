/** ownership: tar uid, gid, uname, gname. */
import { describe, expect, it } from 'vitest'
import { ownershipRule } from '../../../../src/core/analyze/rules/ownership'
import { context, fixtureReport, findingsOf, member, report } from '../report-builder'

const owner = (uid: number, gid: number, uname: string, gname: string) => ({ uid, gid, uname, gname })

describe('ownership rule', () => {
  it('names both owners', () => {
    const r = report([
      member('pkg-1.0/', { changed: ['uid', 'gid', 'uname', 'gname'], left: owner(1000, 1000, 'builder', 'builder'), right: owner(0, 0, 'root', 'root') }),
      member('pkg-1.0/setup.py', { changed: ['uid', 'uname'], left: owner(1000, 0, 'builder', 'root'), right: owner(0, 0, 'root', 'root') }),
    ])
    const [f] = ownershipRule.explain(context(r))
    expect(f.cause).toBe('ownership')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual(['pkg-1.0/', 'pkg-1.0/setup.py'])
    expect(f.fields).toEqual(['uid', 'gid', 'uname', 'gname'])
    expect(f.title).toBe('2 members record another owner: builder(1000):builder(1000), builder(1000):root(0) on the left, root(0):root(0) on the right')
    expect(f.remedy).toMatch(/--owner=0/)
  })

  it('shows an empty name as (no name)', () => {
    const [f] = ownershipRule.explain(context(report([member('a', { changed: ['uname', 'gname'], left: owner(0, 0, '', ''), right: owner(0, 0, 'root', 'root') })])))
    expect(f.title).toMatch(/^1 member records another owner: \(no name\)\(0\):\(no name\)\(0\) on the left/)
  })

  it('gives nothing when owners are equal', () => {
    const r = report([member('a', { changed: ['mtime'], left: { ...owner(0, 0, 'root', 'root'), mtime: 1 }, right: { ...owner(0, 0, 'root', 'root'), mtime: 2 } })])
    expect(ownershipRule.explain(context(r))).toEqual([])
  })

  it('explains owner-sdist', async () => {
    const [f] = findingsOf(await fixtureReport('owner-sdist'), 'ownership')
    expect(f.members).toHaveLength(6)
    expect(f.title).toMatch(/builder\(1000\):builder\(1000\) on the left, runner\(1001\):docker\(127\) on the right/)
  })
})
