/**
 * The rows of a member's metadata table, left against right: identity first (path, type, size, hash,
 * link, position), then every header field either side has, then any read error.
 */
import type { MemberComparison, MemberSideReport, MetaValue } from '../core/types-public'
import { formatBytes, formatMetaValue } from '../store/format'
import { formatOffset, formatSize } from './display'

export interface MetaRow {
  field: string
  label: string
  left: string
  right: string
  /** Highlighted: the field differs (always false when the member exists on one side only). */
  changed: boolean
  isError?: boolean
  /** A side's reader could not know this field (member.unknown): neither the same nor changed, never highlighted. */
  unknown?: boolean
}

/** Keys of MemberSideReport that are not header fields; they get their own rows. */
const IDENTITY_KEYS = new Set(['index', 'offset', 'size', 'sha256', 'type', 'linkTarget', 'error', 'nameHex', 'unread'])
const ABSENT = '— (absent)'
const UNKNOWN = 'unknown: this side does not record it'

type SideValue = (side: MemberSideReport) => string

function row(member: MemberComparison, field: string, label: string, show: SideValue, changed?: boolean): MetaRow {
  const left = member.left ? show(member.left) : ABSENT
  const right = member.right ? show(member.right) : ABSENT
  const bothSides = member.left !== null && member.right !== null
  return { field, label, left, right, changed: bothSides && (changed ?? left !== right) }
}

function metaFields(member: MemberComparison): string[] {
  const fields = new Set<string>()
  for (const side of [member.left, member.right]) {
    if (side) for (const key of Object.keys(side)) if (!IDENTITY_KEYS.has(key)) fields.add(key)
  }
  return [...fields]
}

/** The real path on each side: pairing may have matched `pkg-1.0/x` with `pkg-1.1/x`. */
function pathRow({ leftPath, rightPath }: MemberComparison): MetaRow {
  const changed = leftPath !== null && rightPath !== null && leftPath !== rightPath
  return { field: 'path', label: 'path', left: leftPath ?? ABSENT, right: rightPath ?? ABSENT, changed }
}

function errorRow(member: MemberComparison): MetaRow | null {
  const describe = (side: MemberSideReport | null) => (side?.error ? `${side.error.code}: ${side.error.message}` : 'none')
  if (!member.left?.error && !member.right?.error) return null
  return { field: 'error', label: 'read error', left: describe(member.left), right: describe(member.right), changed: true, isError: true }
}

export function buildMetaRows(member: MemberComparison): MetaRow[] {
  const moved = member.changed.includes('order')
  const rows: MetaRow[] = [
    pathRow(member),
    // The stored bytes: two names that display alike are told apart here.
    ...(member.left?.nameHex !== undefined || member.right?.nameHex !== undefined ? [row(member, 'nameHex', 'name bytes (hex)', (side) => side.nameHex ?? 'not recorded')] : []),
    row(member, 'type', 'type', (side) => side.type),
    row(member, 'size', 'size', (side) => formatSize(side.size, formatBytes)),
    row(member, 'sha256', 'sha256', (side) => side.sha256 ?? (side.unread ? 'not computed: bytes not read' : 'not computed')),
  ]
  if (member.left?.linkTarget !== undefined || member.right?.linkTarget !== undefined) {
    rows.push(row(member, 'linkTarget', 'link target', (side) => side.linkTarget ?? 'none'))
  }
  // Offsets shift whenever an earlier member changes size; only a move in the order is a finding.
  rows.push(row(member, 'position', 'position (index, offset)', (side) => `#${side.index} at ${formatOffset(side.offset)}`, moved))
  const unknown = new Set(member.unknown ?? [])
  for (const field of metaFields(member)) {
    if (unknown.has(field)) {
      // A zip member listed from its local header has no mode or creator: say so on the side that lacks it.
      const show = (side: MemberSideReport) => (side[field] === undefined ? UNKNOWN : formatMetaValue(field, side[field] as MetaValue))
      rows.push({ ...row(member, field, field, show, false), unknown: true })
      continue
    }
    const show = (side: MemberSideReport) => formatMetaValue(field, side[field] as MetaValue | undefined)
    rows.push(row(member, field, field, show, member.changed.includes(field) || undefined))
  }
  const error = errorRow(member)
  if (error) rows.push(error)
  return rows
}
