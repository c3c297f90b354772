/**
 * Members of archives inside archives, compared as ordinary report entries (docs/report-format.md "Nested
 * archives"): each container pair's two nested readings are paired and compared with the same rules as the
 * top level, their paths prefixed with the container entry's path and `!/`, and listed right after it. The
 * verdict is defined over the innermost members, so a container whose bytes differ while every member inside
 * has the same content is `metadata` (`content (container)`), and one whose inside could not be read is
 * `modified` and `unread`, with nothing unknown inside it listed as a difference (`knownInside`). Recursion follows the readings, which nested.ts bounded by `maxDepth`.
 */
import type { Anomaly, ArchiveDifference, ArtifactReading, MemberComparison, MemberSideReport } from '../types'
import { changedMetaFields } from './compare-members'
import { escapeNestedSeparator, NESTED_SEPARATOR } from './nested-paths'
import { mayHaveRecordAnomaly, nestedRecordAnomaly } from './nested-record'
import type { MemberPair } from './pair-members'

/** The `changed` entry of a container whose bytes differ while every member inside has the same content. */
export const CONTAINER_CONTENT_FIELD = 'content (container)'

/** One level compared: its pairs, their entries (`members[i]` for `pairs[i]`) and its archive fields that differ. */
export interface LevelComparison {
  pairs: MemberPair[]
  members: MemberComparison[]
  archive: ArchiveDifference[]
}

/** Compares one level's member lists into report entries (compare-artifacts.ts `compareLevel`). */
export type CompareLevel = (left: ArtifactReading, right: ArtifactReading) => LevelComparison

const NO_READING: ArtifactReading = { name: '', size: 0, sha256: null, format: null, fields: {}, members: [], retained: {}, anomalies: [] }

/**
 * Every entry of one compared level followed, for each container, by the entries inside it (pre-order). The
 * archive fields that differ inside a container (a nested zip's comment, its outside bytes) go to `archive`,
 * named under the container's path (`x.whl!/zip.comment`), so a difference inside is never without a place.
 */
export function withNestedMembers(level: LevelComparison, left: ArtifactReading, right: ArtifactReading, compareLevel: CompareLevel, archive: ArchiveDifference[]): MemberComparison[] {
  const out: MemberComparison[] = []
  for (let i = 0; i < level.pairs.length; i++) {
    const pair = level.pairs[i]
    const entry = level.members[i]
    out.push(entry)
    const leftInner = pair.left ? left.nested?.[pair.left.index] : undefined
    const rightInner = pair.right ? right.nested?.[pair.right.index] : undefined
    if (!leftInner && !rightInner) continue
    if (leftInner?.notOpened || rightInner?.notOpened) {
      markNotOpened(entry, pair, leftInner, rightInner)
      continue
    }
    const { level: innerLevel, notCompared } = knownInside(compareLevel(leftInner ?? NO_READING, rightInner ?? NO_READING), leftInner, rightInner)
    if (notCompared) entry.notComparedInside = notCompared
    const innerArchive = innerLevel.archive
    const inner = withNestedMembers(innerLevel, leftInner ?? NO_READING, rightInner ?? NO_READING, compareLevel, innerArchive)
    judgeContainer(entry, pair, leftInner, rightInner, inner, innerArchive)
    for (const difference of innerArchive) archive.push({ ...difference, field: `${entry.path}${NESTED_SEPARATOR}${difference.field}` })
    for (const member of inner) out.push(nestUnder(member, entry))
  }
  return out
}

/**
 * A container left closed because both sides have the same bytes (compare/same-bytes.ts): nothing inside is
 * listed, and the entry says why. Were the bytes to differ after all (a reading planned from other readings),
 * the closed side's inside is unknown: the entry is unread, never the same.
 */
function markNotOpened(entry: MemberComparison, pair: MemberPair, left: ArtifactReading | undefined, right: ArtifactReading | undefined): void {
  const same = pair.left !== null && pair.right !== null && pair.left.sha256 !== null && pair.left.sha256 === pair.right.sha256
  // The same bytes hold the same members, whichever side was opened.
  if (same) {
    entry.notOpenedInside = 'same-bytes'
    return
  }
  entry.unread = true
  if (entry.status === 'identical' || entry.status === 'metadata') entry.status = 'modified'
  for (const [side, reading] of [['left', left], ['right', right]] as const) {
    const own = entry[side]
    if (!own || !reading?.notOpened) continue
    own.unread = true
    own.error = { code: 'READ_FAILED', message: `${entry.path} was not opened (its bytes were taken to be the same as the other side's): what is inside was not compared`, path: entry.path }
  }
}

