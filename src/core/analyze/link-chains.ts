/**
 * Extraction of one side simulated in archive order, to find members that leave the target directory
 * only once earlier links are in place (`a → .` then `a/b → ..`), and members written through a symlink
 * member. The reference is Python's tarfile `data` filter (PEP 706, Python 3.11.4+): a member is refused
 * when realpath(dest/name) leaves dest, when a link target is absolute, or when realpath of the target
 * (a symlink's from its own directory, a hard link's from dest) leaves dest. realpath sees the links
 * extracted before, so this keeps a tree of the symlinks written so far and resolves every path through
 * it, component by component like realpath, with an explicit stack (never recursion) and at most
 * MAX_LINK_EXPANSIONS link expansions per path (Linux follows at most 40 symlinks in one lookup and fails
 * with ELOOP beyond; Python's realpath has no such bound, so here this is stricter than the filter).
 * Beyond the filter, which judges for POSIX, a link target with a drive letter or a backslash also counts
 * as leaving (a Windows extractor reads it as a path); and a hard link to a symlink member becomes a copy
 * of that symlink (GNU tar's link(2) does not follow it; Python 3.11.7's tarfile, failing to hard-link a
 * directory, extracts the symlink member itself in its place), so its target is judged again from its new
 * directory: `d/s → ..` then the hard link `h` to `d/s` leaves `h → ..` at the top, which the filter allows.
 * Not modelled: directories that a later symlink cannot replace (the extractor would fail on them).
 */
import type { MemberType } from '../types'

const MAX_LINK_EXPANSIONS = 40

export interface ExtractEntry {
  index: number
  path: string
  type: MemberType
  linkTarget?: string
}

export type LinkProblem = 'writes-outside' | 'points-outside' | 'link-loop' | 'through-link'

export interface LinkFinding {
  index: number
  path: string
  problem: LinkProblem
  target?: string
  /** The symlinks the path (or the link target) was resolved through, as `link → target`. */
  chain: string[]
}

/** A directory-tree node; only nodes on the way to a symlink are created. */
interface TreeNode {
  children: Map<string, TreeNode>
  link?: string
  /** The link's path as the archive names it, for the evidence. */
  linkPath?: string
  /**
   * A symlink a filtering extractor refuses (it leaves): `path → target`. Such an extractor writes what comes
   * below it into a real directory, but one without the filter (GNU tar before 1.16, tarfile without
   * `filter`) writes through it, so a member below it is flagged as written through a link.
   */
  refusedLink?: string
}

/** Where a walk stands: the resolved names from the root and their nodes (null below anything known). */
interface WalkState {
  names: string[]
  nodes: (TreeNode | null)[]
  chain: string[]
  outside: boolean
  loop: boolean
  /** The path runs through a refused symlink (see TreeNode.refusedLink). */
  throughRefused: boolean
}

const newNode = (): TreeNode => ({ children: new Map() })

function startState(root: TreeNode): WalkState {
  return { names: [], nodes: [root], chain: [], outside: false, loop: false, throughRefused: false }
}

function copyState(state: WalkState): WalkState {
  return { ...state, names: state.names.slice(), nodes: state.nodes.slice(), chain: state.chain.slice() }
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.')
}

/** A target that leaves whatever the tree holds: absolute, or a Windows drive letter or backslash. */
function isAbsoluteTarget(target: string): boolean {
  return target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\\')
}

/**
 * Walks `parts` from `state` as realpath does: `..` climbs (above the root is outside), a known symlink is
 * replaced by its target (resolved from the link's directory), the last part only when `resolveLast`.
 */
function walk(state: WalkState, parts: string[], resolveLast: boolean): WalkState {
  const pending = parts.slice().reverse()
  let expansions = 0
  while (pending.length > 0 && !state.outside && !state.loop) {
    const part = pending.pop()!
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (state.names.length === 0) state.outside = true
      else (state.names.pop(), state.nodes.pop())
      continue
    }
    const node = state.nodes[state.nodes.length - 1]?.children.get(part) ?? null
    if (node?.link === undefined || (pending.length === 0 && !resolveLast)) {
      if (node?.refusedLink !== undefined) {
        state.chain.push(`${node.refusedLink} (refused by a filtering extractor, written through by others)`)
        state.throughRefused = true
      }
      state.names.push(part)
      state.nodes.push(node)
      continue
    }
    if (++expansions > MAX_LINK_EXPANSIONS) state.loop = true
    state.chain.push(`${node.linkPath} → ${node.link}`)
    if (isAbsoluteTarget(node.link)) state.outside = true
    else for (const targetPart of splitPath(node.link).reverse()) pending.push(targetPart)
  }
  return state
}

function nodeAt(root: TreeNode, names: string[], create: boolean): TreeNode | null {
  let node = root
  for (const name of names) {
    let child = node.children.get(name)
    if (!child) {
      if (!create) return null
      child = newNode()
      node.children.set(name, child)
    }
    node = child
  }
  return node
}

/** Resolves a link target: a symlink's from its (resolved) directory, a hard link's from the root. */
function resolveTarget(root: TreeNode, parent: WalkState, type: 'symlink' | 'hardlink', target: string): WalkState {
  if (isAbsoluteTarget(target)) return { ...startState(root), outside: true }
  // A symlink's chain starts with the links its own directory was reached through.
  const base = type === 'symlink' ? copyState(parent) : startState(root)
  return walk(base, splitPath(target), true)
}

