/** Status and changed metadata fields of one member pair. */
import type { Member, MemberComparison, MemberSideReport, MemberStatus } from '../types'
import type { MemberPair } from './pair-members'

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

/** Same bytes, type and link target. A member whose bytes could not be read has unknown content, never "same". */
export function hasSameContent(left: Member, right: Member, roots: PairRoots = { left: '', right: '' }): boolean {
  const unread = (member: Member) => member.type === 'file' && member.sha256 === null
  if (unread(left) || unread(right)) return false
  if (left.type !== right.type || linkIdentity(left, roots.left) !== linkIdentity(right, roots.right)) return false
  return left.sha256 === right.sha256 && left.size === right.size
}

/** Names of the `meta` fields whose values differ, over the union of both sides' fields, in a stable order. */
export function changedMetaFields(left: Member, right: Member): string[] {
  const fields = new Set([...Object.keys(left.meta), ...Object.keys(right.meta)])
  return [...fields].filter((field) => left.meta[field] !== right.meta[field])
}

export function toSideReport(member: Member | null): MemberSideReport | null {
  if (!member) return null
  const side: MemberSideReport = { index: member.index, offset: member.offset, size: member.size, sha256: member.sha256, type: member.type }
  if (member.linkTarget !== undefined) side.linkTarget = member.linkTarget
  if (member.error) side.error = member.error
  if (member.anomalies?.length) side.anomalies = member.anomalies
  for (const [field, value] of Object.entries(member.meta)) side[field] = value
  return side
}

export function compareMemberPair(pair: MemberPair, moved: boolean, roots: PairRoots): MemberComparison {
  const { left, right } = pair
  const base = {
    // A repeated name keeps its copy number, so every member of the report has its own path.
    path: pair.occurrence > 1 ? `${(left ?? right)!.path}#${pair.occurrence}` : (left ?? right)!.path,
    leftPath: left?.path ?? null,
    rightPath: right?.path ?? null,
    type: (left ?? right)!.type,
    left: toSideReport(left),
    right: toSideReport(right),
  }
  if (!left || !right) return { ...base, status: left ? 'left-only' : 'right-only', changed: [] }
  const sameContent = hasSameContent(left, right, roots)
  const changed = changedMetaFields(left, right).filter((field) => sameContent || !CONTENT_DERIVED_FIELDS.has(field))
  if (moved) changed.push('order')
  const status: MemberStatus = !sameContent ? 'modified' : changed.length > 0 ? 'metadata' : 'identical'
  return { ...base, status, changed }
}
