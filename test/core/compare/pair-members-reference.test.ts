/**
 * The fast pairing (no regex for paths that cannot hold a wheel directory, pair objects built without copies, one
 * map for both sides) gives exactly the keys, copy numbers and pairs of the straightforward one it replaced, kept
 * here as the reference: random listings drawn from names that exercise every rule (roots, wheel directories and
 * files, repeated names, stored `#N` names, `.`).
 */
import { describe, expect, it } from 'vitest'
import { pairMembers, pairingKeys, singleRoot, type MemberPair } from '../../../src/core/compare/pair-members'
import type { Member } from '../../../src/core/index'

const VERSIONED_WHEEL_DIR = /^([^/]+)-[^-/]+\.(dist-info|data)(\/|$)/
const WHEEL_FILE = /^((?:[^/]*\/)*)([^/-]+)-[^/-]+(?:-[^/-]+)?-[^/-]+-[^/-]+-[^/-]+\.whl$/i

function referenceBaseKeys(members: Member[], root: string): string[] {
  return members.map((member) => {
    let key = root && member.path.startsWith(root) ? member.path.slice(root.length) : root ? '.' : member.path
    if (key === '') key = '.'
    return key.replace(VERSIONED_WHEEL_DIR, '$1.$2$3')
  })
}

function referenceNumberCopies(bases: string[], reserved: Set<string>): { key: string; occurrence: number }[] {
  const lastCopy = new Map<string, number>()
  return bases.map((base) => {
    const last = lastCopy.get(base)
    if (last === undefined) {
      lastCopy.set(base, 1)
      return { key: base, occurrence: 1 }
    }
    let copy = last + 1
    while (reserved.has(`${base}#${copy}`)) copy++
    lastCopy.set(base, copy)
    return { key: `${base}#${copy}`, occurrence: copy }
  })
}

function referenceWheels(leftBases: string[], rightBases: string[]): string[] {
  const wheelsOf = (bases: string[]) => {
    const found = new Map<string, number[]>()
    bases.forEach((base, i) => {
      const match = WHEEL_FILE.exec(base)
      if (!match) return
      const key = `${match[1]}${match[2].toLowerCase().replace(/[-_.]+/g, '_')}`
      found.set(key, [...(found.get(key) ?? []), i])
    })
    return found
  }
  const leftWheels = wheelsOf(leftBases)
  const renamed = [...rightBases]
  for (const [distribution, rights] of wheelsOf(rightBases)) {
    const lefts = leftWheels.get(distribution)
    if (lefts?.length === 1 && rights.length === 1) renamed[rights[0]] = leftBases[lefts[0]]
  }
  return renamed
}

function referencePairMembers(left: Member[], right: Member[]): MemberPair[] {
  const leftRoot = singleRoot(left)
  const rightRoot = singleRoot(right)
  const both = leftRoot && rightRoot
  const leftBases = referenceBaseKeys(left, both ? leftRoot : '')
  const rightBases = referenceWheels(leftBases, referenceBaseKeys(right, both ? rightRoot : ''))
  const reserved = new Set([...leftBases, ...rightBases])
  const leftKeys = referenceNumberCopies(leftBases, reserved)
  const rightKeys = referenceNumberCopies(rightBases, reserved)
  const pairs = new Map<string, MemberPair>()
  left.forEach((member, i) => pairs.set(leftKeys[i].key, { ...leftKeys[i], left: member, right: null }))
  right.forEach((member, i) => {
    const pair = pairs.get(rightKeys[i].key)
    if (pair) pair.right = member
    else pairs.set(rightKeys[i].key, { ...rightKeys[i], left: null, right: member })
  })
  return [...pairs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

function referencePairingKeys(members: Member[]): string[] {
  const bases = referenceBaseKeys(members, singleRoot(members))
  return referenceNumberCopies(bases, new Set(bases)).map((entry) => entry.key)
}

/** Names that meet every rule, with and without a root in front. */
const NAMES = [
  'a', 'a#2', 'a#3', 'b/c', '.', 'x.data', 'x-1.data', 'x-1.data/s', 'x-1.datax/s', 'p-1.0.dist-info/RECORD', 'p-2.0.dist-info/RECORD',
  'p.dist-info/RECORD', 'p.dist-info/RECORD#2', 'q/p-1.0.dist-info/RECORD', 'p-1.0.dist-info', 'p-1.0.dist-info.bak/x', '-1.data/y',
  'w/piplite-0.8.5-py3-none-any.whl', 'w/piplite-0.8.6-py3-none-any.WHL', 'w/Pip_Lite-1-2-py3-none-any.whl', 'w/other-1-py3-none-any.whl',
  'w/no-wheel.whl', 'W/.whl', 'whl', 'a.whl#2', 'caf\u00e9', 'cafe\u0301',
]

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

function listing(next: () => number): Member[] {
  const root = next() < 0.5 ? ['', 'pkg-1.0/', 'package/'][Math.floor(next() * 3)] : ''
  const count = Math.floor(next() * 12)
  const members: Member[] = []
  if (root && next() < 0.5) members.push({ index: 0, path: root.slice(0, -1), type: 'dir', size: 0, sha256: null, offset: 0, meta: {} })
  for (let i = members.length; i < count; i++) {
    const name = NAMES[Math.floor(next() * NAMES.length)]
    members.push({ index: i, path: `${root}${name}`, type: 'file', size: 0, sha256: null, offset: 0, meta: {} })
  }
  return members
}

/** Everything a pair holds, its keys in their order included. */
const shape = (pairs: MemberPair[]) => pairs.map((pair) => [Object.keys(pair).join(), pair.key, pair.occurrence, pair.left?.index ?? null, pair.right?.index ?? null])

describe('pairing, against the reference it replaced', () => {
  it('gives the same pairs, keys, copy numbers and order on 3,000 random listing pairs', () => {
    const next = random(9)
    for (let round = 0; round < 3000; round++) {
      const left = listing(next)
      const right = next() < 0.3 ? left.map((member) => ({ ...member })) : listing(next)
      expect(shape(pairMembers(left, right)), JSON.stringify([left.map((m) => m.path), right.map((m) => m.path)])).toEqual(shape(referencePairMembers(left, right)))
      expect(pairingKeys(left)).toEqual(referencePairingKeys(left))
    }
  })

  it('keys wheel directories, roots and repeated names exactly as before', () => {
    const members = (paths: string[]) => paths.map((path, index): Member => ({ index, path, type: 'file', size: 0, sha256: null, offset: 0, meta: {} }))
    expect(pairingKeys(members(['x-1.data', 'x-1.datax/s', 'p-1.0.dist-info.bak/x', '-1.data/y', 'p-1.0.dist-info', 'a', 'a', 'a#2']))).toEqual([
      'x.data', 'x-1.datax/s', 'p-1.0.dist-info.bak/x', '-1.data/y', 'p.dist-info', 'a', 'a#3', 'a#2',
    ])
    const pairs = pairMembers(members(['w/piplite-0.8.5-py3-none-any.whl', 'a', 'a']), members(['w/piplite-0.8.6-py3-none-any.WHL', 'a#2', 'a', 'a', 'a']))
    expect(pairs.map((pair) => [pair.key, pair.left?.path ?? null, pair.right?.path ?? null])).toEqual([
      ['a', 'a', 'a'], ['a#2', null, 'a#2'], ['a#3', 'a', 'a'], ['a#4', null, 'a'], ['w/piplite-0.8.5-py3-none-any.whl', 'w/piplite-0.8.5-py3-none-any.whl', 'w/piplite-0.8.6-py3-none-any.WHL'],
    ])
  })
})
