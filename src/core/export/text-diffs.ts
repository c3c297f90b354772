/**
 * Which members the HTML export shows a text diff of, and what it says of the others: one rule for the CLI
 * (which reads the members from the files) and the page (through its workers), so both exports of the same pair
 * list the same members with the same words. Only modified files whose two sides were read are diffed; the bytes
 * come from `readMemberContent` and are judged by `describeContentPair` under the text limit, as in the diff view.
 */
import type { ContentPair } from '../compare/content'
import { formatBytes } from '../limits'
import type { MemberComparison, Report } from '../types'
import type { HtmlDiff } from './html-diffs'

/** Bytes read for diffs at most, in all (both sides): past it the export names the members it left out. */
export const MAX_DIFF_TEXT_READ = 16 * 1024 * 1024

/** A member to diff: read both sides and pass the pair to `textDiffOf`; or the line the export shows instead. */
export type DiffPlan = { member: MemberComparison; read: true } | { member: MemberComparison; read: false; diff: HtmlDiff }

const isDiffable = (member: MemberComparison) =>
  member.status === 'modified' && member.type === 'file' && member.left !== null && member.right !== null && !member.unread

/** The modified members in report order, each to be read or with the reason it is not. */
export function planTextDiffs(report: Report, maxTextBytes: number): DiffPlan[] {
  const plans: DiffPlan[] = []
  let planned = 0
  for (const member of report.members) {
    if (!isDiffable(member)) continue
    const size = member.left!.size + member.right!.size
    if (member.left!.size > maxTextBytes || member.right!.size > maxTextBytes) {
      plans.push({ member, read: false, diff: { path: member.path, skipped: `Not included: larger than the text limit (${formatBytes(maxTextBytes)}).` } })
    } else if (planned + size > MAX_DIFF_TEXT_READ) {
      plans.push({ member, read: false, diff: { path: member.path, skipped: 'Not included: past the diff budget.' } })
    } else {
      planned += size
      plans.push({ member, read: true })
    }
  }
  return plans
}

/** The diff of a member whose two sides were read (`describeContentPair`), or why there is none. */
export function textDiffOf(path: string, pair: ContentPair): HtmlDiff {
  if (pair.isText && pair.leftText !== null && pair.rightText !== null) return { path, leftText: pair.leftText, rightText: pair.rightText }
  return { path, skipped: 'No text diff: not text on both sides (the page shows its bytes and structure).' }
}

/** What the export says of a member that could not be read again. */
export function unreadDiff(path: string, error: unknown): HtmlDiff {
  return { path, skipped: `Not included: it could not be read again (${(error as { message?: string })?.message ?? String(error)}).` }
}
