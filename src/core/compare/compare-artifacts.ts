/**
 * Turns two readings into the report: member pairs with status and changed fields, archive-level
 * differences, and the verdict. Pure and synchronous: everything slow happened while reading.
 */
import type {
  ArchiveDifference, ArtifactReading, ArtifactSummary, MemberComparison, MemberStatus, Report, Verdict,
} from '../types'
import { REPORT_SCHEMA } from '../types'
import { compareMemberPair, reportPaths } from './compare-members'
import { movedMembers } from './member-order'
import { comparePackages } from './package'
import { nestedAnomalies, withNestedMembers, type LevelComparison } from './nested-members'
import { pairReadings, singleRoot, type MemberPair } from './pair-members'

/** `pairs`: the top level's pairs when the caller has them already (same-bytes.ts `planOpening`), so they are not made twice. */
export function compareReadings(left: ArtifactReading, right: ArtifactReading, pairs?: MemberPair[] | null): Report {
  const top = compareLevel(left, right, pairs ?? undefined)
  const archive = top.archive
  // Archives inside archives: their members are entries too, after their container (nested-members.ts).
  const members = left.nested || right.nested ? withNestedMembers(top, left, right, compareLevel, archive) : top.members
  const verdict = decideVerdict(left, right, members)
  noteUnattributedDifference(verdict, left, right, members, archive)
  return {
    schema: REPORT_SCHEMA,
    verdict,
    left: summarizeSide(left),
    right: summarizeSide(right),
    archive,
    members,
    counts: countStatuses(members),
    package: comparePackages(left, right),
    findings: [],
    summary: '',
  }
}

/** One level's members: paired, compared, renames linked (the same rules at every nesting level). */
function compareLevel(left: ArtifactReading, right: ArtifactReading, pairs = pairReadings(left, right)): LevelComparison {
  const moved = movedMembers(pairs)
  const roots = { left: singleRoot(left.members), right: singleRoot(right.members) }
  const paths = reportPaths(pairs)
  const members: MemberComparison[] = []
  for (let i = 0; i < pairs.length; i++) members.push(compareMemberPair(pairs[i], moved.has(pairs[i].key), roots, paths[i]))
  linkRenames(pairs, members)
  const archive = compareArchiveFields(left, right)
  if (moved.size > 0) {
    const shared = pairs.filter((pair) => pair.left && pair.right).length
    archive.push({ field: 'order', left: `${shared} shared members`, right: `${moved.size} of them in another position` })
  }
  return { pairs, members, archive }
}

/** One side's identity in a report (also a source trace's, src/core/trace/trace-report.ts). */
export function summarizeSide(reading: ArtifactReading): ArtifactSummary {
  const summary: ArtifactSummary = {
    name: reading.name, size: reading.size, sha256: reading.sha256, format: reading.format, memberCount: reading.members.length,
    // Nested archives' structural oddities are the artefact's too (archive-structure names them with their container).
    anomalies: reading.nested ? (reading.anomalies ?? []).concat(nestedAnomalies(reading)) : reading.anomalies ?? [],
  }
  if (reading.error) summary.error = reading.error
  if (reading.readings) summary.readings = reading.readings
  if (reading.readingChoice) summary.readingChoice = reading.readingChoice
  return summary
}

/** Container fields (gzip header, zip end record, tar format) that differ; the format itself first. */
export function compareArchiveFields(left: ArtifactReading, right: ArtifactReading): ArchiveDifference[] {
  const differences: ArchiveDifference[] = []
  // A side that could not even be recognised has no container fields; listing all of the other's would be noise.
  if (left.format === null || right.format === null) return differences
  if (left.format !== right.format) differences.push({ field: 'format', left: left.format, right: right.format })
  const fields = new Set([...Object.keys(left.fields), ...Object.keys(right.fields)])
  for (const field of fields) {
    const a = left.fields[field] ?? null
    const b = right.fields[field] ?? null
    if (a !== b) differences.push({ field, left: a, right: b })
  }
  return differences
}

