/**
 * Pairs the members of two artefacts by path, after removing what legitimately differs between two
 * builds of the same project: the single root directory of an sdist or npm tarball (`name-1.0/`,
 * `package/`) when both sides have one, and the version in a wheel's `name-1.0.dist-info/` and `name-1.0.data/` (PEP 427).
 * Each side keeps its real path; only the key used for pairing is normalised. Keys are unique by
 * construction (a name repeated in one archive is `name#2`, never the key of a stored `name#2`), so no member
 * is merged with or hidden behind another. Names are compared as displayed (util/text.ts), which is one string
 * per stored name: look-alikes (NFC and NFD, a Cyrillic е) stay apart. Two single-file compressed artefacts
 * (a `.gz` that holds no tar) pair their payloads whatever the names say.
 */
import { SINGLE_FILE_READINGS } from '../archive/nested'
import type { ArtifactReading, Member } from '../types'

export interface MemberPair {
  /** Unique among the pairs: no two members of one side ever share a key, so none is merged or dropped. */
  key: string
  left: Member | null
  right: Member | null
  /** The copy number in the key (`name#2`, `name#3`…) for a later copy of a name repeated in one archive; 1 otherwise. */
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

/**
 * The roots stripped for pairing two sides, decided for the pair: each side's single root when both sides have
 * one (the sdist convention: `name-version/`, npm's `package/`), none otherwise. Stripping one side only would
 * pair nothing and invent renames, as when a nested zip cut after its first member has one directory left.
 */
export function strippedRoots(left: string, right: string): { left: string; right: string } {
  return left && right ? { left, right } : { left: '', right: '' }
}

/** Pairing keys in archive order; a repeated name gets `#2`, `#3`… so no member is merged with another. */
export function pairingKeys(members: Member[]): string[] {
  const bases = baseKeys(members, singleRoot(members))
  return numberCopies(bases, new Set(bases)).map((entry) => entry.key)
}

/** Each member's path with `root` (its single root, or '') removed and a wheel directory's version dropped. */
function baseKeys(members: Member[], root: string): string[] {
  return members.map((member) => {
    let key = root && member.path.startsWith(root) ? member.path.slice(root.length) : root ? ROOT_KEY : member.path
    if (key === '') key = ROOT_KEY
    return key.replace(VERSIONED_WHEEL_DIR, '$1.$2$3')
  })
}

/**
 * Keys unique by construction. The first copy of a base key keeps it; a later copy takes `base#N`, N the lowest
 * number above the previous copy's that is no base key in `reserved` (both sides' base keys, so a second `a` never
 * takes the key of a stored `a#2`, and the n-th copy on the left meets the n-th copy on the right). Two `base#N`
 * keys are equal only when base and N are (N has no `#`), and none equals a base key: no key is ever shared.
 */
function numberCopies(bases: string[], reserved: Set<string>): { key: string; occurrence: number }[] {
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

/** Every member of both sides, paired by key, sorted by key. */
export function pairMembers(left: Member[], right: Member[]): MemberPair[] {
  const roots = strippedRoots(singleRoot(left), singleRoot(right))
  const leftBases = baseKeys(left, roots.left)
  const rightBases = pairWheelsAcrossVersions(leftBases, baseKeys(right, roots.right))
  const reserved = new Set(leftBases)
  for (const base of rightBases) reserved.add(base)
  const leftKeys = numberCopies(leftBases, reserved)
  const rightKeys = numberCopies(rightBases, reserved)
  const pairs = new Map<string, MemberPair>()
  left.forEach((member, i) => pairs.set(leftKeys[i].key, { ...leftKeys[i], left: member, right: null }))
  right.forEach((member, i) => {
    const pair = pairs.get(rightKeys[i].key)
    if (pair) pair.right = member
    else pairs.set(rightKeys[i].key, { ...rightKeys[i], left: null, right: member })
  })
  return [...pairs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/** A wheel file name (PEP 427): `{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl`, after its directory. */
const WHEEL_FILE = /^((?:[^/]*\/)*)([^/-]+)-[^/-]+(?:-[^/-]+)?-[^/-]+-[^/-]+-[^/-]+\.whl$/i

/**
 * Containers are paired across version renames: when a directory holds exactly one wheel of a distribution on
 * each side (`piplite-0.8.5-py3-none-any.whl`, `piplite-0.8.6-py3-none-any.whl`), the right one takes the left
 * one's key, so the two are compared (and opened) as one member. Two wheels of one distribution stay by name.
 */
function pairWheelsAcrossVersions(leftBases: string[], rightBases: string[]): string[] {
  const wheelsOf = (bases: string[]) => {
    const found = new Map<string, number[]>()
    bases.forEach((base, i) => {
      const match = WHEEL_FILE.exec(base)
      if (!match) return
      const key = `${match[1]}${match[2].toLowerCase().replace(/[-_.]+/g, '_')}`
      const list = found.get(key) ?? []
      list.push(i)
      found.set(key, list)
    })
    return found
  }
  const leftWheels = wheelsOf(leftBases)
  const rightWheels = wheelsOf(rightBases)
  const renamed = [...rightBases]
  for (const [distribution, rights] of rightWheels) {
    const lefts = leftWheels.get(distribution)
    if (lefts?.length === 1 && rights.length === 1) renamed[rights[0]] = leftBases[lefts[0]]
  }
  return renamed
}

/**
 * Formats that compress one file (RFC 1952 gzip, xz, bzip2, Zstandard: archive/decompressors.ts): the name
 * (gzip FNAME, or the artefact's name) is header metadata, compared as an archive field; the payload is the content.
 * A plain file (`file`, read-artifact.ts) is its own single member, paired the same way.
 */
const SINGLE_FILE_FORMATS: ReadonlySet<string | null> = new Set([...SINGLE_FILE_READINGS, 'file'])

/** The pairs of two readings: two single-file compressed artefacts pair their payloads whatever their names. */
export function pairReadings(left: ArtifactReading, right: ArtifactReading): MemberPair[] {
  const singleFiles = SINGLE_FILE_FORMATS.has(left.format) && SINGLE_FILE_FORMATS.has(right.format)
  if (singleFiles && left.members.length === 1 && right.members.length === 1) {
    return [{ key: baseKeys(left.members, singleRoot(left.members))[0], left: left.members[0], right: right.members[0], occurrence: 1 }]
  }
  return pairMembers(left.members, right.members)
}
