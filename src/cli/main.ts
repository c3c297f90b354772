/**
 * `reprodiff LEFT RIGHT [--json] [--all] [limits]`: compares two artefacts with the same core as the page.
 * Exit status as diff(1) and diffoscope: 0 byte-identical, 1 different (or hostile content found),
 * 2 when either cannot be read.
 */
import { openAsBlob } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { compareArtifacts, type ArtifactSource, type Report } from '../core/index'
import { limitsHelp, parseArguments } from './args'
import { formatSummary } from './summary'

const USAGE = `usage: reprodiff LEFT RIGHT [--json] [--all] [limits]
  Compares two builds of an artefact (wheel, sdist, tarball, zip) and says whether they are the same, and why not.
  --json                 print the full report (schema reprodiff-report/2, see docs/report-format.md)
  --all                  list identical members too in the summary
limits (a limit reached is reported by name, and the rest of the comparison goes on):
${limitsHelp()}
exit status: 0 identical, 1 different or hostile content found, 2 a file cannot be read`

/** Node's DecompressionStream is a slow wrapper over zlib; fflate is faster here for every member size. */
const NODE_READ_OPTIONS = { streamInflateThreshold: Number.POSITIVE_INFINITY }

/** A missing path, a directory or an unreadable file: the reason, or null when it can be read. */
async function checkPath(path: string): Promise<string | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? null : `${path} is not a regular file`
  } catch (error) {
    return `${path} cannot be opened: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
  }
}

async function openSource(path: string): Promise<ArtifactSource> {
  return { name: basename(path), blob: await openAsBlob(path) }
}

/** 2 when a side cannot be read; 1 when the files differ or a security finding was made; 0 otherwise. */
export function exitCodeFor(report: Report): number {
  if (report.verdict === 'error') return 2
  if (report.findings.some((finding) => finding.severity === 'security')) return 1
  return report.verdict === 'identical' ? 0 : 1
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv)
  if (args.help) return console.log(USAGE), 0
  if (args.problems.length) return console.error(`reprodiff: ${args.problems.join('; ')}\n${USAGE}`), 2
  const problems = (await Promise.all(args.paths.map(checkPath))).filter((p): p is string => p !== null)
  if (problems.length) return console.error(`reprodiff: ${problems.join('; ')}`), 2
  const [left, right] = await Promise.all(args.paths.map(openSource))
  const report = await compareArtifacts(left, right, { ...NODE_READ_OPTIONS, limits: args.limits })
  console.log(args.json ? JSON.stringify(report, null, 2) : formatSummary(report, { all: args.all }))
  for (const side of [report.left, report.right]) {
    if (side.error) console.error(`reprodiff: ${side.name}: ${side.error.message}`)
  }
  return exitCodeFor(report)
}
