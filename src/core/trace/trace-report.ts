/**
 * The trace report (docs/report-format.md "Source trace"): `left` is the sdist, `right` the wheel; each wheel member
 * is paired with the sdist file the layout maps it to and carries `trace`; sdist files no wheel member comes from
 * follow as left-only members. `verdict` keeps its byte meaning; `trace.verdict` says whether every wheel member
 * is explained by the source. Pure and synchronous, like compareReadings.
 */
import { decideVerdict, summarizeSide } from '../compare/compare-artifacts'
import { compareMemberPair, reportPaths } from '../compare/compare-members'
import { comparePackages } from '../compare/package'
import type { MemberPair } from '../compare/pair-members'
import { fieldValues } from '../python/core-metadata'
import { REPORT_SCHEMA, type ArtifactReading, type Member, MemberComparison, type MemberStatus, type MemberTrace, type Report, type TraceStatus, type TraceSummary } from '../types'
import { classifyMember } from './classify'
import { readLayout, type SourceLayout } from './config'
import { retainedText, type TraceContext } from './context'
import { indexSource, orderedRoots, type SourceIndex } from './mapping'
import { checkMetadata } from './metadata-check'
import { verdictLine } from './verdict-line'

const TRACE_STATUSES: TraceStatus[] = ['from-source', 'differs-from-source', 'generated', 'compiled', 'untraceable']

export function traceReadings(sdist: ArtifactReading, wheel: ArtifactReading): Report {
  const index = indexSource(sdist)
  const notes: string[] = []
  const layout = readSourceLayout(sdist, index, notes)
  const context: TraceContext = { sdist, wheel, index, layout, roots: orderedRoots(layout.roots), version: null }
  const check = checkMetadata(context)
  context.version = check.metadata ? fieldValues(check.metadata, 'Version')[0] ?? null : null
  if (!check.metadata) notes.push('the wheel has no readable .dist-info/METADATA: its metadata was not checked against the source')
  const traced = wheel.members.map((member) => ({ member, ...classifyMember(member, context, check.differences) }))
  const mapping = usedMapping(traced, notes)
  const members = pairedMembers(traced, sdist, index)
  const files = traced.filter((entry) => entry.member.type !== 'dir').map((entry) => entry.trace)
  const counts = countTraces(files)
  const error = sdist.error ?? wheel.error
  const verdict: TraceSummary['verdict'] = error ? 'error' : counts.untraceable + counts['differs-from-source'] > 0 ? 'untraceable-content' : 'traced'
  const reason = error ? `${sdist.error ? 'the sdist' : 'the wheel'} could not be read completely: ${error.message}` : undefined
  const packages = comparePackages(sdist, wheel)
  return {
    schema: REPORT_SCHEMA,
    mode: 'trace',
    verdict: decideVerdict(sdist, wheel, members),
    left: summarizeSide(sdist),
    right: summarizeSide(wheel),
    // Container fields of a tar and a zip say nothing about where the wheel's files come from.
    archive: [],
    members,
    counts: countStatuses(members),
    package: packages && { left: packages.left, right: packages.right, fields: check.differences },
    trace: { verdict, counts, mapping, line: verdictLine(verdict, counts, files, reason), notes: layout.notes.concat(notes) },
    findings: [],
    summary: '',
  }
}

function readSourceLayout(sdist: ArtifactReading, index: SourceIndex, notes: string[]): SourceLayout {
  const text = (name: string): string | undefined => {
    const member = index.files.get(`${index.root}${name}`)
    if (!member) return undefined
    const found = retainedText(sdist, member)
    if (found === null) notes.push(`${member.path} was not kept while reading (too large or unread): its configuration is not used`)
    return found ?? undefined
  }
  return readLayout({ pyproject: text('pyproject.toml'), setupCfg: text('setup.cfg') })
}

interface TracedMember {
  member: Member
  trace: MemberTrace
  mapped: { mapping: { source: string; wheel: string }; origin: string } | null
}

/** The mapping entries that found a source file, once each, and a note of where each came from. */
function usedMapping(traced: TracedMember[], notes: string[]): TraceSummary['mapping'] {
  const used = new Map<string, { source: string; wheel: string; origin: string }>()
  for (const { mapped } of traced) {
    if (!mapped) continue
    const key = `${mapped.mapping.source}\0${mapped.mapping.wheel}`
    if (!used.has(key)) used.set(key, { ...mapped.mapping, origin: mapped.origin })
  }
  const entries = [...used.values()].sort((a, b) => (a.wheel < b.wheel ? -1 : a.wheel > b.wheel ? 1 : a.source < b.source ? -1 : 1))
  for (const entry of entries) notes.push(`mapping ${entry.wheel || '(wheel root)'} ← ${entry.source || '(sdist root)'} follows ${entry.origin}`)
  return entries.map(({ source, wheel }) => ({ source, wheel }))
}

/** Wheel members paired with their source file (in wheel order), then the sdist files no wheel member came from. */
function pairedMembers(traced: TracedMember[], sdist: ArtifactReading, index: SourceIndex): MemberComparison[] {
  const usedSources = new Set<string>()
  const pairs: MemberPair[] = traced.map(({ member, trace }, i) => {
    const source = trace.source !== undefined ? index.files.get(trace.source) ?? null : null
    if (source) usedSources.add(source.path)
    return { key: `wheel:${i}`, left: source, right: member, occurrence: 1 }
  })
  const sdistOnly: MemberPair[] = sdist.members
    .filter((member) => !usedSources.has(member.path) && !(member.type === 'dir'))
    .map((member, i) => ({ key: `sdist:${i}`, left: member, right: null, occurrence: 1 }))
  // Report paths: the wheel path for wheel members (their left is the source), unique across both lists.
  const paths = reportPaths(pairs.map((pair): MemberPair => ({ ...pair, left: null })).concat(sdistOnly))
  const roots = { left: index.root, right: '' }
  return pairs.concat(sdistOnly).map((pair, i) => {
    const comparison = compareMemberPair(pair, false, roots, paths[i])
    if (i < traced.length) comparison.trace = traced[i].trace
    return pair.left && pair.right ? contentOnly(comparison) : comparison
  })
}

/**
 * A tar member of the sdist against a zip member of the wheel: their header fields are different formats' (mtime
 * resolution, uid, zip attributes) and say nothing about where the bytes come from, so only the content is compared.
 */
function contentOnly(comparison: MemberComparison): MemberComparison {
  const result: MemberComparison = { ...comparison, changed: [], status: comparison.status === 'modified' ? 'modified' : 'identical' }
  delete result.unknown
  return result
}

function countTraces(traces: MemberTrace[]): Record<TraceStatus, number> {
  const counts = Object.fromEntries(TRACE_STATUSES.map((status) => [status, 0])) as Record<TraceStatus, number>
  for (const trace of traces) counts[trace.status]++
  return counts
}

function countStatuses(members: MemberComparison[]): Record<MemberStatus, number> {
  const counts: Record<MemberStatus, number> = { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }
  for (const member of members) counts[member.status]++
  return counts
}