/**
 * identical: the artefacts' bytes are equal, which settles it before anything read from them (two copies of
 * one unsupported, encrypted or truncated file are identical). error: a side could not be read completely, so
 * no other claim would be honest. metadata-only: every member was read and has the same content on both
 * sides (packaging differs); a member whose bytes were not read rules it out. content-differs: anything else.
 */
export function decideVerdict(left: ArtifactReading, right: ArtifactReading, members: MemberComparison[]): Verdict {
  if (left.sha256 !== null && left.sha256 === right.sha256) return 'identical'
  if (left.error || right.error) return 'error'
  if (members.some((member) => member.unread)) return 'content-differs'
  const allSame = members.every((member) => member.status === 'identical' || member.status === 'metadata')
  return allSame ? 'metadata-only' : 'content-differs'
}

/**
 * The last guard against a difference nobody can see: the files differ, yet every member is identical and no
 * archive field differs. Whatever the readers missed, the report then shows the whole-file hashes as an
 * archive difference (`file.sha256`), so "same contents" always comes with the place where the bytes differ.
 */
function noteUnattributedDifference(verdict: Verdict, left: ArtifactReading, right: ArtifactReading, members: MemberComparison[], archive: ArchiveDifference[]): void {
  if (verdict !== 'metadata-only' || archive.length > 0 || members.some((member) => member.status !== 'identical')) return
  archive.push({ field: 'file.sha256', left: left.sha256, right: right.sha256 })
}

/** SHA-256 of zero bytes: every empty file has it, so it says nothing about where a member went. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/**
 * Links a left-only member to a right-only one (`renamedTo`, `renamedFrom`) when a non-empty SHA-256 occurs on
 * exactly one left-only and one right-only member; then, among the others, when exactly one left-only and one
 * right-only pairing key are the same string in Unicode NFC (an sdist made on macOS stores NFD names). Statuses
 * stay left-only and right-only: a renamed module changes what is installed.
 */
function linkRenames(pairs: MemberPair[], members: MemberComparison[]): void {
  const oneSided: number[] = []
  for (let i = 0; i < members.length; i++) if (members[i].status === 'left-only' || members[i].status === 'right-only') oneSided.push(i)
  if (oneSided.length === 0) return
  const bySha = groupOneSided(members, oneSided, (member) => {
    const side = member.left ?? member.right!
    return side.unread || side.sha256 === null || side.sha256 === EMPTY_SHA256 ? null : side.sha256
  })
  for (const [left, right] of bySha) link(members[left], members[right])
  const unlinked = oneSided.filter((i) => !members[i].renamedTo && !members[i].renamedFrom)
  for (const [left, right] of groupOneSided(members, unlinked, (_, i) => pairs[i].key.normalize('NFC'))) link(members[left], members[right])
}

/** [left, right] indices of the groups (by `keyOf`, null for none) that hold exactly one left-only and one right-only member. */
function groupOneSided(members: MemberComparison[], indices: number[], keyOf: (member: MemberComparison, i: number) => string | null): [number, number][] {
  const groups = new Map<string, { left: number[]; right: number[] }>()
  for (const i of indices) {
    const key = keyOf(members[i], i)
    if (key === null) continue
    const group = groups.get(key) ?? { left: [], right: [] }
    group[members[i].status === 'left-only' ? 'left' : 'right'].push(i)
    groups.set(key, group)
  }
  return [...groups.values()].filter((g) => g.left.length === 1 && g.right.length === 1).map((g) => [g.left[0], g.right[0]])
}

function link(left: MemberComparison, right: MemberComparison): void {
  left.renamedTo = right.path
  right.renamedFrom = left.path
}

function countStatuses(members: MemberComparison[]): Record<MemberStatus, number> {
  const counts: Record<MemberStatus, number> = { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }
  for (const member of members) counts[member.status]++
  return counts
}
