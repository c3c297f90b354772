/**
 * link-outside (security): members an extractor would write or point outside the target directory, and
 * members written through a symlink member. Each side's extraction is simulated in archive order
 * (link-chains.ts), so a chain counts once the earlier links are in place: `a → .` then `a/b → ..`
 * leaves the archive although `a/..` alone does not. Python's tarfile `data` filter (PEP 706) is the
 * reference. Targets are shown as text, never followed on disk.
 */
import type { MemberComparison, MemberSideReport, Side } from '../../types'
import { simulateExtraction, type ExtractEntry, type LinkFinding } from '../link-chains'
import { finding, listPaths, plural, type ExplanationRule } from '../rule'

const LEAVING = new Set(['writes-outside', 'points-outside', 'link-loop'])
const SIDES: Side[] = ['left', 'right']

/** One extraction per archive: members inside nested archives (indexes of their own) are not mixed in. */
function extracted(member: MemberComparison, side: Side): MemberSideReport | null {
  const own = side === 'left' ? member.left : member.right
  return own && (side === 'left' ? member.leftPath : member.rightPath) !== null && member.container === undefined ? own : null
}

const isLink = (own: MemberSideReport) => (own.type === 'symlink' || own.type === 'hardlink') && own.linkTarget !== undefined

function entryOf(own: MemberSideReport, path: string): ExtractEntry {
  const entry: ExtractEntry = { index: own.index, path, type: own.type }
  if (own.linkTarget !== undefined) entry.linkTarget = own.linkTarget
  return entry
}

/** Every extracted member of one side in the form the simulation takes. */
function allEntries(members: MemberComparison[], side: Side): ExtractEntry[] {
  const entries: ExtractEntry[] = []
  for (const member of members) {
    const own = extracted(member, side)
    if (own) entries.push(entryOf(own, (side === 'left' ? member.leftPath : member.rightPath)!))
  }
  return entries
}

/**
 * Each side's members in the form the simulation takes. Without a link on a side nothing can lead through one,
 * so only its names with `..` can leave and only they are simulated (link-chains.ts `isPlainWrite` would skip the
 * others one by one, each made into an entry first). The first pass reads both sides at once, since reading a
 * member's fields is most of this rule's time.
 */
function sideEntries(members: MemberComparison[]): Record<Side, ExtractEntry[]> {
  const climbing: Record<Side, ExtractEntry[]> = { left: [], right: [] }
  const hasLinks: Record<Side, boolean> = { left: false, right: false }
  for (const member of members) {
    for (const side of SIDES) {
      const own = side === 'left' ? member.left : member.right
      const path = side === 'left' ? member.leftPath : member.rightPath
      if (!own || path === null) continue
      const link = isLink(own)
      const climbs = path.includes('..')
      // Asked last: almost no member is a link or climbs, and a field a member lacks is the slowest to ask for.
      if (!(link || climbs) || member.container !== undefined) continue
      if (link) hasLinks[side] = true
      if (climbs) climbing[side].push(entryOf(own, path))
    }
  }
  return { left: hasLinks.left ? allEntries(members, 'left') : climbing.left, right: hasLinks.right ? allEntries(members, 'right') : climbing.right }
}

/** The report entry of each extracted index, built only when the simulation found something. */
function membersByIndex(members: MemberComparison[], side: Side): Map<number, MemberComparison> {
  const byIndex = new Map<number, MemberComparison>()
  for (const member of members) {
    const own = extracted(member, side)
    if (own) byIndex.set(own.index, member)
  }
  return byIndex
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

function sideFinding(members: MemberComparison[], side: Side, entries: ExtractEntry[]) {
  const found = simulateExtraction(entries)
  if (found.length === 0) return []
  const byIndex = membersByIndex(members, side)
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
  explain({ report }) {
    const entries = sideEntries(report.members)
    return SIDES.flatMap((side) => sideFinding(report.members, side, entries[side]))
  },
}
