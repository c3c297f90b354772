/** Status and changed metadata fields of one member pair. */
import type { Member, MemberComparison, MemberSideReport, MemberStatus } from '../types'
import { strippedRoots, type MemberPair } from './pair-members'
import { escapeNestedSeparator } from './nested-paths'

/** The roots stripped for pairing; a hard link names its target by full path, root included. */
export interface PairRoots {
  left: string
  right: string
}

/** Fields that follow from the bytes: listing them on a modified member would only repeat "the content changed". */
const CONTENT_DERIVED_FIELDS = new Set(['crc32', 'compressedSize'])

function linkIdentity(member: Member, root: string): string | undefined {
  const target = member.linkTarget
  return member.type === 'hardlink' && root && target?.startsWith(root) ? target.slice(root.length) : target
}

/**
 * True when the member's bytes were not read: a file without a SHA-256, or any member with an error (a limit,
 * an unsupported method, a cut, a CRC that fails). Directories and special files have no bytes to read.
 */
export function isUnread(member: Member): boolean {
  return (member.type === 'file' && member.sha256 === null) || member.error !== undefined
}

/** Same bytes, type and link target. A member whose bytes could not be read has unknown content, never "same". */
export function hasSameContent(left: Member, right: Member, roots: PairRoots = { left: '', right: '' }): boolean {
  if (isUnread(left) || isUnread(right)) return false
  if (left.type !== right.type || linkIdentity(left, roots.left) !== linkIdentity(right, roots.right)) return false
  return left.sha256 === right.sha256 && left.size === right.size
}

/**
 * Fields a side's reader could not know, by the anomaly that says why. A zip listed from its local headers
 * (archive/zip-recover.ts) has no central directory header (APPNOTE 4.3.12): no "version made by", external or
 * internal attributes, comment or central extra field, so its mode and creator are unknown, not 0; and a field
 * it does not carry at all (its local extra when the cut came inside the data) is unknown too.
 */
const UNKNOWN_WITH_ANOMALY: Record<string, readonly string[]> = {
  READ_FROM_LOCAL_HEADER: ['mode', 'creatorSystem', 'creatorVersion', 'dosAttributes', 'internalAttributes', 'comment', 'extra', 'extendedMtime'],
}

/** What one member's reader could not know: the listed fields, and, for a partial listing, any field it lacks. */
interface UnknownFields {
  fields: ReadonlySet<string>
  partial: boolean
}

const NOTHING_UNKNOWN: UnknownFields = { fields: new Set(), partial: false }

function unknownFieldsOf(member: Member): UnknownFields {
  // Most members have no anomaly: no set is made for them (this runs for every member of every comparison).
  let fields: Set<string> | null = null
  for (const anomaly of member.anomalies ?? []) for (const field of UNKNOWN_WITH_ANOMALY[anomaly.code] ?? []) (fields ??= new Set()).add(field)
  return fields === null ? NOTHING_UNKNOWN : { fields, partial: true }
}

function isUnknown(field: string, member: Member, unknown: UnknownFields): boolean {
  return unknown.fields.has(field) || (unknown.partial && !(field in member.meta))
}

/**
 * The fields that a reader knew on one side at most: neither the same nor changed (`MemberComparison.unknown`),
 * in a stable order. Empty for two members read in full.
 */
export function unknownMetaFields(left: Member, right: Member): string[] {
  const leftUnknown = unknownFieldsOf(left)
  const rightUnknown = unknownFieldsOf(right)
  if (!leftUnknown.partial && !rightUnknown.partial) return []
  const fields = new Set([...Object.keys(left.meta), ...Object.keys(right.meta)])
  return [...fields].filter((field) => isUnknown(field, left, leftUnknown) || isUnknown(field, right, rightUnknown))
}

/**
 * Names of the `meta` fields whose values differ, over the union of both sides' fields, in a stable order.
 * A field one side's reader could not know is unknown, never a difference (unknown ≠ different).
 */
export function changedMetaFields(left: Member, right: Member): string[] {
  const unknown = unknownMetaFields(left, right)
  const changed = differingFields(left.meta, right.meta)
  return unknown.length === 0 ? changed : changed.filter((field) => !unknown.includes(field))
}

/** The fields of `a` then those only `b` has (the order of their union), whose values differ. */
function differingFields(a: Member['meta'], b: Member['meta']): string[] {
  const changed: string[] = []
  for (const field of Object.keys(a)) if (a[field] !== b[field]) changed.push(field)
  for (const field of Object.keys(b)) if (!Object.hasOwn(a, field) && a[field] !== b[field]) changed.push(field)
  return changed
}

