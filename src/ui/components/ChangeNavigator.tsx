import { useDeferredValue, useMemo } from 'react'
import type { Report } from '../../core/types-public'
import { contentShape, findMember, useDiffStore } from '../../store/diff-store'
import { isDiffPending, memberOrder, memberPlace, stepChange, stepMember, type ChangeCursor, type MemberOrder } from '../../store/navigation'

/** "change 3 of 13", or why there is no such count: not computed yet, no line changes, not a text diff. */
function changeLabel(cursor: ChangeCursor | null, pending: boolean): string {
  if (!cursor) return pending ? 'changes: computing…' : 'no text diff'
  if (cursor.count === 0) return 'no line changes'
  return `change ${cursor.current >= 0 ? cursor.current + 1 : '–'} of ${cursor.count}`
}

function memberLabel(order: MemberOrder, selected: string | null): string {
  const { place, total } = memberPlace(order, selected)
  return `member ${place > 0 ? place : '–'} of ${total}`
}

/**
 * The visible half of moving between changes (the keys are in ui/keys.ts): previous/next changed member and
 * previous/next change, each with its place ("member 2 of 13", "change 3 of 13"), and the key list behind `?`.
 * Members are counted in the tree's order, under its filter, so the buttons walk the rows the reviewer sees.
 */
export function ChangeNavigator({ report }: { report: Report }) {
  const filter = useDeferredValue(useDiffStore((state) => state.filter))
  const causeFilter = useDiffStore((state) => state.causeFilter)
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const changes = useDiffStore((state) => state.changes)
  const content = useDiffStore((state) => state.content)
  const step = useDiffStore((state) => state.stepChange)
  const move = useDiffStore((state) => state.stepMember)
  const showKeyHelp = useDiffStore((state) => state.showKeyHelp)

  // One scan of the members per selection, not per store update.
  const member = useMemo(() => (selectedPath === null ? undefined : findMember(report, selectedPath)), [report, selectedPath])
  const pending = isDiffPending(member, contentShape(content))
  const order = memberOrder(report, filter, causeFilter)
  const cursor = changes && changes.path === selectedPath ? changes : null
  const blocked = (direction: 1 | -1) => stepChange(order, selectedPath, changes, direction, pending).kind === 'none'

  return (
    <div className="change-navigator" role="group" aria-label="Move between changes" data-testid="change-navigator">
      <span className="nav-pair">
        <button type="button" className="button small" data-testid="prev-member" aria-label="Previous changed member (k)" title="Previous changed member (k, [)"
          disabled={stepMember(order, selectedPath, -1) === null} onClick={() => move(-1)}>◀</button>
        <span className="nav-place" data-testid="member-position" aria-live="polite">{memberLabel(order, selectedPath)}</span>
        <button type="button" className="button small" data-testid="next-member" aria-label="Next changed member (j)" title="Next changed member (j, ])"
          disabled={stepMember(order, selectedPath, 1) === null} onClick={() => move(1)}>▶</button>
      </span>
      <span className="nav-pair">
        <button type="button" className="button small" data-testid="prev-change" aria-label="Previous change (p, Shift+F7)" title="Previous change (p, Shift+F7, Shift+Alt+F5)"
          disabled={blocked(-1)} onClick={() => step(-1)}>▲</button>
        <span className="nav-place" data-testid="change-position" aria-live="polite">{selectedPath === null ? 'no member open' : changeLabel(cursor, pending)}</span>
        <button type="button" className="button small" data-testid="next-change" aria-label="Next change (n, F7)" title="Next change (n, F7, Alt+F5)"
          disabled={blocked(1)} onClick={() => step(1)}>▼</button>
      </span>
      <button type="button" className="button small" data-testid="key-help-button" aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)"
        onClick={() => showKeyHelp(true)}>?</button>
    </div>
  )
}
