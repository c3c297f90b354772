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
  const prefix = `${root}/`
  let hasChildren = false
  for (const member of members) {
    const path = member.path
    if (!path.startsWith(prefix) && !(path === root && member.type === 'dir')) return ''
    if (path.length > prefix.length) hasChildren = true
  }
  return hasChildren ? prefix : ''
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
  const seen = new Set<string>()
  const copies = new CopyNumbers(once(() => new Set(bases)))
  return bases.map((base) => {
    if (seen.has(base)) return `${base}#${copies.next(base)}`
    seen.add(base)
    return base
  })
}

/** Whether the first component ends in `.dist-info` or `.data`: VERSIONED_WHEEL_DIR matches no other path, so most skip it. */
function mayBeWheelDir(key: string): boolean {
  const slash = key.indexOf('/')
  const end = slash < 0 ? key.length : slash
  return key.endsWith('.dist-info', end) || key.endsWith('.data', end)
}

/** Each member's path with `root` (its single root, or '') removed and a wheel directory's version dropped. */
function baseKeys(members: Member[], root: string): string[] {
  const keys: string[] = []
  for (const member of members) {
    let key = root && member.path.startsWith(root) ? member.path.slice(root.length) : root ? ROOT_KEY : member.path
    if (key === '') key = ROOT_KEY
    keys.push(mayBeWheelDir(key) ? key.replace(VERSIONED_WHEEL_DIR, '$1.$2$3') : key)
  }
  return keys
}

/** `make()`'s value, made on the first call only: the reserved keys are needed only once a name repeats. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null
  return () => (made ??= { value: make() }).value
}

/**
 * Keys unique by construction. The first copy of a base key keeps it; a later copy takes `base#N`, N the lowest
 * number above the previous copy's that is no base key in `reserved` (both sides' base keys, so a second `a` never
 * takes the key of a stored `a#2`, and the n-th copy on the left meets the n-th copy on the right). Two `base#N`
 * keys are equal only when base and N are (N has no `#`), and none equals a base key: no key is ever shared.
 * One side's copy numbers: `next` is asked for each later copy of a base, in archive order.
 */
class CopyNumbers {
  private readonly last = new Map<string, number>()

  constructor(private readonly reserved: () => ReadonlySet<string>) {}

  next(base: string): number {
    const taken = this.reserved()
    let copy = (this.last.get(base) ?? 1) + 1
    while (taken.has(`${base}#${copy}`)) copy++
    this.last.set(base, copy)
    return copy
  }
}

/** Both sides' base keys in one set. */
function unionOf(left: string[], right: string[]): Set<string> {
  const union = new Set(left)
  for (const base of right) union.add(base)
  return union
}

/**
 * Every member of both sides, paired by key, sorted by key. A copy's key is never a base key, so a base already
 * in `pairs` is a repeated name: the left side needs no other record of what it has seen, and on the right, a
 * base whose pair already has a right member is one.
 */
export function pairMembers(left: Member[], right: Member[]): MemberPair[] {
  const roots = strippedRoots(singleRoot(left), singleRoot(right))
  const leftBases = baseKeys(left, roots.left)
  const rightBases = pairWheelsAcrossVersions(leftBases, baseKeys(right, roots.right))
  const reserved = once(() => unionOf(leftBases, rightBases))
  const pairs = new Map<string, MemberPair>()
  const leftCopies = new CopyNumbers(reserved)
  for (let i = 0; i < left.length; i++) {
    const base = leftBases[i]
    const occurrence = pairs.has(base) ? leftCopies.next(base) : 1
    const key = occurrence === 1 ? base : `${base}#${occurrence}`
    pairs.set(key, { key, occurrence, left: left[i], right: null })
  }
  const rightCopies = new CopyNumbers(reserved)
  for (let i = 0; i < right.length; i++) {
    const base = rightBases[i]
    const first = pairs.get(base)
    const occurrence = first === undefined || first.right === null ? 1 : rightCopies.next(base)
    const key = occurrence === 1 ? base : `${base}#${occurrence}`
    const pair = occurrence === 1 ? first : pairs.get(key)
    if (pair) pair.right = right[i]
    else pairs.set(key, { key, occurrence, left: null, right: right[i] })
  }
  return [...pairs.values()].sort(byKey)
}

/** Keys are unique, so this is a total order (UTF-16 code units, as `<` compares). */
function byKey(a: MemberPair, b: MemberPair): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

/** A wheel file name (PEP 427): `{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl`, after its directory. */
const WHEEL_FILE = /^((?:[^/]*\/)*)([^/-]+)-[^/-]+(?:-[^/-]+)?-[^/-]+-[^/-]+-[^/-]+\.whl$/i

/** Whether a name ends in `.whl`, in any ASCII case (as WHEEL_FILE's `i` flag reads it): the only names it can match. */
function endsWithWhl(name: string): boolean {
  const at = name.length - 4
  return at >= 0 && name.charCodeAt(at) === 0x2e && asciiLower(name, at + 1) === 0x77 && asciiLower(name, at + 2) === 0x68 && asciiLower(name, at + 3) === 0x6c
}

/** The code unit at `i` with an ASCII capital made small (0x20 set: only `W` and `w` give `w`, and so on). */
function asciiLower(name: string, i: number): number {
  return name.charCodeAt(i) | 0x20
}

/** Member indexes of the wheels among `bases`, by directory and normalised distribution name. */
function wheelsOf(bases: string[]): Map<string, number[]> {
  const found = new Map<string, number[]>()
  for (let i = 0; i < bases.length; i++) {
    const match = endsWithWhl(bases[i]) ? WHEEL_FILE.exec(bases[i]) : null
    if (!match) continue
    const key = `${match[1]}${match[2].toLowerCase().replace(/[-_.]+/g, '_')}`
    const list = found.get(key)
    if (list) list.push(i)
    else found.set(key, [i])
  }
  return found
}

/**
 * Containers are paired across version renames: when a directory holds exactly one wheel of a distribution on
 * each side (`piplite-0.8.5-py3-none-any.whl`, `piplite-0.8.6-py3-none-any.whl`), the right one takes the left
 * one's key, so the two are compared (and opened) as one member. Two wheels of one distribution stay by name.
 * `rightBases` is renamed in place and returned.
 */
function pairWheelsAcrossVersions(leftBases: string[], rightBases: string[]): string[] {
  const rightWheels = wheelsOf(rightBases)
  if (rightWheels.size === 0) return rightBases
  const leftWheels = wheelsOf(leftBases)
  for (const [distribution, rights] of rightWheels) {
    const lefts = leftWheels.get(distribution)
    if (lefts?.length === 1 && rights.length === 1) rightBases[rights[0]] = leftBases[lefts[0]]
  }
  return rightBases
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
