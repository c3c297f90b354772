/**
 * The member tree of the HTML export as nested lists, folders from the `/` in each path, built in one pass
 * over the paths sorted by segment with a stack of open folders (no recursion: depth follows the input).
 */
import { htmlText as h } from './escape'
import { STATUS_MARKS, STATUS_WORDS } from './export-model'
import type { MemberComparison } from '../types'

/** Members listed in the tree at most; past it the export says how many it left out (the JSON has them all). */
export const HTML_TREE_MAX_MEMBERS = 20_000

const compareSegments = (a: string[], b: string[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1
  return a.length - b.length
}

export function renderTree(members: MemberComparison[]): string {
  const shown = members.slice(0, HTML_TREE_MAX_MEMBERS).map((member) => ({ member, segments: member.path.split('/') }))
  shown.sort((a, b) => compareSegments(a.segments, b.segments))
  const out: string[] = ['<h2 id="tree">Members</h2><div class="tree"><ul>']
  const open: string[] = []
  for (const { member, segments } of shown) {
    const folders = segments.slice(0, -1)
    let common = 0
    while (common < open.length && common < folders.length && open[common] === folders[common]) common++
    while (open.length > common) open.pop(), out.push('</ul></li>')
    for (let i = common; i < folders.length; i++) open.push(folders[i]), out.push(`<li>${h(folders[i])}/<ul>`)
    const mark = STATUS_MARKS[member.status]
    out.push(`<li title="${STATUS_WORDS[member.status]}">${h(mark)} ${h(segments[segments.length - 1])}${member.changed.length ? ` <span class="note">[${h(member.changed.join(', '))}]</span>` : ''}</li>`)
  }
  while (open.pop() !== undefined) out.push('</ul></li>')
  out.push('</ul></div>')
  if (members.length > shown.length) out.push(`<p class="note">${members.length - shown.length} more members are not listed here (the JSON report lists every member).</p>`)
  return out.join('')
}
