/** permissions: umask (group/other write), exec bits, or no Unix mode on one side (a Windows zip). */
import { describe, expect, it } from 'vitest'
import { permissionsRule } from '../../../../src/core/analyze/rules/permissions'
import { context, fixtureReport, findingsOf, member, report } from '../report-builder'

const modes = (left: number | null, right: number | null, path = 'pkg/a.py') =>
  member(path, { changed: ['mode'], left: { mode: left }, right: { mode: right } })

describe('permissions rule', () => {
  it('names the umask when only group/other write bits differ, and the group-writable side', () => {
    const [f] = permissionsRule.explain(context(report([modes(0o100644, 0o100664), modes(0o100644, 0o100666, 'pkg/b.py')])))
    expect(f.cause).toBe('permissions')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual(['pkg/a.py', 'pkg/b.py'])
    expect(f.fields).toEqual(expect.arrayContaining(['mode', 'creatorSystem']))
    expect(f.title).toMatch(/^2 members differ in permissions: 2 in group\/other write bits only \(a different umask/)
    expect(f.title).toMatch(/the right side is group-writable$/)
    expect(f.evidence).toMatchObject({ classes: { umask: 2 } })
    expect(f.remedy).toMatch(/umask 022/)
  })

  it('names the left side when the left one is group-writable', () => {
    const [f] = permissionsRule.explain(context(report([modes(0o100664, 0o100644)])))
    expect(f.title).toMatch(/the left side is group-writable/)
  })

  it('names exec bits', () => {
    const [f] = permissionsRule.explain(context(report([modes(0o100755, 0o100644)])))
    expect(f.title).toMatch(/1 member differs in permissions: 1 in exec bits/)
    expect(f.evidence).toMatchObject({ classes: { exec: 1 } })
  })

  it('names a Windows-made zip when one side has no Unix mode', () => {
    // Its creator is known (0, MS-DOS): what says "Windows", where a side with no creator says nothing.
    const windows = member('pkg/a.py', { changed: ['mode', 'creatorSystem'], left: { mode: 0o100644, creatorSystem: 3 }, right: { mode: null, creatorSystem: 0 } })
    const [f] = permissionsRule.explain(context(report([windows])))
    expect(f.title).toMatch(/no Unix mode on one side \(a zip written on Windows\)/)
  })

  // Brief Q item 1: a zip listed from its local headers has no external attributes or creator; that is unknown,
  // not "a zip written on Windows".
  it('infers nothing from a mode or creator one side does not have', () => {
    const recovered = member('b/__init__.py', { changed: ['mode'], left: { mode: 0o100644, creatorSystem: 3 }, right: {} })
    const noCreator = member('b/core.py', { changed: ['mode'], left: { mode: 0o100644, creatorSystem: 3 }, right: { mode: null } })
    expect(permissionsRule.explain(context(report([recovered, noCreator])))).toEqual([])
    const unknown = { ...modes(0o100644, null), unknown: ['mode', 'creatorSystem'] }
    expect(permissionsRule.explain(context(report([unknown])))).toEqual([])
  })

  it('gives nothing when the modes are equal', () => {
    const same = member('pkg/a.py', { changed: ['mtime'], left: { mode: 0o100644, mtime: 1 }, right: { mode: 0o100644, mtime: 2 } })
    expect(permissionsRule.explain(context(report([same, member('pkg/b.py', { left: { mode: 0o100755 }, right: { mode: 0o100755 } })])))).toEqual([])
  })

  it('explains mode-wheel: two umask changes and one lost exec bit', async () => {
    const [f] = findingsOf(await fixtureReport('mode-wheel'), 'permissions')
    expect([...f.members].sort()).toEqual(['pkg-1.0.data/scripts/pkg-tool', 'pkg/__init__.py', 'pkg/core.py'])
    expect(f.title).toMatch(/1 in exec bits/)
    expect(f.title).toMatch(/2 in group\/other write bits only/)
  })

  it('explains windows-zip-sdist: every member lost its Unix mode', async () => {
    const r = await fixtureReport('windows-zip-sdist')
    const [f] = findingsOf(r, 'permissions')
    expect(f.members).toHaveLength(4)
    expect(f.title).toMatch(/^4 members differ in permissions: 4 in no Unix mode on one side \(a zip written on Windows\)$/)
    expect(r.findings.map((x) => x.cause)).toEqual(['permissions'])
  })

  // Core bug (reported): 0o100644 against 0o644 differ only in the file-type bits (S_IFREG, which some zip
  // writers omit); the rule masks them away, finds "no difference outside 022" and calls it a umask change
  // with "the right side is group-writable", though neither side is.
  it('does not call a difference in the file-type bits alone a umask change', () => {
    const [f] = permissionsRule.explain(context(report([modes(0o100644, 0o644)])))
    expect(f.title).not.toMatch(/umask|group-writable/)
  })
})
