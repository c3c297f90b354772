/**
 * `reprodiff LEFT RIGHT [--json] [--all]`: compares two artefacts with the same core as the page.
 * Exit status as diff(1) and diffoscope: 0 byte-identical, 1 different, 2 when either cannot be read.
 */
import { openAsBlob } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { compareArtifacts, type ArtifactSource, type Report } from '../core/index'
import { formatSummary } from './summary'

const USAGE = `usage: reprodiff LEFT RIGHT [--json] [--all]
  Compares two builds of an artefact (wheel, sdist, tarball, zip) and says whether they are the same.
  --json   print the full report (schema reprodiff-report/1, see docs/report-format.md)
  --all    list identical members too in the summary
exit status: 0 identical, 1 different, 2 cannot read`

/** Node's DecompressionStream is a slow wrapper over zlib; fflate is faster here for every member size. */
const NODE_READ_OPTIONS = { streamInflateThreshold: Number.POSITIVE_INFINITY }

async function openSource(path: string): Promise<ArtifactSource> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return { name: basename(path), blob: new Blob([]) }
    return { name: basename(path), blob: await openAsBlob(path) }
  } catch {
    return { name: basename(path), blob: new Blob([]) }
  }
}

/** A missing or unreadable path is reported like an unreadable artefact, with the reason. */
async function checkPath(path: string): Promise<string | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? null : `${path} is not a regular file`
  } catch (error) {
    return `${path} cannot be opened: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
  }
}

export function exitCodeFor(report: Report): number {
  if (report.verdict === 'error') return 2
  return report.verdict === 'identical' ? 0 : 1
}

export async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((arg) => arg.startsWith('--')))
  const paths = argv.filter((arg) => !arg.startsWith('--'))
  const unknown = [...flags].filter((flag) => !['--json', '--all', '--help'].includes(flag))
  if (flags.has('--help')) return console.log(USAGE), 0
  if (paths.length !== 2 || unknown.length) return console.error(USAGE), 2
  const problems = (await Promise.all(paths.map(checkPath))).filter((p): p is string => p !== null)
  if (problems.length) return console.error(`reprodiff: ${problems.join('; ')}`), 2
  const [left, right] = await Promise.all(paths.map(openSource))
  const report = await compareArtifacts(left, right, NODE_READ_OPTIONS)
  if (flags.has('--json')) console.log(JSON.stringify(report, null, 2))
  else console.log(formatSummary(report, { all: flags.has('--all') }))
  for (const side of [report.left, report.right]) {
    if (side.error) console.error(`reprodiff: ${side.name}: ${side.error.message}`)
  }
  return exitCodeFor(report)
}
