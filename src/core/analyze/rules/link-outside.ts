/**
 * link-outside (security): members an extractor would write or point outside the target directory, and
 * members written through a symlink member. Each side's extraction is simulated in archive order
 * (link-chains.ts), so a chain counts once the earlier links are in place: `a → .` then `a/b → ..`
 * leaves the archive although `a/..` alone does not. Python's tarfile `data` filter (PEP 706) is the
 * reference. Targets are shown as text, never followed on disk.
 */
import type { MemberComparison, Side } from '../../types'
import { simulateExtraction, type ExtractEntry, type LinkFinding } from '../link-chains'
import { finding, listPaths, plural, type ExplanationRule } from '../rule'

const LEAVING = new Set(['writes-outside', 'points-outside', 'link-loop'])

/** One side's members in the form the simulation takes, keeping the report entry of each index. */
function sideEntries(members: MemberComparison[], side: Side): { entries: ExtractEntry[]; byIndex: Map<number, MemberComparison> } {
  const entries: ExtractEntry[] = []
  const byIndex = new Map<number, MemberComparison>()
  for (const member of members) {
    const own = member[side]
    const path = side === 'left' ? member.leftPath : member.rightPath
    // One extraction per archive: members inside nested archives (indexes of their own) are not mixed in.
    if (!own || path === null || member.container !== undefined) continue
    entries.push({ index: own.index, path, type: own.type, ...(own.linkTarget !== undefined ? { linkTarget: own.linkTarget } : {}) })
    byIndex.set(own.index, member)
  }
  return { entries, byIndex }
}

function describe(found: LinkFinding): string {
  const through = found.chain.length ? ` through ${found.chain.join(', ')}` : ''
  if (found.problem === 'points-outside') return `${found.path} → ${found.target}${through ? ` (${through.trim()})` : ''}`
  if (found.problem === 'writes-outside') return `${found.path} (written outside${through})`
  if (found.problem === 'link-loop') return `${found.path} (more than 40 links on the way, a loop: an extractor stops with ELOOP${through})`
  return `${found.path} (${through.trim()})`
}

function titleFor(side: Side, leaving: LinkFinding[], through: LinkFinding[]): string {
  const parts: string[] = []
  const plainLinks = leaving.every((f) => f.problem === 'points-outside' && f.chain.length === 0)
  if (leaving.length && plainLinks) {
    parts.push(`${leaving.length === 1 ? 'a link points' : `${leaving.length} links point`} outside the archive: ${listPaths(leaving.map(describe), 2)}`)
  } else if (leaving.length) {
    const once = leaving.some((f) => f.chain.length > 0) ? ' once earlier links are in place' : ''
    parts.push(`${plural(leaving.length, 'member')} ${leaving.length === 1 ? 'leaves' : 'leave'} the target directory${once}: ${listPaths(leaving.map(describe), 2)}`)
  }
  if (through.length) parts.push(`${plural(through.length, 'member')} ${through.length === 1 ? 'is' : 'are'} written through a symlink member: ${listPaths(through.map(describe), 2)}`)
  return `In the ${side} archive, ${parts.join('; ')}`
}

function sideFinding(members: MemberComparison[], side: Side) {
  const { entries, byIndex } = sideEntries(members, side)
  const found = simulateExtraction(entries)
  if (found.length === 0) return []
  const leaving = found.filter((f) => LEAVING.has(f.problem))
  const through = found.filter((f) => f.problem === 'through-link')
  const evidenceOf = (f: LinkFinding) => ({ ...f, offset: byIndex.get(f.index)?.[side]?.offset })
  return [finding({
    cause: 'link-outside',
    severity: 'security',
    title: titleFor(side, leaving, through),
    members: [...new Set(found.map((f) => byIndex.get(f.index)!.path))],
    evidence: {
      side,
      links: leaving.filter((f) => f.target !== undefined).map((f) => ({ path: f.path, target: f.target })),
      leaving: leaving.map(evidenceOf),
      throughLinks: through.map(evidenceOf),
    },
    remedy: leaving.length
      ? "Do not extract with a tool that follows links (Python's tarfile with filter='data' refuses these members). Packages have no reason to link outside themselves."
      : 'Members stored under a symlink member overwrite whatever the link points at; no archiver writes such members from a real tree. Find out what produced them.',
  })]
}

export const linkOutsideRule: ExplanationRule = {
  cause: 'link-outside',
  security: true,
  description: 'Members written or linking outside the target directory (link chains included), and members written through a symlink member.',
  explain: ({ report }) => (['left', 'right'] as Side[]).flatMap((side) => sideFinding(report.members, side)),
}
