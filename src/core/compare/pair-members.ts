/**
 * Pairs the members of two artefacts by path, after removing what legitimately differs between two
 * builds of the same project: the single root directory of an sdist or npm tarball (`name-1.0/`,
 * `package/`), and the version in a wheel's `name-1.0.dist-info/` and `name-1.0.data/` (PEP 427).
 * Each side keeps its real path; only the key used for pairing is normalised.
 */
import type { Member } from '../types'

export interface MemberPair {
  key: string
  left: Member | null
  right: Member | null
  /** 2, 3, … for the second, third copy of a name repeated in one archive; 1 otherwise. */
  occurrence: number
}

/** `{distribution}-{version}.dist-info` / `.data`: the version is the last dash-separated part (PEP 427). */
const VERSIONED_WHEEL_DIR = /^([^/]+)-[^-/]+\.(dist-info|data)(\/|$)/
/** Key of the root directory entry itself once the root is stripped. */
export const ROOT_KEY = '.'

function firstComponent(path: string): string {
  const slash = path.indexOf('/')
  return slash < 0 ? path : path.slice(0, slash)
}

/** The directory every member lives under (with its slash), or '' when there is none. */
export function singleRoot(members: Member[]): string {
  if (members.length === 0) return ''
  const root = firstComponent(members[0].path)
  const allUnder = members.every((member) => {
    const path = member.path
    return path.startsWith(`${root}/`) || (path === root && member.type === 'dir')
  })
  const hasChildren = members.some((member) => member.path.length > root.length + 1)
  return allUnder && hasChildren ? `${root}/` : ''
}

/** Pairing keys in archive order; a repeated name gets `#2`, `#3`… so no member is merged with another. */
export function pairingKeys(members: Member[]): string[] {
  return pairingEntries(members).map((entry) => entry.key)
}

function pairingEntries(members: Member[]): { key: string; occurrence: number }[] {
  const root = singleRoot(members)
  const seen = new Map<string, number>()
  return members.map((member) => {
    let key = root && member.path.startsWith(root) ? member.path.slice(root.length) : root ? ROOT_KEY : member.path
    if (key === '') key = ROOT_KEY
    key = key.replace(VERSIONED_WHEEL_DIR, '$1.$2$3')
    const occurrence = (seen.get(key) ?? 0) + 1
    seen.set(key, occurrence)
    return { key: occurrence === 1 ? key : `${key}#${occurrence}`, occurrence }
  })
}

/** Every member of both sides, paired by key, sorted by key. */
export function pairMembers(left: Member[], right: Member[]): MemberPair[] {
  const pairs = new Map<string, MemberPair>()
  const leftKeys = pairingEntries(left)
  const rightKeys = pairingEntries(right)
  left.forEach((member, i) => pairs.set(leftKeys[i].key, { ...leftKeys[i], left: member, right: null }))
  right.forEach((member, i) => {
    const pair = pairs.get(rightKeys[i].key)
    if (pair) pair.right = member
    else pairs.set(rightKeys[i].key, { ...rightKeys[i], left: null, right: member })
  })
  return [...pairs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
