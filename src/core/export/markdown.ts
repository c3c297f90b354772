/**
 * The Markdown export (`reprodiff --markdown`, the page's "Markdown" button): the verdict, both sides'
 * digests, the causes with their evidence and remedy, the archive fields and the table of differing members,
 * sized for a GitHub or GitLab comment. Every name and text from the artefacts goes through `markdownText`
 * (escape.ts): no raw HTML, no links or images, no table cell broken by a pipe.
 */
import { LineBudget } from './budget'
import { markdownText as md } from './escape'
import { exportModel, type CauseModel, type ExportModel, type SideModel } from './export-model'

/** GitHub refuses a comment over 65,536 characters; this leaves room to quote it. */
export const MARKDOWN_MAX_CHARACTERS = 65_000
/** Kept free for the note saying what was left out. */
const NOTE_RESERVE = 600

const SECTION_WORDS: Record<string, string> = {
  causes: 'causes', archive: 'archive-level differences', members: 'differing members',
}

function sideRow(side: SideModel): string {
  const error = side.error ? ` (error ${md(side.error)})` : ''
  // A SHA-256 is 64 hex digits or "not computed": safe in a code span.
  return `| ${side.label} | ${md(side.name)}${error} | ${side.size} | ${md(side.format)} | ${side.memberCount} | \`${side.sha256}\` |`
}

function causeBlock(cause: CauseModel): string {
  const mark = cause.severity === 'security' ? '⚠ **security**' : cause.derived ? '↳' : '·'
  const lines = [`- ${mark} \`${cause.cause.replace(/[^a-z0-9.-]/gi, '')}\` ${md(cause.title)}`]
  for (const line of cause.evidence) lines.push(`  - ${md(line.label)}: ${md(line.value)}`)
  lines.push(`  - **what to do:** ${md(cause.remedy)}`)
  return lines.join('\n')
}

function header(model: ExportModel, budget: LineBudget): void {
  budget.force(`## reprodiff: ${md(model.verdictWords)}`)
  budget.force('')
  budget.force(md(model.summary))
  budget.force('')
  budget.force('| side | file | size | format | members | SHA-256 |')
  budget.force('|---|---|---|---|---|---|')
  for (const side of model.sides) budget.force(sideRow(side))
  budget.force('')
  budget.force(`**Members:** ${model.counts}`)
}

function causes(model: ExportModel, budget: LineBudget): void {
  if (!model.causes.length) return
  budget.add('')
  budget.add(model.securityCount ? `### Why they differ (${model.securityCount} security finding${model.securityCount === 1 ? '' : 's'} first)` : '### Why they differ')
  budget.add('')
  for (const cause of model.causes) budget.add(causeBlock(cause), 'causes')
}

function archive(model: ExportModel, budget: LineBudget): void {
  if (!model.archive.length) return
  budget.add('')
  budget.add('### Archive-level differences')
  budget.add('')
  for (const line of model.archive) budget.add(`- ${md(line.label)}: ${md(line.value)}`, 'archive')
}

function members(model: ExportModel, budget: LineBudget): void {
  if (!model.members.length) return
  budget.add('')
  budget.add(`### Differing members (${model.members.length})`)
  budget.add('')
  budget.add('| | member | status | changed | left | right | note |')
  budget.add('|---|---|---|---|---|---|---|')
  for (const row of model.members) {
    budget.add(`| ${row.mark} | ${md(row.path)} | ${row.status} | ${md(row.changed)} | ${md(row.left)} | ${md(row.right)} | ${md(row.note)} |`, 'members')
  }
}

/** What was left out, section by section; "" when nothing was. */
function leftOutNote(budget: LineBudget, model: ExportModel): string {
  if (!budget.leftOut.size) return ''
  const parts = [...budget.leftOut].map(([section, count]) => {
    const total = section === 'causes' ? model.causes.length : section === 'archive' ? model.archive.length : model.members.length
    return `${count} of ${total} ${SECTION_WORDS[section]}`
  })
  return `_Left out to stay under ${MARKDOWN_MAX_CHARACTERS.toLocaleString('en')} characters: ${parts.join(', ')}. ` +
    'The JSON report (`reprodiff --json`, or the page\'s JSON export) has everything._'
}

export function renderMarkdown(report: Parameters<typeof exportModel>[0], maxCharacters = MARKDOWN_MAX_CHARACTERS): string {
  const model = exportModel(report)
  const budget = new LineBudget(maxCharacters, NOTE_RESERVE)
  header(model, budget)
  causes(model, budget)
  archive(model, budget)
  members(model, budget)
  const note = leftOutNote(budget, model)
  if (note) {
    budget.force('')
    budget.force(note)
  }
  budget.force('')
  budget.force(`_reprodiff, ${md(model.schema)}_`)
  return budget.text()
}
