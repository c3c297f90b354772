/** The exports, one renderer for the page and the CLI (docs/report-format.md, "Exports"). */
export { jsonChunks, jsonPieces, JSON_CHUNK_CHARACTERS } from './json'
export { renderMarkdown, MARKDOWN_MAX_CHARACTERS } from './markdown'
export { renderHtml, HTML_CSP, type HtmlDiff } from './html'
export { HTML_DIFF_BUDGET } from './html-diffs'
export { summaryText } from './summary-text'
export { lineDiff } from './line-diff'
export { planTextDiffs, textDiffOf, unreadDiff, MAX_DIFF_TEXT_READ, type DiffPlan } from './text-diffs'
