/**
 * The layout of a zip, computed from its central directory and local records before any member is
 * inflated: the bytes each entry covers (local header, name, extra, data, data descriptor), the bytes no
 * entry covers, and entries that overlap. Overlaps are how David Fifield's "A better zip bomb" (2019) makes
 * a few hundred KB expand to gigabytes: many entries inflate the same bytes. Every extracted entry is
 * written out, so its size counts in full, while the bytes those entries share count once: a group of
 * overlapping entries is judged by its total size over the bytes it spans, against the ratio limit.
 * Everything here is a loop over sorted arrays: 500,000 entries never meet recursion or argument spreading.
 */
import { formatBytes, RATIO_CHECK_MINIMUM } from '../limits'
import type { Anomaly, Member } from '../types'
import { noteOutsideBytes, type ReadContext } from './read-context'

/** The bytes one entry (or one structure: the central directory, the zip64 end records) occupies: [start, end). */
export interface Span {
  start: number
  end: number
  label: string
  member?: Member
}

/** Past this many, gaps and overlap groups are summed up in one anomaly: a hostile zip may hold 500,000. */
const MAX_LISTED = 100
const MAX_NAMED_IN_GROUP = 3

/** Sorts spans by where they start (then end), in place, and returns them. */
export function sortSpans(spans: Span[]): Span[] {
  return spans.sort((a, b) => a.start - b.start || a.end - b.end)
}

/**
 * Bytes between `from` (where the first entry or structure starts) and `to` (the end record) that no span
 * covers: filler, or data hidden from every extractor that trusts the central directory. `spans` must be sorted.
 */
export function noteUncoveredBytes(context: ReadContext, spans: Span[], from: number, to: number): void {
  let covered = from
  let coveredBy = ''
  let listed = 0
  let unlisted = { count: 0, bytes: 0, offset: 0 }
  const addGap = (start: number, end: number, before: string, after: string) => {
    noteOutsideBytes(context, start, end)
    if (listed < MAX_LISTED) {
      listed++
      context.anomalies.push({ code: 'ZIP_UNCOVERED_BYTES', message: `${end - start} bytes at offsets ${start} to ${end - 1} belong to no zip entry (between ${before} and ${after})`, offset: start })
      return
    }
    unlisted = { count: unlisted.count + 1, bytes: unlisted.bytes + end - start, offset: unlisted.count === 0 ? start : unlisted.offset }
  }
  for (const span of spans) {
    if (span.start >= to) break
    if (span.start > covered && coveredBy) addGap(covered, span.start, coveredBy, span.label)
    if (span.end > covered || !coveredBy) {
      covered = Math.max(covered, span.end)
      coveredBy = span.label
    }
  }
  if (coveredBy && covered < to) addGap(covered, to, coveredBy, 'the end record')
  if (unlisted.count) {
    context.anomalies.push({ code: 'ZIP_UNCOVERED_BYTES', message: `And ${unlisted.count} more gaps between zip entries, ${unlisted.bytes} bytes in all`, offset: unlisted.offset })
  }
}

/** Groups of two or more entry spans that overlap, directly or through each other; `spans` must be sorted. */
export function findOverlapGroups(spans: Span[]): Span[][] {
  const groups: Span[][] = []
  let group: Span[] = []
  let reach = -1
  for (const span of spans) {
    if (span.start < reach) {
      group.push(span)
    } else {
      if (group.length > 1) groups.push(group)
      group = [span]
    }
    reach = Math.max(reach, span.end)
  }
  if (group.length > 1) groups.push(group)
  return groups
}

const groupStart = (group: Span[]) => group[0].start
const groupEnd = (group: Span[]) => group.reduce((end, span) => Math.max(end, span.end), 0)

/** One OVERLAPPING_ENTRIES anomaly per group, naming its first entries and where each ends. */
export function noteOverlaps(context: ReadContext, groups: Span[][]): void {
  for (const group of groups.slice(0, MAX_LISTED)) {
    const named = group.slice(0, MAX_NAMED_IN_GROUP).map((span) => `${span.label} (local header at ${span.start}, to ${span.end - 1})`)
    const more = group.length > MAX_NAMED_IN_GROUP ? `, and ${group.length - MAX_NAMED_IN_GROUP} more` : ''
    context.anomalies.push({
      code: 'OVERLAPPING_ENTRIES',
      message: `${group.length} zip entries overlap in bytes ${groupStart(group)} to ${groupEnd(group) - 1}: ${named.join(', ')}${more}`,
      offset: groupStart(group),
    })
  }
  if (groups.length > MAX_LISTED) {
    const rest = groups.length - MAX_LISTED
    context.anomalies.push({ code: 'OVERLAPPING_ENTRIES', message: `And ${rest} more groups of overlapping zip entries`, offset: groupStart(groups[MAX_LISTED]) })
  }
}

/**
 * The ratio limit for entries that share bytes: every entry's full size (an extractor writes each one)
 * over the bytes the group spans (shared bytes count once). Past it, each entry of the group gets the
 * LIMIT_EXCEEDED error before anything is inflated; the rest of the archive is still read.
 */
export function limitOverlapGroups(context: ReadContext, groups: Span[][]): void {
  for (const group of groups) {
    const start = groupStart(group)
    const end = groupEnd(group)
    const inflated = group.reduce((total, span) => total + (span.member?.size ?? 0), 0)
    const spanned = Math.max(end - start, 1)
    if (inflated <= RATIO_CHECK_MINIMUM || inflated <= spanned * context.limits.maxRatio) continue
    const words = `${group.length} zip entries share the ${formatBytes(spanned)} at offsets ${start} to ${end - 1} and together expand to ${formatBytes(inflated)} (ratio ${Math.round(inflated / spanned)}:1), past the ${context.limits.maxRatio}:1 ratio limit: bytes shared by several entries count once`
    for (const span of group) {
      const member = span.member
      if (!member || member.error || member.type === 'dir') continue
      member.error = { code: 'LIMIT_EXCEEDED', message: `${member.path}: ${words}`, path: member.path, offset: member.offset }
    }
  }
}

/** Entries whose bytes run into the central directory or the end records (which they cannot hold). */
export function noteEntriesInStructures(context: ReadContext, entries: Span[], structures: Span[]): void {
  const found: Anomaly[] = []
  for (const structure of structures) {
    for (const span of entries) {
      if (span.start < structure.end && span.end > structure.start && found.length < MAX_LISTED) {
        found.push({ code: 'OVERLAPPING_ENTRIES', message: `${span.label} (local header at ${span.start}, to ${span.end - 1}) overlaps ${structure.label} (bytes ${structure.start} to ${structure.end - 1})`, offset: span.start })
      }
    }
  }
  for (const anomaly of found) context.anomalies.push(anomaly)
}
