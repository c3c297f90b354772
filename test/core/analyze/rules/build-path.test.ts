/** build-path: differing binaries whose printable strings differ by build-directory paths. */
import { describe, expect, it } from 'vitest'
import { buildPathRule } from '../../../../src/core/analyze/rules/build-path'
import { context, evidence, fixtureReport, findingsOf, modified, report } from '../report-builder'

const SO = 'pkg/_speedups.cpython-311-x86_64-linux-gnu.so'

function explain(left: string[], right: string[], path = SO) {
  const r = report([modified(path)])
  return buildPathRule.explain(context(r, evidence(r, { [path]: { left: { strings: left }, right: { strings: right } } })))
}

describe('build-path rule', () => {
  it('names the differing build directories', () => {
    const [f] = explain(['GCC: (GNU) 12.2.0', '/tmp/build-a/pkg/_speedups.c', 'PyInit__speedups'], ['GCC: (GNU) 12.2.0', '/home/alice/src/pkg/_speedups.c', 'PyInit__speedups'])
    expect(f.cause).toBe('build-path')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual([SO])
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe(`1 binary embeds the build directory (${SO}): /tmp/build-a/pkg/_speedups.c on the left, /home/alice/src/pkg/_speedups.c on the right`)
    expect(f.evidence).toEqual({ members: [{ path: SO, left: ['/tmp/build-a/pkg/_speedups.c'], right: ['/home/alice/src/pkg/_speedups.c'] }] })
    expect(f.remedy).toMatch(/-ffile-prefix-map/)
  })

  it('recognises pip build environments on one side only', () => {
    const [f] = explain(['/usr/include/python3.11/Python.h'], ['/usr/include/python3.11/Python.h', 'pip-build-env-x7k2/overlay/lib'])
    expect(f.title).toMatch(/\(none\) on the left, pip-build-env-x7k2\/overlay\/lib on the right$/)
  })

  it('gives nothing when the differing strings are not build paths', () => {
    expect(explain(['speedups version 1.2.3', 'GCC: (GNU) 12.2.0'], ['speedups version 1.2.4', 'GCC: (GNU) 13.1.0'])).toEqual([])
  })

  it('gives nothing when the build paths are the same on both sides', () => {
    expect(explain(['/tmp/build/pkg/a.c', 'x1'], ['/tmp/build/pkg/a.c', 'x2'])).toEqual([])
  })

  it('gives nothing without strings evidence on both sides', () => {
    const r = report([modified(SO)])
    expect(buildPathRule.explain(context(r, evidence(r, { [SO]: { left: { strings: ['/tmp/a/x.c'] } } })))).toEqual([])
  })

  it('explains build-path-wheel; its RECORD is derived from it', async () => {
    const r = await fixtureReport('build-path-wheel')
    const [direct, derived] = findingsOf(r, 'build-path')
    expect(direct.members).toEqual([SO])
    expect(direct.title).toMatch(/\/tmp\/build-a\/pkg\/_speedups\.c on the left, \/home\/alice\/src\/pkg\/_speedups\.c on the right/)
    expect(derived).toMatchObject({ derived: true, members: ['pkg-1.0.dist-info/RECORD'] })
    expect(findingsOf(r, 'content')).toEqual([])
  })

  // Core bug (reported): the Windows drive alternative of BUILD_PATH is /[A-Za-z]:\\\\/, i.e. two literal
  // backslashes, so real Windows paths in a .pyd (C:\Users\…, D:\a\…, one backslash) are never recognised.
  it('recognises Windows build directories in a .pyd', () => {
    const [f] = explain(['C:\\Users\\alice\\src\\pkg\\_speedups.c', 'PyInit__speedups'], ['D:\\a\\pkg\\pkg\\_speedups.c', 'PyInit__speedups'], 'pkg/_speedups.cp311-win_amd64.pyd')
    expect(f?.cause).toBe('build-path')
  })
})