/**
 * What a comparison of one container's insides may say when a side's nested reading stopped (a cut, a corrupt
 * archive, a limit): that side lists only part of what is inside, so a member only the other side lists may be
 * in the part that was not read. It is unknown, not one-sided: it is left out, with everything inside it, and
 * counted per side (`notCompared`, which the caller puts once on the container as `notComparedInside`; the
 * container's entry is already modified and unread). The same holds for a top-level artefact. Likewise an
 * archive field the stopped side does not have is unknown, not a difference from "none". Members both sides
 * list were read on both and are compared as usual; a member only the stopped side lists is truly one-sided.
 */
export function knownInside(level: LevelComparison, left: ArtifactReading | undefined, right: ArtifactReading | undefined): { level: LevelComparison; notCompared: { left: number; right: number } | null } {
  const leftStopped = left?.error !== undefined
  const rightStopped = right?.error !== undefined
  if (!leftStopped && !rightStopped) return { level, notCompared: null }
  const kept: LevelComparison = { pairs: [], members: [], archive: [] }
  const dropped = new Set<string>()
  const notCompared = { left: 0, right: 0 }
  level.pairs.forEach((pair, i) => {
    const unknownSide = pair.left && !pair.right && rightStopped ? 'left' : pair.right && !pair.left && leftStopped ? 'right' : null
    if (unknownSide === null) {
      kept.pairs.push(pair)
      kept.members.push(level.members[i])
      return
    }
    notCompared[unknownSide]++
    dropped.add(level.members[i].path)
  })
  // A rename to a member left out is unknown too.
  for (const member of kept.members) {
    if (member.renamedTo !== undefined && dropped.has(member.renamedTo)) delete member.renamedTo
    if (member.renamedFrom !== undefined && dropped.has(member.renamedFrom)) delete member.renamedFrom
  }
  // Only the reader's own fields: `format` and `order` are not fields of a reading, and stay as compared.
  const has = (reading: ArtifactReading | undefined, field: string) => reading !== undefined && field in reading.fields
  const unknown = (field: string) => (leftStopped && !has(left, field) && has(right, field)) || (rightStopped && !has(right, field) && has(left, field))
  kept.archive = level.archive.filter(({ field }) => !unknown(field))
  return { level: kept, notCompared: notCompared.left > 0 || notCompared.right > 0 ? notCompared : null }
}

/**
 * The container's own status, once its members are known. Same bytes: as at the top (identical or metadata).
 * Different bytes: `metadata` when both sides were read inside completely and every member inside has the same
 * content; `modified` otherwise; `unread` too when a side could not be read inside (its error says why).
 */
function judgeContainer(
  entry: MemberComparison, pair: MemberPair, left: ArtifactReading | undefined, right: ArtifactReading | undefined, inner: MemberComparison[], innerArchive: ArchiveDifference[],
): void {
  // Why a side could not be read inside goes on that side when the container differs (same bytes on both sides
  // are the same inside too, whatever a reader made of them); a depth-limited one is still compared by its hash.
  const differs = entry.status !== 'identical' && entry.status !== 'metadata'
  for (const [side, reading] of [['left', left], ['right', right]] as const) {
    const own = entry[side]
    if (!differs || !reading?.error || !own) continue
    if (!own.error) own.error = reading.error
    if (!reading.depthLimited) {
      own.unread = true
      entry.unread = true
    }
  }
  if (entry.status !== 'modified' || entry.unread || !pair.left || !pair.right || !left || !right) return
  if (left.error || right.error || left.format === null || right.format === null) return
  if (pair.left.type !== pair.right.type) return
  const sameInside = inner.every((member) => !member.unread && (member.status === 'identical' || member.status === 'metadata'))
  if (!sameInside) return
  entry.status = 'metadata'
  const changed = changedMetaFields(pair.left, pair.right).filter((field) => field !== 'crc32' && field !== 'compressedSize')
  if (entry.changed.includes('order')) changed.push('order')
  changed.push(CONTAINER_CONTENT_FIELD)
  entry.changed = changed
  // Different bytes, yet nothing inside differs that a reader saw: the two hashes are the place (as at the top).
  if (innerArchive.length === 0 && inner.every((member) => member.status === 'identical')) {
    innerArchive.push({ field: 'file.sha256', left: pair.left.sha256, right: pair.right.sha256 })
  }
}

