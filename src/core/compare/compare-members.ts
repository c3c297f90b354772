/** Status and changed metadata fields of one member pair. */
import type { Member, MemberComparison, MemberSideReport, MemberStatus } from '../types'
import type { MemberPair } from './pair-members'

/** Same bytes, type and link target. A member that could not be read has unknown content, never "same". */
export function hasSameContent(left: Member, right: Member): boolean {
  if (left.error || right.error) return false
  if (left.type !== right.type || left.linkTarget !== right.linkTarget) return false
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
  for (const [field, value] of Object.entries(member.meta)) side[field] = value
  return side
}

export function compareMemberPair(pair: MemberPair, moved: boolean): MemberComparison {
  const { left, right } = pair
  const base = {
    path: (left ?? right)!.path,
    leftPath: left?.path ?? null,
    rightPath: right?.path ?? null,
    type: (left ?? right)!.type,
    left: toSideReport(left),
    right: toSideReport(right),
  }
  if (!left || !right) return { ...base, status: left ? 'left-only' : 'right-only', changed: [] }
  const changed = changedMetaFields(left, right)
  if (moved) changed.push('order')
  const status: MemberStatus = !hasSameContent(left, right) ? 'modified' : changed.length > 0 ? 'metadata' : 'identical'
  return { ...base, status, changed }
}
