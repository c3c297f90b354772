/**
 * Turns two readings into the report: member pairs with status and changed fields, archive-level
 * differences, and the verdict. Pure and synchronous: everything slow happened while reading.
 */
import type {
  ArchiveDifference, ArtifactReading, ArtifactSummary, MemberComparison, MemberStatus, Report, Verdict,
} from '../types'
import { REPORT_SCHEMA } from '../types'
import { compareMemberPair } from './compare-members'
import { movedMembers } from './member-order'
import { comparePackages } from './package'
import { pairMembers, singleRoot } from './pair-members'

export function compareReadings(left: ArtifactReading, right: ArtifactReading): Report {
  const pairs = pairMembers(left.members, right.members)
  const moved = movedMembers(pairs)
  const roots = { left: singleRoot(left.members), right: singleRoot(right.members) }
  const members = pairs.map((pair) => compareMemberPair(pair, moved.has(pair.key), roots))
  const archive = compareArchiveFields(left, right)
  if (moved.size > 0) {
    const shared = pairs.filter((pair) => pair.left && pair.right).length
    archive.push({ field: 'order', left: `${shared} shared members`, right: `${moved.size} of them in another position` })
  }
  return {
    schema: REPORT_SCHEMA,
    verdict: decideVerdict(left, right, members),
    left: summarize(left),
    right: summarize(right),
    archive,
    members,
    counts: countStatuses(members),
    package: comparePackages(left, right),
    findings: [],
    summary: '',
  }
}

function summarize(reading: ArtifactReading): ArtifactSummary {
  const summary: ArtifactSummary = {
    name: reading.name, size: reading.size, sha256: reading.sha256, format: reading.format, memberCount: reading.members.length,
    anomalies: reading.anomalies ?? [],
  }
  if (reading.error) summary.error = reading.error
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
 * identical: the artefacts' bytes are equal. metadata-only: every member has the same content on both
 * sides (packaging differs). content-differs: anything else. error: a side could not be read completely,
 * so no claim about it would be honest.
 */
export function decideVerdict(left: ArtifactReading, right: ArtifactReading, members: MemberComparison[]): Verdict {
  if (left.error || right.error) return 'error'
  if (left.sha256 !== null && left.sha256 === right.sha256) return 'identical'
  const allSame = members.every((member) => member.status === 'identical' || member.status === 'metadata')
  return allSame ? 'metadata-only' : 'content-differs'
}

function countStatuses(members: MemberComparison[]): Record<MemberStatus, number> {
  const counts: Record<MemberStatus, number> = { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }
  for (const member of members) counts[member.status]++
  return counts
}