function joined(outer: string | null, inner: string | null): string | null {
  return outer === null || inner === null ? null : `${outer}${NESTED_SEPARATOR}${inner}`
}

function nestSide(side: MemberSideReport | null, container: MemberSideReport | null): MemberSideReport | null {
  if (!side || !container) return side
  // Inner levels were nested first: this container goes in front of the ones already listed.
  side.containerIndexes = [container.index, ...(side.containerIndexes ?? [])]
  return side
}

/** One inner entry as an entry of the outer level: paths prefixed, `container`, `depth`, and each side's container chain. */
function nestUnder(member: MemberComparison, container: MemberComparison): MemberComparison {
  const nested: MemberComparison = {
    ...member,
    path: `${container.path}${NESTED_SEPARATOR}${member.path}`,
    leftPath: joined(container.leftPath, member.leftPath),
    rightPath: joined(container.rightPath, member.rightPath),
    container: member.container === undefined ? container.path : `${container.path}${NESTED_SEPARATOR}${member.container}`,
    depth: (member.depth ?? 0) + 1,
    left: nestSide(member.left, container.left),
    right: nestSide(member.right, container.right),
  }
  if (member.renamedTo !== undefined) nested.renamedTo = `${container.path}${NESTED_SEPARATOR}${member.renamedTo}`
  if (member.renamedFrom !== undefined) nested.renamedFrom = `${container.path}${NESTED_SEPARATOR}${member.renamedFrom}`
  delete nested.leftContainer
  delete nested.rightContainer
  const leftContainer = sideContainer(container.leftPath, member.leftContainer ?? member.container)
  const rightContainer = sideContainer(container.rightPath, member.rightContainer ?? member.container)
  if (leftContainer !== null && rightContainer !== null && leftContainer !== rightContainer) Object.assign(nested, { leftContainer, rightContainer })
  return nested
}

/** One side's full name of the container an entry sits in: the outer container's name, then the inner one's if any. */
function sideContainer(outer: string | null, inner: string | undefined): string | null {
  if (outer === null) return null
  return inner === undefined ? outer : `${outer}${NESTED_SEPARATOR}${inner}`
}

/**
 * The artefact-level anomalies of every nested reading of one side (bytes around a nested zip, overlapping
 * entries inside it, …), each named by its container's path and with its offset inside that container, so the
 * `archive-structure` security finding covers every level. Walked over an explicit stack.
 */
export function nestedAnomalies(reading: ArtifactReading): Anomaly[] {
  const found: Anomaly[] = []
  const stack: { reading: ArtifactReading; prefix: string }[] = [{ reading, prefix: '' }]
  while (stack.length > 0) {
    const { reading: level, prefix } = stack.pop()!
    const nested = level.nested ?? {}
    for (const index of Object.keys(nested)) {
      const inner = nested[Number(index)]
      // Most nested readings have nothing to report (a container left closed as the same bytes): no path is made for them.
      if (inner.anomalies.length === 0 && !(inner.readings && inner.readingChoice) && !inner.nested && !mayHaveRecordAnomaly(inner)) continue
      const member = level.members[Number(index)]
      const path = `${prefix}${escapeNestedSeparator(member?.path ?? `member ${index}`)}`
      for (const anomaly of inner.anomalies) found.push({ ...anomaly, message: `Inside ${path} (offsets within it): ${anomaly.message}` })
      // A nested archive that parses as more than one container: which one was compared, and why.
      if (inner.readings && inner.readingChoice) found.push({ code: 'AMBIGUOUS_FORMAT', message: `Inside ${path}: the bytes parse as ${inner.readings.length} containers. ${inner.readingChoice}` })
      const record = nestedRecordAnomaly(inner, path)
      if (record) found.push(record)
      if (inner.nested) stack.push({ reading: inner, prefix: `${path}${NESTED_SEPARATOR}` })
    }
  }
  return found
}
