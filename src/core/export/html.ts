/**
 * The HTML export (`reprodiff --html FILE`, the page's "HTML" button): one self-contained file that opens
 * from disk with no request. Its own CSP (`default-src 'none'`, inline style only) forbids every fetch and
 * every script, and none is needed: the verdict, causes, package fields, tree and diffs are plain HTML. Every
 * name and text from the artefacts is written through `htmlText` (escape.ts), as text, never as markup.
 */
import { htmlText as h } from './escape'
import { exportModel, type CauseModel, type ExportModel } from './export-model'
import { HTML_STYLE } from './html-style'
import { renderDiffs, type HtmlDiff } from './html-diffs'
import { renderTree } from './html-tree'
import type { PackageComparison, Report } from '../types'

export type { HtmlDiff } from './html-diffs'

/** No script, no request of any kind: styles only from the inline `<style>` element. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"

export interface HtmlOptions {
  /**
   * The text diffs of changed members, read by the caller (the CLI reads them with readMemberContent and
   * describeContentPair); null says that this export has none (the page's HTML export).
   */
  diffs: HtmlDiff[] | null
}

const row = (cells: string[], tag = 'td') => `<tr>${cells.map((cell) => `<${tag}>${cell}</${tag}>`).join('')}</tr>`
const table = (head: string[], rows: string[][]) =>
  `<table><thead>${row(head.map(h), 'th')}</thead><tbody>${rows.map((cells) => row(cells.map(h))).join('')}</tbody></table>`

function sides(model: ExportModel): string {
  return table(['side', 'file', 'size', 'format', 'members', 'SHA-256', 'error'],
    model.sides.map((side) => [side.label, side.name, side.size, side.format, String(side.memberCount), side.sha256, side.error ?? '']))
}

function cause(item: CauseModel): string {
  const kind = item.severity === 'security' ? 'security' : item.derived ? 'derived' : 'cause'
  const label = item.severity === 'security' ? '⚠ security' : item.derived ? '↳ follows from another difference' : 'cause'
  const evidence = item.evidence.map((line) => `<dt>${h(line.label)}</dt><dd>${h(line.value)}</dd>`).join('')
  return `<section class="cause is-${kind}" data-cause="${h(item.cause)}"><h3><span class="tag">${h(label)}</span> <code>${h(item.cause)}</code> ${h(item.title)}</h3>` +
    (evidence ? `<dl>${evidence}</dl>` : '') + `<p class="remedy"><strong>What to do:</strong> ${h(item.remedy)}</p></section>`
}

function causes(model: ExportModel): string {
  if (!model.causes.length) return ''
  return `<h2 id="causes">Why they differ</h2>${model.causes.map(cause).join('')}`
}

function packagePanel(comparison: PackageComparison | null): string {
  if (!comparison) return ''
  const identity = (['left', 'right'] as const).map((side) => {
    const p = comparison[side]
    return [side, p.kind ?? '—', p.name ?? '—', p.version ?? '—', p.generator ?? '—', p.metadataVersion ?? '—', recordWords(p.record)]
  })
  const fields = comparison.fields.map((field) => [field.source, field.field, field.left.join(', '), field.right.join(', '), field.orderOnly ? 'order only' : ''])
  return '<h2 id="package">Package metadata</h2>' +
    table(['side', 'kind', 'name', 'version', 'generator', 'metadata version', 'RECORD'], identity) +
    (fields.length ? table(['source', 'field', 'left', 'right', ''], fields) : '<p>No package metadata field differs.</p>')
}

function recordWords(record: PackageComparison['left']['record']): string {
  if (!record) return '—'
  const problems = record.hashMismatch.length + record.sizeMismatch.length + record.listedButMissing.length + record.notListed.length
  return `${record.rows} rows, ${problems ? `${problems} not matching the archive` : 'all matching the archive'}${record.unverified.length ? `, ${record.unverified.length} not checkable` : ''}`
}

function archive(model: ExportModel): string {
  if (!model.archive.length) return ''
  return `<h2 id="archive">Archive-level differences</h2>${table(['field', 'left → right'], model.archive.map((line) => [line.label, line.value]))}`
}

/** Rows of the differing-members table at most: the file stays openable; the JSON report lists every member. */
export const HTML_MEMBERS_MAX = 20_000

function members(model: ExportModel): string {
  if (!model.members.length) return ''
  const shown = model.members.slice(0, HTML_MEMBERS_MAX)
  const more = model.members.length - shown.length
  return `<h2 id="members">Differing members (${model.members.length})</h2>` +
    table(['', 'member', 'status', 'changed', 'left', 'right', 'note'], shown.map((m) => [m.mark, m.path, m.status, m.changed, m.left, m.right, m.note])) +
    (more ? `<p class="note">${more} more differing members are not listed here (the JSON report lists every member).</p>` : '')
}

export function renderHtml(report: Report, options: HtmlOptions): string {
  const model = exportModel(report)
  const title = `reprodiff: ${model.verdictWords} (${model.sides[0].name} / ${model.sides[1].name})`
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">` +
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${h(title)}</title><style>${HTML_STYLE}</style></head>\n<body>` +
    `<header class="verdict verdict-${model.verdict}" data-verdict="${model.verdict}"><h1>${h(model.verdictWords)}</h1><p>${h(model.summary)}</p>` +
    `<p class="counts">Members: ${h(model.counts)}</p></header>\n` +
    `<main>${sides(model)}\n${causes(model)}\n${packagePanel(report.package)}\n${archive(model)}\n${members(model)}\n` +
    `${renderTree(report.members)}\n${renderDiffs(options.diffs)}</main>\n` +
    `<footer><p>${h(`reprodiff, ${model.schema}. This file makes no request and runs no script.`)}</p></footer></body></html>\n`
}
