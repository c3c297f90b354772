/**
 * The comparison behind `reprodiff LEFT RIGHT`: one worker thread per side reads its artefact and then
 * gathers that side's evidence, while the main thread compares and explains (the split the page makes,
 * src/worker/client.ts), so the two sides use both cores. The report is the one `compareArtifacts` makes
 * in one thread (test/cli/cli-report.test.ts checks they are equal).
 */
import { stat, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ArtifactReading, CoreError, Limits, MemberComparison, Report, SideEvidence } from '../core/index'
import type { CliArguments } from './args'
import { debug } from './debug'
import { readTextDiffs } from './html-diffs'
import { writeJson } from './json-stream'
import { SideWorker } from './sides'
import { applySources, resolveSides, type ResolvedSides } from './sources'

/** A report with the readings it was made from (the HTML export re-reads the changed text members from them). */
export interface Compared {
  report: Report
  readings: [ArtifactReading, ArtifactReading]
}

/** A missing path, a directory or an unreadable file: the reason, or null when it can be read. */
async function checkPath(path: string): Promise<string | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? null : `${path} is not a regular file`
  } catch (error) {
    return `${path} cannot be opened: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
  }
}

/** Trace reports (`--source`): the exit status follows `trace.verdict` (issue 12). */
const TRACE_EXIT: Record<NonNullable<Report['trace']>['verdict'], number> = { traced: 0, 'untraceable-content': 1, error: 2 }

/**
 * 2 when a side cannot be read; 1 when the files differ or a security finding was made; 0 otherwise. A trace
 * report: 0 traced, 1 untraceable content, 2 error.
 */
export function exitCodeFor(report: Report): number {
  const security = report.findings.some((finding) => finding.severity === 'security')
  // A trace follows its own verdict, but a security finding (a digest mismatch) is exit 1 in either mode.
  if (report.mode === 'trace' && report.trace) return TRACE_EXIT[report.trace.verdict] === 0 && security ? 1 : TRACE_EXIT[report.trace.verdict]
  if (report.verdict === 'error') return 2
  if (security) return 1
  return report.verdict === 'identical' ? 0 : 1
}

/** Both workers' evidence; a side whose evidence fails only loses it, as gatherEvidence does in the core. */
async function gatherBothEvidence(sides: SideWorker[], report: Report, needsEvidence: (member: MemberComparison) => boolean): Promise<SideEvidence[]> {
  // Only the members the rules can want evidence for: posting the whole report to each worker would
  // structure-clone every member twice (about 0.3 s for 50,000 members, measured).
  const asked: Report = { ...report, members: report.members.filter(needsEvidence) }
  return Promise.all(sides.map((side) => side.evidence(asked).catch((): SideEvidence => ({}))))
}

/** The side's reading; with REPRODIFF_DEBUG=1, says on stderr which thread read it and when. */
async function debugTimed(side: SideWorker): Promise<ArtifactReading> {
  const reading = await side.reading
  debug(`${side.job.side} ${side.job.name} read in worker thread ${side.threadId}`)
  return reading
}

export interface CompareHow {
  trace?: boolean
  openSameBytes?: boolean
}

/**
 * Reads both files in two workers, has each open its containers, compares (or, with `trace`, traces the wheel
 * `paths[1]` to the sdist `paths[0]`) and explains on this thread; the workers are stopped in every case.
 */
export async function compareFiles(paths: string[], limits: Partial<Limits>, how: CompareHow = {}): Promise<Compared> {
  const sides = (['left', 'right'] as const).map((side, i) => new SideWorker({ path: paths[i], name: basename(paths[i]), side, limits }))
  try {
    // Loaded while the workers start: the main thread needs only the comparison and the rules.
    const { adoptNested, analyzeReport, compareReadings, traceReadings, needsEvidence, planOpening } = await import('../core/index')
    debug('core loaded on the main thread')
    const [left, right] = await Promise.all(sides.map(debugTimed))
    // Every container for a trace (an sdist and its wheel pair otherwise) or when asked; else all but the same bytes.
    const plan = planOpening(left, right, how.trace === true || how.openSameBytes === true)
    const [leftNested, rightNested] = await Promise.all([sides[0].openContainers(plan.left), sides[1].openContainers(plan.right)])
    debug('containers opened')
    adoptNested(left, leftNested)
    adoptNested(right, rightNested)
    const readings: Compared['readings'] = [left, right]
    const report = how.trace ? traceReadings(left, right) : compareReadings(left, right, plan.pairs)
    debug(how.trace ? 'traced' : 'compared')
    const [leftEvidence, rightEvidence] = await gatherBothEvidence(sides, report, needsEvidence)
    debug('evidence gathered')
    const explained = analyzeReport(report, { left: leftEvidence, right: rightEvidence })
    debug('explained')
    return { report: explained, readings }
  } finally {
    await Promise.all(sides.map((side) => side.terminate()))
  }
}

/** Writes the report (streamed JSON, Markdown or the summary); a reader that goes away (`| head`) is not an error. */
async function printReport(report: Report, args: CliArguments): Promise<void> {
  try {
    if (args.json) await writeJson(process.stdout, report)
    else if (args.markdown) await writeText(process.stdout, (await import('../core/index')).renderMarkdown(report))
    else process.stdout.write(`${(await import('./summary')).formatSummary(report, { all: args.all })}\n`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error
  }
}

/** Resolves once `text` is handed to the output (so the exit status is set after it, not before). */
function writeText(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())))
}

/** The HTML export with the text diffs of changed members; the problem when the file cannot be written. */
async function writeHtml(compared: Compared, args: CliArguments): Promise<string | null> {
  const { renderHtml } = await import('../core/index')
  const diffs = await readTextDiffs(compared, args.paths, args.limits)
  debug('html diffs read')
  try {
    await writeFile(args.html!, renderHtml(compared.report, { diffs }))
    return null
  } catch (error) {
    return `${args.html} cannot be written: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
  }
}

/** Sides given as URLs or index specs are downloaded (and checked) first; the downloads are removed at the end. */
export async function run(args: CliArguments): Promise<number> {
  const sides = await resolveSides(args.paths, { flags: args.sources, limits: args.limits })
  if ('problem' in sides) return console.error(`reprodiff: ${sides.problem}`), 2
  try {
    return await runOnFiles({ ...args, paths: sides.paths }, sides)
  } finally {
    await sides.cleanup()
  }
}

async function runOnFiles(args: CliArguments, sides: ResolvedSides): Promise<number> {
  const problems = (await Promise.all(args.paths.map(checkPath))).filter((p): p is string => p !== null)
  if (problems.length) return console.error(`reprodiff: ${problems.join('; ')}`), 2
  let compared: Compared
  try {
    compared = await compareFiles(args.paths, args.limits, { trace: args.source, openSameBytes: args.openSameBytes })
  } catch (thrown) {
    const error = thrown as CoreError
    return console.error(`reprodiff: ${error.message ?? String(thrown)}`), 2
  }
  const report = applySources(compared.report, sides)
  compared = { ...compared, report }
  // The file first: a file that cannot be written is exit 2 whatever the comparison found.
  const htmlProblem = args.html === null ? null : await writeHtml(compared, args)
  await printReport(report, args)
  debug('report written')
  for (const side of [report.left, report.right]) {
    if (side.error) console.error(`reprodiff: ${side.name}: ${side.error.message}`)
  }
  if (htmlProblem) return console.error(`reprodiff: ${htmlProblem}`), 2
  return exitCodeFor(report)
}
