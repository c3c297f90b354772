/**
 * The text diffs of the HTML export: unified hunks (3 lines of context) of each changed text member, within
 * a budget of characters the export states; past it, or for a member whose diff is too large to compute
 * (line-diff.ts MAX_EDITS), the export names what it left out.
 */
import { htmlContentLine, htmlText as h } from './escape'
import { hunks, lineDiff, splitLines, type DiffOp } from './line-diff'

/** One changed member's two texts, or why there is no text diff (binary, too large, not read). */
export type HtmlDiff =
  | { path: string; leftText: string; rightText: string }
  | { path: string; skipped: string }

/** Characters of diff text included in all: the file stays a few MB, openable in any browser. */
export const HTML_DIFF_BUDGET = 2_000_000

const PREFIX: Record<DiffOp['kind'], string> = { same: ' ', removed: '-', added: '+' }
const CLASS: Record<DiffOp['kind'], string> = { same: 'line', removed: 'line del', added: 'line add' }

/** The hunks as HTML lines; null when the diff needs more edits than lineDiff searches for. */
function diffBody(leftText: string, rightText: string): string | null {
  const ops = lineDiff(splitLines(leftText), splitLines(rightText))
  if (!ops) return null
  const out: string[] = []
  for (const hunk of hunks(ops)) {
    const leftCount = hunk.ops.filter((op) => op.kind !== 'added').length
    const rightCount = hunk.ops.filter((op) => op.kind !== 'removed').length
    out.push(`<span class="line hunk">@@ -${hunk.leftStart},${leftCount} +${hunk.rightStart},${rightCount} @@</span>`)
    // Each line a block of its own (never empty: it starts with its prefix), so no newline is written between them.
    for (const op of hunk.ops) out.push(`<span class="${CLASS[op.kind]}">${PREFIX[op.kind]}${htmlContentLine(op.text)}</span>`)
  }
  // Equal lines (the bytes differ only in line endings): the report's causes say how.
  return out.length ? out.join('') : '<span class="line hunk">The lines are equal: the bytes differ only in line endings or a final newline.</span>'
}

function skipped(path: string, why: string): string {
  return `<details><summary>${h(path)}</summary><p class="note">${h(why)}</p></details>`
}

export function renderDiffs(diffs: HtmlDiff[] | null, budget = HTML_DIFF_BUDGET): string {
  const head = '<h2 id="diffs">Text diffs</h2>'
  if (diffs === null) {
    return `${head}<p class="note">Diffs not included: this export was made without the members' contents. ` +
      '<code>reprodiff LEFT RIGHT --html FILE</code> includes the text diffs of changed members.</p>'
  }
  const out: string[] = [`${head}<p class="note">Text diffs of changed members, up to ${budget.toLocaleString('en')} characters of diff in all.</p>`]
  let used = 0
  const leftOut: string[] = []
  for (const diff of diffs) {
    if ('skipped' in diff) {
      out.push(skipped(diff.path, diff.skipped))
      continue
    }
    const body = used < budget ? diffBody(diff.leftText, diff.rightText) : ''
    const why = used >= budget || (body !== null && used + body.length > budget) ? 'Not included: past the diff budget.'
      : body === null ? 'Not included: too many changed lines to diff here.' : null
    if (why || body === null) {
      leftOut.push(diff.path)
      out.push(skipped(diff.path, why ?? ''))
      continue
    }
    used += body.length
    out.push(`<details open><summary>${h(diff.path)}</summary><pre>${body}</pre></details>`)
  }
  if (diffs.length === 0) out.push('<p class="note">No changed text member.</p>')
  if (leftOut.length) out.push(`<p class="note">${leftOut.length} of ${diffs.length} diffs not included (budget or size).</p>`)
  return out.join('\n')
}
