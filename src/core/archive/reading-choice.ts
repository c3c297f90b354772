/**
 * Which of a file's readings is compared. The bytes decide which readings exist (container-readings.ts);
 * only between those does the file name break the tie, by the tool that installs or unpacks such a file.
 */
import type { ReadingCandidate } from './container-readings'

interface NamedTool {
  /** File names this tool is used for. Longer suffixes come first (`.tar.gz` before `.gz`). */
  names: RegExp
  /** The tool, and how it finds its container, in words. */
  tool: string
  how: string
  reads(candidate: ReadingCandidate): boolean
}

/** tarfile.open('r:*') tries every compression at offset 0 before plain tar (CPython Lib/tarfile.py, `TarFile.open`). */
const TARFILE_FORMATS = new Set(['tar+gzip', 'bzip2', 'xz', 'zstd', 'tar+bzip2', 'tar+xz', 'tar+zstd', 'tar'])
/** What starts at offset 0, in the fixed order (only one of them can: the order is against zip readings). */
const AT_START = ['tar+gzip', 'gzip', 'tar+xz', 'xz', 'tar+bzip2', 'bzip2', 'tar+zstd', 'zstd', 'tar']

const NAMED_TOOLS: NamedTool[] = [
  {
    names: /\.(whl|zip|egg|jar)$/i,
    tool: "CPython's zipfile (what pip uses for wheels and zip sdists)",
    how: "reads it from the last end-of-central-directory signature in the file's final 65,557 bytes",
    reads: (candidate) => candidate.format === 'zip' && candidate.zipfileReads === true,
  },
  {
    names: /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i,
    tool: "Python's tarfile (what pip uses for sdists)",
    how: 'reads it from offset 0, trying each compression before plain tar',
    reads: (candidate) => candidate.offset === 0 && TARFILE_FORMATS.has(candidate.format),
  },
  {
    names: /\.(deb|udeb|ddeb|a|ar)$/i,
    tool: 'dpkg-deb and binutils ar',
    how: 'read it from offset 0 (deb(5): an ar archive)',
    reads: (candidate) => candidate.offset === 0 && candidate.format === 'ar',
  },
  {
    names: /\.gz$/i,
    tool: 'gzip',
    how: 'reads it from offset 0',
    reads: (candidate) => candidate.offset === 0 && (candidate.format === 'gzip' || candidate.format === 'tar+gzip'),
  },
  {
    names: /\.(xz|bz2|zst)$/i,
    tool: 'xz, bzip2 or zstd',
    how: 'reads it from offset 0',
    reads: (candidate) => candidate.offset === 0 && AT_START.includes(candidate.format) && candidate.format !== 'tar',
  },
]

/**
 * Without a telling name: the zip CPython's zipfile finds first. pip installs wheels and zip sdists with
 * zipfile, and zipfile's `is_zipfile` accepts any file whose end record parses, so what it reads is what
 * ends up installed; the bytes before that zip stay reported as its prefix. Then other zip end records, then
 * what starts at offset 0 (tar.gz, gzip, then tar.xz, xz, tar.bz2, bzip2, tar.zst, zstd, tar), then the formats we cannot read.
 */
const FIXED_ORDER = "the zip that CPython's zipfile finds from the end first, as pip reads it; then other zip end records, then what starts at offset 0 (tar.gz, gzip, tar.xz, xz, tar.bz2, bzip2, tar.zst, zstd, tar)"

function fixedRank(candidate: ReadingCandidate): number {
  if (candidate.format === 'zip') return candidate.zipfileReads ? 0 : 1
  const rank = AT_START.indexOf(candidate.format)
  return rank < 0 ? 2 + AT_START.length : 2 + rank
}

/** The first candidate in the fixed order (stable: equal ranks keep the file's order). */
function firstInFixedOrder(candidates: ReadingCandidate[]): ReadingCandidate {
  let best = candidates[0]
  for (const candidate of candidates) if (fixedRank(candidate) < fixedRank(best)) best = candidate
  return best
}

export function describeReading(candidate: ReadingCandidate): string {
  const words: Record<string, string> = {
    zip: 'zip', tar: 'tar', 'tar+gzip': 'tar.gz', gzip: 'gzip (one compressed file)',
    'tar+xz': 'tar.xz', xz: 'xz (one compressed file)', 'tar+bzip2': 'tar.bz2', bzip2: 'bzip2 (one compressed file)', 'tar+zstd': 'tar.zst', zstd: 'zstd (one compressed file)',
    ar: 'ar archive',
  }
  const what = words[candidate.format] ?? candidate.description ?? candidate.format
  const end = candidate.endRecordOffset === undefined ? '' : ` (end record at offset ${candidate.endRecordOffset})`
  return `the ${what} at offset ${candidate.offset}${end}`
}

/** Picks the reading to compare among at least one candidate, and says why in one sentence. */
export function chooseReading(name: string, candidates: ReadingCandidate[]): { chosen: ReadingCandidate; reason: string } {
  const named = NAMED_TOOLS.find((entry) => entry.names.test(name))
  const preferred = named ? candidates.filter((candidate) => named.reads(candidate)) : []
  const chosen = preferred.length > 0 ? firstInFixedOrder(preferred) : firstInFixedOrder(candidates)
  const others = candidates.filter((candidate) => candidate !== chosen).map(describeReading)
  const also = others.length ? ` Not compared: ${others.join('; ')}.` : ''
  const suffix = named ? name.match(named.names)![0] : null
  let why: string
  if (named && preferred.length > 0) why = `the name ends in ${suffix}, and ${named.tool} ${named.how}`
  else if (named) why = `the name ends in ${suffix}, but ${named.tool} reads none of these readings, so the fixed order applies (${FIXED_ORDER})`
  else why = `the name ${JSON.stringify(name)} names no tool, so the fixed order applies (${FIXED_ORDER})`
  return { chosen, reason: `Compared ${describeReading(chosen)}: ${why}.${also}` }
}
