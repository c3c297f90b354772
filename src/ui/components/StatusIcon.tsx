import type { MemberStatus } from '../../core/types-public'
import { STATUS_LOOK } from '../status'

/** The status mark of a row or count: a glyph that reads without colour, coloured for speed. */
export function StatusIcon({ status }: { status: MemberStatus }) {
  const look = STATUS_LOOK[status]
  return (
    <span className={`status-icon status-${status}`} title={look.title} aria-label={look.title} role="img">
      {look.icon}
    </span>
  )
}
