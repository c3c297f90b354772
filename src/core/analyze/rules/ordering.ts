/** ordering: the same members in another order (formats.md C.3); says which side is sorted by name. */
import type { MemberComparison, Report, Side } from '../../types'
import { finding, listPaths, memberIndex, plural, type ExplanationRule } from '../rule'

function isSortedByName(report: Report, side: Side): boolean {
  const listed = report.members
    .filter((member): member is MemberComparison & Record<Side, { index: number }> => Boolean(member[side]))
    .sort((a, b) => a[side].index - b[side].index)
    .map((member) => (side === 'left' ? member.leftPath : member.rightPath) ?? '')
  return listed.every((path, i) => i === 0 || listed[i - 1] <= path)
}

export const orderingRule: ExplanationRule = {
  cause: 'ordering',
  description: 'Members are listed in another order.',
  explain(context) {
    const { report } = context
    const moved = memberIndex(context).withChange('order')
    if (moved.length === 0) return []
    const sorted = (['left', 'right'] as Side[]).filter((side) => isSortedByName(report, side))
    const which = sorted.length === 1 ? `; the ${sorted[0]} side is sorted by name, the other is not` : sorted.length === 0 ? '; neither side is sorted by name' : ''
    return [finding({
      cause: 'ordering',
      title: `${plural(moved.length, 'member')} ${moved.length === 1 ? 'is' : 'are'} listed in another order (${listPaths(moved.map((m) => m.path), 2)})${which}`,
      members: moved.map((member) => member.path),
      fields: ['order', 'zip.centralDirectoryOrderIsLocalOrder'],
      evidence: { sortedSides: sorted, moved: moved.length },
      remedy: 'Add members in a fixed order, sorted by name (tar --sort=name; recent wheel and build backends sort).',
    })]
  },
}
