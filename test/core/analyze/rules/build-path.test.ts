/** build-path: differing binaries whose printable strings differ by build-directory paths. */
import { describe, expect, it } from 'vitest'
import { buildPathRule } from '../../../../src/core/analyze/rules/build-path'
import type { BinaryComparison } from '../../../../src/core/binary/types'
import { context, evidence, fixtureReport, findingsOf, modified, report } from '../report-builder'
import { BUILD_ID, elf, section, zippedPair } from './binary-builder'

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

  // Issue 8, "Explain, don't just show": with a structured comparison, name the sections and never excuse the rest.
  describe('with members[].binary', () => {
    const A = '/tmp/build-a/src'
    const B = '/tmp/build-somewhere-else/src' // 13 bytes longer
    function explainBinary(binary: BinaryComparison, left = ['PyInit__speedups', A], right = ['PyInit__speedups', B]) {
      const m = modified(SO)
      m.binary = binary
      const r = report([m])
      return buildPathRule.explain(context(r, evidence(r, { [SO]: { left: { strings: left }, right: { strings: right } } })))
    }
    const strings = (left: number, right: number) => section({ name: '.debug_line_str', left, right, flags: 0x30 })

    it('names the string section holding the paths and the occurrences its size change makes', () => {
      const [f] = explainBinary(elf([section({ name: '.note.gnu.build-id', left: 36 }), section({ name: '.debug_info', left: 296 }), strings(90, 116)], BUILD_ID))
      expect(f.fields).toEqual(['content'])
      expect(f.title).toMatch(/, in \.debug_line_str \(90 → 116 bytes, 2 occurrences\)$/)
      const [member] = (f.evidence as { members: Record<string, unknown>[] }).members
      expect(member.sections).toEqual([{ name: '.debug_line_str', left: 90, right: 116, occurrences: 2, afterReplacement: null }])
      expect(member.unexplained).toEqual([])
      expect((member.derived as { name: string }[]).map((d) => d.name)).toEqual(['.note.gnu.build-id', '.debug_info'])
    })

    it('does not excuse a code section that differs too: the content rule keeps the member', () => {
      const [f] = explainBinary(elf([section({ name: '.text', left: 500 }), strings(90, 103)], BUILD_ID))
      expect(f.fields).toEqual([])
      expect(f.title).toMatch(/not explained by it: \.text$/)
    })

    it('does not claim a string section whose size change is no whole number of path replacements', () => {
      const [f] = explainBinary(elf([strings(90, 100)], BUILD_ID))
      expect(f.fields).toEqual([])
      expect(f.title).toMatch(/other differences not explained: \.debug_line_str, NT_GNU_BUILD_ID$/)
    })

    it('does not excuse another string that changed besides the paths', () => {
      const [f] = explainBinary(elf([strings(90, 103)]), ['version 1.0', A], ['version 1.1', B])
      expect(f.fields).toEqual([])
      expect(f.title).toMatch(/strings \(version 1\.0, version 1\.1\)/)
    })

    it('leaves a same-size DWARF section unexplained when no string section changed', () => {
      const [f] = explainBinary(elf([section({ name: '.debug_info', left: 296 }), section({ name: '.rodata', left: 64, right: 77 })]))
      expect(f.title).toMatch(/in \.rodata \(64 → 77 bytes, 1 occurrence\); not explained by it: \.debug_info$/)
      expect(f.fields).toEqual([])
    })

    it('measures sizes by the build-directory replacement, not by an unrelated pair of paths', () => {
      const left = ['/tmp/a/src', '/tmp/a/src/x.cc']
      const right = ['/tmp/bbb/src', '/tmp/bbb/src/x.cc'] // "a" → "bbb": 2 bytes; the cross pair /tmp/a/src → /tmp/bbb/src/x.cc is 7
      expect(explainBinary(elf([strings(90, 97)]), left, right)[0].fields).toEqual([])
      expect(explainBinary(elf([strings(90, 94)]), left, right)[0].title).toMatch(/in \.debug_line_str \(90 → 94 bytes, 2 occurrences\)$/)
    })

    it('counts a differing .comment as accounted for (the tool-version rule names it), not as unexplained', () => {
      const comment = section({ name: '.comment', left: 18, flags: 0x30 })
      const [f] = explainBinary(elf([strings(90, 103), comment], [{ field: '.comment', left: ['GCC: (GNU) 12.2.0'], right: ['GCC: (GNU) 13.1.0'] }]), [A, 'GCC: (GNU) 12.2.0'], [B, 'GCC: (GNU) 13.1.0'])
      expect(f.fields).toEqual(['content'])
    })

    it('gives each partly explained binary its own finding naming what is left in it', () => {
      const one = modified('pkg/a.so')
      one.binary = elf([strings(90, 103), section({ name: '.text', left: 10 })])
      const two = modified('pkg/b.so')
      two.binary = elf([strings(90, 103), section({ name: '.data', left: 10 })])
      const r = report([one, two])
      const sides = { left: { strings: [A] }, right: { strings: [B] } }
      const found = buildPathRule.explain(context(r, evidence(r, { 'pkg/a.so': sides, 'pkg/b.so': sides })))
      expect(found.map((f) => [f.members, f.title.replace(/^.*not explained by it: /, '')])).toEqual([[['pkg/a.so'], '.text'], [['pkg/b.so'], '.data']])
    })

    it('keeps reading the strings of a .pyc whose structure could not be parsed', () => {
      const m = modified('pkg/module.pyc')
      m.binary = { format: 'pyc', header: [], sections: [], facts: [], error: { side: 'right', code: 'TRUNCATED', message: 'short' } }
      const r = report([m])
      const [f] = buildPathRule.explain(context(r, evidence(r, { 'pkg/module.pyc': { left: { strings: [A] }, right: { strings: [B] } } })))
      expect(f.title).toMatch(/\/tmp\/build-a\/src on the left, \/tmp\/build-somewhere-else\/src on the right$/)
    })

    it('explains the build-path ELF fixture: .debug_line_str holds the path once, its strings in another order', async () => {
      const r = await zippedPair('build-path/left/libdemo.so', 'build-path/right/libdemo.so', 'pkg/libdemo.so')
      const [direct] = findingsOf(r, 'build-path').filter((f) => !f.derived)
      expect(direct.fields).toEqual(['content'])
      expect(direct.title).toMatch(/build-a\/src on the left, .*build-somewhere-else\/src on the right, in \.debug_line_str \(90 → 103 bytes, 1 occurrence; after replacing the path, the same strings in another order\)$/)
      expect(findingsOf(r, 'content')).toEqual([])
    })

    it('leaves the symbols ELF fixture (another exported function) with the content rule', async () => {
      const r = await zippedPair('symbols/left/libdemo.so', 'symbols/right/libdemo.so', 'pkg/libdemo.so')
      expect(findingsOf(r, 'build-path')).toEqual([])
      expect(findingsOf(r, 'content')[0]?.members).toEqual(['pkg/libdemo.so'])
    })

    it('names co_filename for a .pyc compiled from another path with the same code', async () => {
      const r = await zippedPair('pyc/path-a.pyc', 'pyc/path-b.pyc', 'pkg/module.pyc')
      const [f] = findingsOf(r, 'build-path')
      expect(f.title).toBe('1 binary embeds the build directory (pkg/module.pyc): /tmp/pip-build-env-a1b2c3/src/pkg/module.py on the left, /home/runner/work/pkg/src/pkg/module.py on the right, in co_filename of the code objects (the code is the same)')
      expect(f.fields).toEqual(['content'])
      expect(findingsOf(r, 'content')).toEqual([])
    })

    it('does not claim a .pyc whose code differs as well as its co_filename', () => {
      const m = modified('pkg/module.pyc')
      m.binary = { format: 'pyc', header: [], sections: [section({ name: '<module>', left: 40 })], facts: [{ field: 'co_filename', left: '/tmp/a/m.py', right: '/tmp/b/m.py' }] }
      const r = report([m])
      const [f] = buildPathRule.explain(context(r))
      expect(f.fields).toEqual([])
      expect(f.title).toMatch(/not explained by it: <module>$/)
    })
  })
})
