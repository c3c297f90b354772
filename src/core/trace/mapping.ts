/**
 * Where each wheel member would come from in the sdist. A wheel's root is the installed site-packages (PEP 427),
 * so a module `pkg/a.py` comes from the sdist path its layout maps `pkg/` to: a directory the configuration names
 * (config.ts), else the src/ layout (`src/pkg/a.py`), else the flat layout (`pkg/a.py`). `{name}.data/purelib|platlib/`
 * maps like the root; `scripts/`, `headers/` and `data/` install anywhere (setuptools `scripts`, `data_files`), so
 * they are found by the longest path suffix they share with an sdist file. Namespace packages need nothing more:
 * paths are mapped, not packages.
 */
import { singleRoot } from '../compare/pair-members'
import type { ArtifactReading, Member } from '../types'
import type { LayoutRoot } from './config'

export interface SourceIndex {
  /** The sdist's single root directory (`pkg-1.0/`), or ''. */
  root: string
  /** Regular files by full path. */
  files: Map<string, Member>
  /** Regular files by base name, for the data and scripts directories. */
  byBaseName: Map<string, Member[]>
}

export interface MappedSource {
  member: Member
  /** The mapping entry (directory prefixes, sdist path in full) that led there. */
  mapping: { source: string; wheel: string }
  /** Why that mapping: the configuration entry or the layout it follows. */
  origin: string
}

const MAX_SUFFIX_CANDIDATES = 64
const DATA_DIRECTORY = /^([^/]+\.data)\/(purelib|platlib|scripts|headers|data)\/(.+)$/
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1)
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1)

export function indexSource(sdist: ArtifactReading): SourceIndex {
  const root = singleRoot(sdist.members)
  const files = new Map<string, Member>()
  const byBaseName = new Map<string, Member[]>()
  for (const member of sdist.members) {
    if (member.type !== 'file' || files.has(member.path)) continue
    files.set(member.path, member)
    const list = byBaseName.get(baseName(member.path))
    if (list) list.push(member)
    else byBaseName.set(baseName(member.path), [member])
  }
  return { root, files, byBaseName }
}

/** The roots tried, longest wheel prefix first, then in the configuration's order; the src/ and flat layouts last. */
export function orderedRoots(configured: LayoutRoot[]): LayoutRoot[] {
  const all = configured.concat([
    { source: 'src/', wheel: '', origin: 'the src/ layout' },
    { source: '', wheel: '', origin: 'the flat layout' },
  ])
  return all.map((root, order) => ({ root, order })).sort((a, b) => b.root.wheel.length - a.root.wheel.length || a.order - b.order).map((entry) => entry.root)
}

/** The sdist file a wheel path (outside `.dist-info`) maps to, or null when no mapped path exists. */
export function mapWheelPath(path: string, sha256: string | null, index: SourceIndex, roots: LayoutRoot[]): MappedSource | null {
  const data = DATA_DIRECTORY.exec(path)
  if (!data) return mapRootPath(path, '', index, roots)
  if (data[2] === 'purelib' || data[2] === 'platlib') return mapRootPath(data[3], `${data[1]}/${data[2]}/`, index, roots)
  return bySuffix(`${data[1]}/${data[2]}/`, data[3], sha256, index)
}

/** A path relative to site-packages, through the first root under which the mapped sdist file exists. */
function mapRootPath(path: string, wheelPrefix: string, index: SourceIndex, roots: LayoutRoot[]): MappedSource | null {
  for (const root of roots) {
    if (!path.startsWith(root.wheel)) continue
    const rest = path.slice(root.wheel.length)
    const member = index.files.get(`${index.root}${root.source}${rest}`)
    if (!member) continue
    // Shown per top-level directory (`pkg-1.0/src/pkg/` → `pkg/`), the form the report's `mapping` uses.
    const slash = rest.indexOf('/')
    const top = slash < 0 ? '' : rest.slice(0, slash + 1)
    return { member, mapping: { source: `${index.root}${root.source}${top}`, wheel: `${wheelPrefix}${root.wheel}${top}` }, origin: root.origin }
  }
  return null
}

/**
 * Scripts, headers and data files: the sdist file sharing the longest path suffix with `rest` (at least the base
 * name). Among files sharing that suffix, one with the same bytes is preferred; else the first in archive order,
 * when it shares more than its base name or is the only file of that name.
 */
function bySuffix(wheelPrefix: string, rest: string, sha256: string | null, index: SourceIndex): MappedSource | null {
  const exact = index.files.get(`${index.root}${rest}`)
  if (exact && (sha256 === null || exact.sha256 === sha256)) return { member: exact, mapping: { source: parentOf(exact.path), wheel: `${wheelPrefix}${parentOf(rest)}` }, origin: `the file installed as ${wheelPrefix}${rest}, found by its path` }
  // At most this many files of one base name are compared, so thousands of `__init__.py` on both sides stay linear.
  const all = index.byBaseName.get(baseName(rest))
  if (!all) return null
  const candidates = all.length > MAX_SUFFIX_CANDIDATES ? all.slice(0, MAX_SUFFIX_CANDIDATES) : all
  let best: Member[] = []
  let bestLength = 0
  for (const candidate of candidates) {
    const length = sharedSuffix(candidate.path.slice(index.root.length), rest)
    if (length > bestLength) { best = [candidate]; bestLength = length }
    else if (length === bestLength) best.push(candidate)
  }
  if (best.length === 0) return null
  // Different bytes are paired (a diff to show) only with a file that is clearly the one: more than the base name in
  // common, or the only file of that name; otherwise the member has no counterpart.
  const member = best.find((candidate) => sha256 !== null && candidate.sha256 === sha256) ?? (bestLength > 1 || all.length === 1 ? best[0] : null)
  if (!member) return null
  const wheelDirectory = `${wheelPrefix}${parentOf(rest)}`
  return { member, mapping: { source: parentOf(member.path), wheel: wheelDirectory }, origin: `the file installed as ${wheelPrefix}${rest}, found by its path` }
}

/** How many trailing path components two relative paths share (compared in place: no arrays per candidate). */
function sharedSuffix(a: string, b: string): number {
  let n = 0
  let i = a.length
  let j = b.length
  for (;;) {
    const x = a.lastIndexOf('/', i - 1)
    const y = b.lastIndexOf('/', j - 1)
    if (i - x !== j - y || a.slice(x + 1, i) !== b.slice(y + 1, j)) return n
    n++
    if (x < 0 || y < 0) return n
    i = x
    j = y
  }
}
