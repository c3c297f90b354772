/**
 * Escaping for the exports. Member names and contents are hostile: a name can carry Markdown or HTML, a
 * link, a bidi override or an invisible character. Names in the report are already in their displayed form
 * (util/text.ts `escapeControls`: `\\`, `\xNN`, `\u{N}`); free text (titles, evidence, metadata values, file
 * contents) may still hold such characters, so every export first marks them the same way (`markHidden`) and
 * then escapes the result for its format.
 */
import { escapeControls } from '../util/text'

/**
 * Controls, bidi and invisible characters written as the page writes them in names (`\xNN`, `\u{N}`), and
 * nothing else: backslashes are kept as they are, so a name already displayed is left unchanged (marking is
 * idempotent) and never escaped twice.
 */
export function markHidden(text: string): string {
  return text.replace(/[^\\]+/g, escapeControls)
}

/**
 * CommonMark 2.4 lets a backslash escape any ASCII punctuation. These are the ones that can start markup in a
 * paragraph or a table cell: emphasis, code spans, links and images (`[`, `]`, `(`, `)`, `!`), raw HTML and
 * entities (`<`, `>`, `&`), GFM tables (`|`), strikethrough (`~`), math (`$`), headings (`#`) and the backslash
 * itself. No GFM autolink may form from a name (`https://…`, `www.…`, `mailto:user@host`, `user@host`): `@` is
 * always escaped, `:` before `/`, and `.` after `www`, below.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]()!<>&|~$@#{}]|:(?=\/)/g

/** At the start of a line these begin a block (list, heading, quote, thematic break, setext underline). */
const BLOCK_START = /^([-+=>]|\d+(?=[.)]))/

/** Text for a Markdown paragraph, list item or table cell: hidden characters marked, markup escaped. */
export function markdownText(text: string): string {
  const escaped = markHidden(text)
    .replace(MARKDOWN_SPECIAL, (char) => `\\${char}`)
    .replace(/(www)\./gi, '$1\\.')
  return escaped.replace(BLOCK_START, (start) => (/\d/.test(start) ? `${start}\\` : `\\${start}`))
}

/**
 * Text inside a fenced code block: nothing in it is markup, so only the fence itself must not appear. The
 * fence is one backtick longer than the longest run of backticks in the text (CommonMark 4.5).
 */
export function markdownFence(text: string): string {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return '`'.repeat(Math.max(3, longest + 1))
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text for an HTML element or a quoted attribute value: hidden characters marked, the five specials as entities. */
export function htmlText(text: string): string {
  return markHidden(text).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char])
}

/**
 * A line of file content for the HTML diff: as htmlText, but a tab stays a tab (the `<pre>` shows it) so the
 * text reads as it does in the page's diff view.
 */
export function htmlContentLine(line: string): string {
  return line.split('\t').map(htmlText).join('\t')
}
