/**
 * The comparison behind `reprodiff LEFT RIGHT`: one worker thread per side reads its artefact and then
 * gathers that side's evidence, while the main thread compares and explains (the split the page makes,
 * src/worker/client.ts), so the two sides use both cores. The report is the one `compareArtifacts` makes
 * in one thread (test/cli/cli-report.test.ts checks they are equal).
 */
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ArtifactReading, CoreError, Limits, MemberComparison, Report, SideEvidence } from '../core/index'
import type { CliArguments } from './args'
import { debug } from './debug'
import { writeJson } from './json-stream'
import { SideWorker } from './sides'

/** A missing path, a directory or an unreadable file: the reason, or null when it can be read. */
async function checkPath(path: string): Promise<string | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? null : `${path} is not a regular file`
  } catch (error) {
    return `${path} cannot be opened: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
  }
}

/** 2 when a side cannot be read; 1 when the files differ or a security finding was made; 0 otherwise. */
export function exitCodeFor(report: Report): number {
  if (report.verdict === 'error') return 2
  if (report.findings.some((finding) => finding.severity === 'security')) return 1
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

/** Reads both files in two workers, compares and explains on this thread; the workers are stopped in every case. */
export async function compareFiles(paths: string[], limits: Partial<Limits>): Promise<Report> {
  const sides = (['left', 'right'] as const).map((side, i) => new SideWorker({ path: paths[i], name: basename(paths[i]), side, limits }))
  try {
    // Loaded while the workers start: the main thread needs only the comparison and the rules.
    const { analyzeReport, compareReadings, needsEvidence } = await import('../core/index')
    debug('core loaded on the main thread')
    const [left, right] = await Promise.all(sides.map(debugTimed))
    const report = compareReadings(left, right)
    debug('compared')
    const [leftEvidence, rightEvidence] = await gatherBothEvidence(sides, report, needsEvidence)
    debug('evidence gathered')
    const explained = analyzeReport(report, { left: leftEvidence, right: rightEvidence })
    debug('explained')
    return explained
  } finally {
    await Promise.all(sides.map((side) => side.terminate()))
  }
}

/** Writes the report (streamed JSON or the summary); a reader that goes away (`| head`) is not an error. */
async function printReport(report: Report, args: CliArguments): Promise<void> {
  try {
    if (args.json) await writeJson(process.stdout, report)
    else process.stdout.write(`${(await import('./summary')).formatSummary(report, { all: args.all })}\n`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error
  }
}

export async function run(args: CliArguments): Promise<number> {
  const problems = (await Promise.all(args.paths.map(checkPath))).filter((p): p is string => p !== null)
  if (problems.length) return console.error(`reprodiff: ${problems.join('; ')}`), 2
  let report: Report
  try {
    report = await compareFiles(args.paths, args.limits)
  } catch (thrown) {
    const error = thrown as CoreError
    return console.error(`reprodiff: ${error.message ?? String(thrown)}`), 2
  }
  await printReport(report, args)
  debug('report written')
  for (const side of [report.left, report.right]) {
    if (side.error) console.error(`reprodiff: ${side.name}: ${side.error.message}`)
  }
  return exitCodeFor(report)
}
