/**
 * The page's exports of the report in view: the same renderers as the CLI (src/core/export), so the JSON is
 * the bytes of `reprodiff --json` for the same pair. The HTML's text diffs are read through the workers, the way
 * the diff view reads a member, with the core's plan of which members to diff (the CLI's too); a saved report
 * opened without its files has none, and its HTML says "diffs not included". The UI turns each into a download.
 */
import { jsonChunks, planTextDiffs, renderHtml, renderMarkdown, summaryText, textDiffOf, unreadDiff } from '../core/index'
import type { HtmlDiff } from '../core/index'
import type { Report } from '../core/types-public'
import { loadMemberContent, useDiffStore } from './diff-store'

export interface ExportFile {
  name: string
  blob: Blob
}

/** A file name from both sides' names: letters, digits, `.`, `_` and `-` only (a name is hostile, and the OS's rules vary). */
export function exportName(report: Report, extension: string): string {
  const stem = (name: string) => name.replace(/\.(whl|zip|tgz|tar(\.\w+)?|gz|xz|bz2|zst)$/i, '').replace(/[^\w.-]+/g, '_').slice(0, 60) || 'side'
  return `${stem(report.left.name)}--${stem(report.right.name)}.reprodiff.${extension}`
}

/** The JSON report as Blob parts of about 64 KiB: never one string, so a 500,000-member report still exports. */
export function jsonExport(report: Report): ExportFile {
  return { name: exportName(report, 'json'), blob: new Blob([...jsonChunks(report)], { type: 'application/json' }) }
}

export function markdownExport(report: Report): ExportFile {
  return { name: exportName(report, 'md'), blob: new Blob([renderMarkdown(report)], { type: 'text/markdown' }) }
}

/** The text diffs of the report in view, read one member at a time; null when the workers do not hold its files. */
async function pageTextDiffs(report: Report): Promise<HtmlDiff[] | null> {
  const { files, report: shown, limits, browsingSaved } = useDiffStore.getState()
  if (shown !== report || browsingSaved || !files.left || !files.right) return null
  const diffs: HtmlDiff[] = []
  for (const plan of planTextDiffs(report, limits.maxTextBytes)) {
    if (!plan.read) {
      diffs.push(plan.diff)
      continue
    }
    try {
      diffs.push(textDiffOf(plan.member.path, await loadMemberContent(plan.member, limits.maxTextBytes)))
    } catch (error) {
      diffs.push(unreadDiff(plan.member.path, error))
    }
  }
  return diffs
}

export async function htmlExport(report: Report): Promise<ExportFile> {
  const diffs = await pageTextDiffs(report)
  return { name: exportName(report, 'html'), blob: new Blob([renderHtml(report, { diffs })], { type: 'text/html' }) }
}

export function copiedSummary(report: Report): string {
  return summaryText(report)
}