/** The symlink a hard link copies: the target member's own entry when it is a symlink (link(2) keeps it). */
function symlinkCopiedBy(root: TreeNode, target: string): string | undefined {
  const parts = splitPath(target)
  const last = parts.pop()
  if (last === undefined || last === '..' || isAbsoluteTarget(target)) return undefined
  const parent = walk(startState(root), parts, true)
  return parent.outside || parent.loop ? undefined : nodeAt(root, parent.names, false)?.children.get(last)?.link
}

interface MemberOutcome {
  problem: LinkProblem | null
  chain: string[]
  /** The symlink to record at the member's place once written, or null to clear one. */
  place?: { names: string[]; link: string | null }
  /** A symlink that leaves: not written by a filtering extractor, but remembered for what goes through it. */
  refused?: { names: string[]; refusedLink: string }
}

function judgeMember(root: TreeNode, entry: ExtractEntry): MemberOutcome {
  const parts = splitPath(entry.path)
  const last = parts.pop()
  const parent = walk(startState(root), parts, true)
  const own = last === undefined ? parent : walk(copyState(parent), [last], true)
  if (own.loop) return { problem: 'link-loop', chain: own.chain }
  if (own.outside) return { problem: 'writes-outside', chain: own.chain }
  const isLink = entry.type === 'symlink' || entry.type === 'hardlink'
  if (isLink && entry.linkTarget !== undefined) {
    const type = entry.type as 'symlink' | 'hardlink'
    const copied = type === 'hardlink' ? symlinkCopiedBy(root, entry.linkTarget) : undefined
    const target = resolveTarget(root, parent, type, entry.linkTarget)
    const again = copied === undefined ? null : resolveTarget(root, parent, 'symlink', copied)
    if (again) again.chain.unshift(`${entry.linkTarget} → ${copied}`)
    const judged = again && (again.outside || again.loop) ? again : target
    const refused = last === undefined || last === '..' || type !== 'symlink' ? undefined : { names: [...parent.names, last], refusedLink: `${entry.path} → ${entry.linkTarget}` }
    if (judged.loop) return { problem: 'link-loop', chain: judged.chain, refused }
    if (judged.outside) return { problem: 'points-outside', chain: judged.chain, refused }
    const link = type === 'symlink' ? entry.linkTarget : (copied ?? null)
    const place = last === undefined || last === '..' ? undefined : { names: [...parent.names, last], link }
    return { problem: parent.chain.length ? 'through-link' : null, chain: parent.chain, place }
  }
  return { problem: own.chain.length || own.throughRefused ? 'through-link' : null, chain: own.chain }
}

/**
 * True when judging the entry could find nothing and change nothing: it is no link, its path has no `..`, and
 * no symlink (written or refused) lies on its way. Without `..` the walk only goes down, and it only meets
 * links through nodes on the way to one; past the last node it meets none. Most members stop here, without
 * the arrays and states a full walk takes.
 */
function isPlainWrite(root: TreeNode, entry: ExtractEntry): boolean {
  if ((entry.type === 'symlink' || entry.type === 'hardlink') && entry.linkTarget !== undefined) return false
  const path = entry.path
  if (path.includes('..')) return false
  let node: TreeNode | undefined = root
  let start = 0
  while (node !== undefined && node.children.size > 0 && start <= path.length) {
    let end = path.indexOf('/', start)
    if (end === -1) end = path.length
    if (end > start && !(end === start + 1 && path.charCodeAt(start) === 0x2e)) {
      node = node.children.get(path.slice(start, end))
      if (node !== undefined && (node.link !== undefined || node.refusedLink !== undefined)) return false
    }
    start = end + 1
  }
  return true
}

/**
 * Every member that leaves the target directory or is written through a symlink member, in archive
 * order. A symlink that leaves is not written by a filtering extractor, so it resolves nothing later; but a
 * member below it is still written through a symlink member by other extractors, and flagged so.
 */
export function simulateExtraction(entries: ExtractEntry[]): LinkFinding[] {
  const root = newNode()
  const findings: LinkFinding[] = []
  const ordered = entries.slice().sort((a, b) => a.index - b.index)
  for (const entry of ordered) {
    if (isPlainWrite(root, entry)) continue
    const outcome = judgeMember(root, entry)
    if (outcome.problem) {
      findings.push({ index: entry.index, path: entry.path, problem: outcome.problem, chain: outcome.chain, ...(entry.linkTarget !== undefined ? { target: entry.linkTarget } : {}) })
    }
    if (outcome.refused) nodeAt(root, outcome.refused.names, true)!.refusedLink = outcome.refused.refusedLink
    if (!outcome.place) continue
    const { names, link } = outcome.place
    if (link === null) {
      const node = nodeAt(root, names, false)
      if (node) delete node.link
      if (node) delete node.refusedLink
    } else {
      const node = nodeAt(root, names, true)!
      node.link = link
      node.linkPath = entry.path
      delete node.refusedLink
    }
  }
  return findings
}
