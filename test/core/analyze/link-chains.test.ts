/** Extraction simulated in archive order: link chains, links under symlinked directories (issue 7 item 8). */
import { describe, expect, it } from 'vitest'
import { simulateExtraction, type ExtractEntry } from '../../../src/core/analyze/link-chains'

let next = 0
const file = (path: string): ExtractEntry => ({ index: next++, path, type: 'file' })
const dir = (path: string): ExtractEntry => ({ index: next++, path, type: 'dir' })
const symlink = (path: string, linkTarget: string): ExtractEntry => ({ index: next++, path, type: 'symlink', linkTarget })
const hardlink = (path: string, linkTarget: string): ExtractEntry => ({ index: next++, path, type: 'hardlink', linkTarget })
const problems = (entries: ExtractEntry[]) => simulateExtraction(entries).map((f) => [f.path, f.problem, f.chain])

describe('simulateExtraction', () => {
  it('flags a link that leaves only once an earlier link is in place (a → . then a/b → ..)', () => {
    expect(problems([symlink('a', '.'), symlink('a/b', '..')])).toEqual([['a/b', 'points-outside', ['a → .']]])
    expect(problems([symlink('x', '.'), symlink('x/y', '.'), symlink('x/y/z', '..')])).toEqual([
      ['x/y', 'through-link', ['x → .']],
      ['x/y/z', 'points-outside', ['x → .', 'x/y → .']],
    ])
  })

  it('flags absolute, drive-letter, backslash and climbing targets, and names that climb out', () => {
    expect(problems([symlink('s', '/etc/passwd'), symlink('w', 'C:/Windows'), symlink('b', '..\\..\\x'), symlink('p/u', '../../x'), hardlink('h', '../outside'), file('../escape.txt')]).map(([path, problem]) => [path, problem]))
      .toEqual([['s', 'points-outside'], ['w', 'points-outside'], ['b', 'points-outside'], ['p/u', 'points-outside'], ['h', 'points-outside'], ['../escape.txt', 'writes-outside']])
  })

  it('flags members written through a symlinked directory, and what leaves through it', () => {
    expect(problems([dir('pkg/'), symlink('inner', 'pkg'), file('inner/a.py'), dir('inner/sub/'), file('inner/../../x'), symlink('tmp', '/tmp'), file('tmp/x')])).toEqual([
      ['inner/a.py', 'through-link', ['inner → pkg']],
      ['inner/sub/', 'through-link', ['inner → pkg']],
      ['inner/../../x', 'writes-outside', ['inner → pkg']],
      ['tmp', 'points-outside', []],
      // A filtering extractor refuses tmp and writes tmp/x into a real directory; one without the filter
      // writes /tmp/x. Either way the member runs through a symlink member, so it is flagged.
      ['tmp/x', 'through-link', ['tmp → /tmp (refused by a filtering extractor, written through by others)']],
    ])
  })

  it('flags a file written over a symlink member (it is written where the link points)', () => {
    expect(problems([symlink('setup.py', 'pkg/evil.py'), file('setup.py')])).toEqual([['setup.py', 'through-link', ['setup.py → pkg/evil.py']]])
  })

  it('judges a hard link to a symlink member as the symlink it copies, from its own directory', () => {
    expect(problems([dir('d/'), symlink('d/s', '..'), hardlink('h', 'd/s')])).toEqual([['h', 'points-outside', ['d/s → ..']]])
  })

  it('gives nothing for benign links inside, and for a link replaced before use', () => {
    expect(problems([dir('pkg/'), file('pkg/a.py'), symlink('pkg/LICENSE', '../LICENSE'), file('LICENSE'), hardlink('pkg/COPYING', 'pkg/a.py'), symlink('docs', 'pkg'), symlink('docs2', 'docs/../pkg')])).toEqual([])
    expect(problems([symlink('a', '.'), hardlink('a', 'LICENSE'), file('a/b')]).map(([path]) => path)).toEqual([])
  })

  it('reports a symlink loop instead of resolving it forever', () => {
    const found = simulateExtraction([symlink('a', 'b'), symlink('b', 'a'), file('a/x')])
    expect(found.map((f) => [f.path, f.problem])).toEqual([['a/x', 'link-loop']])
    expect(found[0].chain.length).toBeGreaterThan(40)
  })

  it('judges members beside, below and at a link alike, however their names are written and listed', () => {
    // Listed out of archive order: the simulation follows the indexes, so usr/lib64 is in place before libc.so.
    const entries = [
      { index: 1e6, path: 'usr/lib64/libc.so', type: 'file' as const }, symlink('usr/lib64', 'lib'), file('usr/include/x.h'),
      file('./usr//lib64/y'), file('usr/lib64'), symlink('evil', '/etc'), file('evil/passwd'), file('usr/lib/z'), dir('usr/'),
    ]
    expect(problems(entries)).toEqual([
      ['./usr//lib64/y', 'through-link', ['usr/lib64 → lib']],
      ['usr/lib64', 'through-link', ['usr/lib64 → lib']],
      ['evil', 'points-outside', []],
      ['evil/passwd', 'through-link', ['evil → /etc (refused by a filtering extractor, written through by others)']],
      ['usr/lib64/libc.so', 'through-link', ['usr/lib64 → lib']],
    ])
  })

  it('still finds names that climb out when the archive has no link at all', () => {
    expect(problems([file('a/b.txt'), file('a/../../up.txt'), dir('x/'), file('a..b/c'), file('./../z')])).toEqual([
      ['a/../../up.txt', 'writes-outside', []],
      ['./../z', 'writes-outside', []],
    ])
  })

  it('walks a 20,000-level path and 100,000 members without recursion', () => {
    const deep = Array.from({ length: 20000 }, () => 'd').join('/')
    const entries = [symlink('d', '.'), file(`${deep}/x`)]
    for (let i = 0; i < 100000; i++) entries.push(file(`pkg/m${i}.py`))
    const found = simulateExtraction(entries)
    expect(found.map((f) => f.problem)).toEqual(['link-loop'])
  })
})
