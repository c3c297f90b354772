/** Pairing keys: sdist and npm roots stripped, wheel versions dropped, duplicates kept apart. */
import { describe, expect, it } from 'vitest'
import { pairMembers, pairingKeys, singleRoot } from '../../../src/core/compare/pair-members'
import type { Member, MemberType } from '../../../src/core/index'

function members(paths: string[], type: MemberType = 'file'): Member[] {
  return paths.map((path, index) => ({ index, path, type: path.endsWith('/') ? 'dir' : type, size: 0, sha256: null, offset: 0, meta: {} }))
}

describe('pairingKeys', () => {
  it('strips the single root directory of an sdist, including its own entry', () => {
    expect(pairingKeys(members(['pkg-1.0/', 'pkg-1.0/setup.py', 'pkg-1.0/pkg/__init__.py']))).toEqual(['.', 'setup.py', 'pkg/__init__.py'])
  })
  it("strips npm's package/ root", () => {
    expect(pairingKeys(members(['package/package.json', 'package/lib/index.js']))).toEqual(['package.json', 'lib/index.js'])
  })
  it('keeps paths when there is more than one top-level entry', () => {
    expect(pairingKeys(members(['pkg/__init__.py', 'pkg-1.0.dist-info/RECORD']))).toEqual(['pkg/__init__.py', 'pkg.dist-info/RECORD'])
  })
  it('does not strip a root that is the only file', () => {
    expect(singleRoot(members(['README']))).toBe('')
  })
  it('drops the version of .dist-info and .data, whatever the name contains', () => {
    expect(pairingKeys(members(['my_pkg-2.0.1rc1.dist-info/METADATA', 'my_pkg-2.0.1rc1.data/scripts/tool', 'x/my_pkg-1.0.dist-info/y']))).toEqual([
      'my_pkg.dist-info/METADATA', 'my_pkg.data/scripts/tool', 'x/my_pkg-1.0.dist-info/y',
    ])
  })
  it('numbers repeated names instead of merging them', () => {
    expect(pairingKeys(members(['a.py', 'b.py', 'a.py', 'a.py']))).toEqual(['a.py', 'b.py', 'a.py#2', 'a.py#3'])
  })
  it('never gives a copy number that is another stored name: [a, a, a#2] has three keys', () => {
    expect(pairingKeys(members(['a', 'a', 'a#2']))).toEqual(['a', 'a#3', 'a#2'])
  })
  it('gives every member its own key, whatever the names (roots, wheel versions, "." and copy numbers)', () => {
    const names = ['p/', 'p/.', 'p/x-1.dist-info/A', 'p/x-2.dist-info/A', 'p/x.dist-info/A', 'p/x.dist-info/A#2', 'p/x.dist-info/A#2', 'p/x.dist-info/A#3']
    const keys = pairingKeys(members(names))
    expect(new Set(keys).size).toBe(names.length)
  })
})

describe('pairMembers', () => {
  it('pairs [a, a, a#2] with [a, a, a#2]: three pairs, none dropped', () => {
    const pairs = pairMembers(members(['a', 'a', 'a#2']), members(['a', 'a', 'a#2']))
    expect(pairs.map((p) => [p.left?.index, p.right?.index])).toEqual([[0, 0], [2, 2], [1, 1]])
  })
  it('pairs the second copy of a name with the second copy, never with a member stored as name#2', () => {
    const pairs = pairMembers(members(['a', 'a']), members(['a', 'a', 'a#2']))
    expect(pairs.map((p) => [p.left?.index ?? null, p.right?.path ?? null, p.right?.index ?? null])).toEqual([
      [0, 'a', 0], [null, 'a#2', 2], [1, 'a', 1],
    ])
  })
  it('keeps names apart whose bytes differ but look alike (NFC and NFD, Cyrillic е)', () => {
    const pairs = pairMembers(members(['caf\u00e9.py', 's\u0435tup.py']), members(['cafe\u0301.py', 'setup.py']))
    expect(pairs.every((p) => !p.left || !p.right)).toBe(true)
    expect(pairs.length).toBe(4)
  })
  // Brief Q item 2: a nested zip cut after its first member has a single root on that side only; stripping it
  // there alone turned `b/__init__.py` into `__init__.py` and invented a rename to itself.
  it('strips roots only when both sides have one, so a side cut down to one directory still pairs by path', () => {
    const pairs = pairMembers(members(['b/__init__.py', 'b-1.0.dist-info/WHEEL']), members(['b/__init__.py']))
    expect(pairs.map((p) => [p.key, p.left?.path ?? null, p.right?.path ?? null])).toEqual([
      ['b.dist-info/WHEEL', 'b-1.0.dist-info/WHEEL', null],
      ['b/__init__.py', 'b/__init__.py', 'b/__init__.py'],
    ])
    const sdist = pairMembers(members(['pkg-1.0/', 'pkg-1.0/setup.py']), members(['pkg-1.0/', 'pkg-1.0/setup.py', 'stray.txt']))
    expect(sdist.filter((p) => p.left && p.right).map((p) => p.key)).toEqual(['pkg-1.0/', 'pkg-1.0/setup.py'])
  })
  it('pairs renamed roots and lists one-sided members', () => {
    const pairs = pairMembers(members(['p-1.0/a', 'p-1.0/old']), members(['p-1.1/a', 'p-1.1/new']))
    expect(pairs.map((p) => [p.key, p.left?.path ?? null, p.right?.path ?? null])).toEqual([
      ['a', 'p-1.0/a', 'p-1.1/a'],
      ['new', null, 'p-1.1/new'],
      ['old', 'p-1.0/old', null],
    ])
  })
})