export function toSideReport(member: Member | null): MemberSideReport | null {
  if (!member) return null
  const side: MemberSideReport = { index: member.index, offset: member.offset, size: member.size, sha256: member.sha256, type: member.type }
  if (member.linkTarget !== undefined) side.linkTarget = member.linkTarget
  if (member.nameHex !== undefined) side.nameHex = member.nameHex
  if (isUnread(member)) side.unread = true
  if (member.error) side.error = member.error
  if (member.anomalies?.length) side.anomalies = member.anomalies
  // A field the reader could not know is left out rather than shown with the placeholder it holds (a 0 creator).
  const unknown = unknownFieldsOf(member).fields
  const meta = member.meta
  for (const field of Object.keys(meta)) if (!unknown.has(field)) side[field] = meta[field]
  return side
}

/**
 * The report path of each pair (`reportPaths(pairs)[i]` for `pairs[i]`), never shared by two members: the left
 * real path (the right one for right-only members), with the key's copy number for a later copy of a repeated
 * name (`a#2`). A path that an earlier pair took, or a copy path that is some member's stored name, gets the
 * next free `#N` instead (`nextFree` only moves forward, so hostile names cannot make this quadratic).
 */
export function reportPaths(pairs: MemberPair[]): string[] {
  let stored: Set<string> | null = null
  // Every stored name, made only when a path needs a copy number (most comparisons have none).
  const storedNames = () => (stored ??= storedPaths(pairs))
  const used = new Set<string>()
  const nextFree = new Map<string, number>()
  const paths: string[] = []
  for (const pair of pairs) {
    const real = escapeNestedSeparator((pair.left ?? pair.right)!.path)
    let path = pair.occurrence > 1 ? `${real}#${pair.occurrence}` : real
    if (used.has(path) || (path !== real && storedNames().has(path))) {
      let copy = Math.max(pair.occurrence + 1, nextFree.get(real) ?? 2)
      while (used.has(`${real}#${copy}`) || storedNames().has(`${real}#${copy}`)) copy++
      nextFree.set(real, copy + 1)
      path = `${real}#${copy}`
    }
    used.add(path)
    paths.push(path)
  }
  return paths
}

/** Both sides' stored names, as the report writes them. */
function storedPaths(pairs: MemberPair[]): Set<string> {
  const stored = new Set<string>()
  for (const pair of pairs) {
    if (pair.left) stored.add(escapeNestedSeparator(pair.left.path))
    if (pair.right) stored.add(escapeNestedSeparator(pair.right.path))
  }
  return stored
}

export function compareMemberPair(pair: MemberPair, moved: boolean, roots: PairRoots, path: string): MemberComparison {
  const { left, right } = pair
  const base: Omit<MemberComparison, 'status' | 'changed'> = {
    path,
    leftPath: left ? escapeNestedSeparator(left.path) : null,
    rightPath: right ? escapeNestedSeparator(right.path) : null,
    type: (left ?? right)!.type,
    left: toSideReport(left),
    right: toSideReport(right),
  }
  // Unknown bytes are never the same content: the entry says so, whatever its status.
  if ((left && isUnread(left)) || (right && isUnread(right))) base.unread = true
  if (!left || !right) return withStatus(base, left ? 'left-only' : 'right-only', [])
  const unknown = unknownMetaFields(left, right)
  if (unknown.length > 0) base.unknown = unknown
  const sameContent = hasSameContent(left, right, strippedRoots(roots.left, roots.right))
  const fields = changedMetaFields(left, right)
  const changed = sameContent ? fields : fields.filter((field) => !CONTENT_DERIVED_FIELDS.has(field))
  if (moved) changed.push('order')
  const status: MemberStatus = !sameContent ? 'modified' : changed.length > 0 ? 'metadata' : 'identical'
  return withStatus(base, status, changed)
}

/**
 * The entry completed in place rather than copied (one copy per member was a good part of a large comparison):
 * `status` and `changed` come after `unread` and `unknown`, the key order reports have always had.
 */
function withStatus(base: Omit<MemberComparison, 'status' | 'changed'>, status: MemberStatus, changed: string[]): MemberComparison {
  const entry = base as MemberComparison
  entry.status = status
  entry.changed = changed
  return entry
}
