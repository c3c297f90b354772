/**
 * Marks a member carries in the tree and the detail: bytes not read (`unread`, with the error), a name that
 * hides what it is (the `confusable-name` security finding, with the name written with its code points), and
 * a rename (`renamedTo` / `renamedFrom`). Pure, tested in Node.
 */
import type { CoreError, Finding, MemberComparison, Side } from '../core/types-public'

export const CONFUSABLE_NAME = 'confusable-name'

export interface UnreadSide {
  side: Side
  error: CoreError | null
}

/** The sides whose bytes were not read: a member with one can never count as the same content. */
export function unreadSides(member: MemberComparison): UnreadSide[] {
  const sides: UnreadSide[] = []
  for (const side of ['left', 'right'] as const) {
    const own = member[side]
    if (own?.unread || (member.unread && own?.error)) sides.push({ side, error: own?.error ?? null })
  }
  // `unread` on the entry without a side saying which: still unread, cause unknown.
  if (member.unread && sides.length === 0) sides.push({ side: member.left ? 'left' : 'right', error: null })
  return sides
}

/** "left: LIMIT_EXCEEDED: … · right: …": the tooltip of the tree's "unread" badge. */
export function unreadTitle(sides: readonly UnreadSide[]): string {
  const each = sides.map(({ side, error }) => `${side}: ${error ? `${error.code}: ${error.message}` : 'not read'}`)
  return `Bytes not read, so never counted as the same content\n${each.join('\n')}`
}

export interface ConfusableName {
  side: Side
  /** The name with each flagged character written as \u{N} (the rule's `name`). */
  name: string
  /** Why, in the rule's words ("Latin and Cyrillic in one word", "ZERO WIDTH SPACE"). */
  reason: string
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * The confusable-name entries for this member, from the findings' evidence (`names`: side, path, name, reason).
 * Read defensively: evidence is free-form data, and a newer core may change its shape.
 */
export function confusableNames(findings: readonly Finding[], member: MemberComparison): ConfusableName[] {
  const found: ConfusableName[] = []
  for (const finding of findings) {
    if (finding.cause !== CONFUSABLE_NAME || !finding.members.includes(member.path)) continue
    const names = Array.isArray(finding.evidence.names) ? finding.evidence.names : []
    for (const entry of names as Record<string, unknown>[]) {
      const side = entry?.side === 'left' || entry?.side === 'right' ? entry.side : null
      const path = side === 'left' ? member.leftPath : side === 'right' ? member.rightPath : null
      if (!side || path === null || text(entry.path) !== path) continue
      found.push({ side, name: text(entry.name) ?? path, reason: text(entry.reason) ?? '' })
    }
    // A finding that names the member but whose evidence says nothing usable still marks it.
    if (found.length === 0) found.push({ side: member.left ? 'left' : 'right', name: member.path, reason: '' })
  }
  return found
}

export interface RenameLink {
  direction: 'to' | 'from'
  /** The report `path` of the other member, which the link selects. */
  path: string
}

export function renameLink(member: MemberComparison): RenameLink | null {
  if (member.renamedTo !== undefined) return { direction: 'to', path: member.renamedTo }
  if (member.renamedFrom !== undefined) return { direction: 'from', path: member.renamedFrom }
  return null
}
