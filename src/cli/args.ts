/**
 * Command-line arguments: two paths, output flags, and the reading limits (docs/report-format.md).
 * Imports only core/limits.ts (which imports types alone), so `--help` answers without loading the core.
 */
import { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, formatBytes, parseSize } from '../core/limits'
import type { Limits } from '../core/types'

export interface CliArguments {
  paths: string[]
  json: boolean
  all: boolean
  help: boolean
  limits: Partial<Limits>
  problems: string[]
}

type Switch = 'json' | 'all' | 'help'
const SWITCHES: Record<string, Switch> = { '--json': 'json', '--all': 'all', '--help': 'help' }

/** Flag name → limit, and whether its value is a byte size (accepts 10M, 2GiB, …) or a plain count. */
const LIMIT_FLAGS: Record<string, { limit: keyof Limits; bytes: boolean }> = {
  '--max-member-size': { limit: 'maxMemberBytes', bytes: true },
  '--max-total-size': { limit: 'maxTotalBytes', bytes: true },
  '--max-members': { limit: 'maxMembers', bytes: false },
  '--max-ratio': { limit: 'maxRatio', bytes: false },
  '--max-depth': { limit: 'maxDepth', bytes: false },
}

export function limitsHelp(): string {
  return Object.entries(LIMIT_FLAGS)
    .map(([flag, { limit, bytes }]) => `  ${`${flag}=N`.padEnd(22)} ${LIMIT_DESCRIPTIONS[limit]} (default ${bytes ? formatBytes(DEFAULT_LIMITS[limit]) : DEFAULT_LIMITS[limit]})`)
    .join('\n')
}

export function usage(): string {
  return `usage: reprodiff LEFT RIGHT [--json] [--all] [limits]
  Compares two builds of an artefact (wheel, sdist, tarball, zip) and says whether they are the same, and why not.
  --json                 print the full report (schema reprodiff-report/2, see docs/report-format.md): compact JSON,
                         one member per line, written as it goes (pipe it to \`jq .\` to indent it)
  --all                  list identical members too in the summary
limits (a limit reached is reported by name, and the rest of the comparison goes on); each also takes its value
as the next argument (--max-depth 3):
${limitsHelp()}
exit status: 0 identical, 1 different or hostile content found, 2 a file cannot be read`
}

/** A limit's value as a number, or the problem with it. */
function limitValue(flag: string, value: string): number | string {
  const spec = LIMIT_FLAGS[flag]
  const number = spec.bytes ? parseSize(value) : Number(value)
  return number === null || !Number.isFinite(number) || number <= 0 ? `${flag} needs a positive value, got ${JSON.stringify(value)}` : number
}

/**
 * Valued flags take `--flag=value` or `--flag value`; a next argument that is itself an option is not taken
 * as the value (`--max-ratio --json` names the missing value instead of swallowing `--json`).
 */
export function parseArguments(argv: string[]): CliArguments {
  const parsed: CliArguments = { paths: [], json: false, all: false, help: false, limits: {}, problems: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) {
      parsed.paths.push(arg)
      continue
    }
    const equals = arg.indexOf('=')
    const flag = equals < 0 ? arg : arg.slice(0, equals)
    if (SWITCHES[flag]) {
      if (equals < 0) parsed[SWITCHES[flag]] = true
      else parsed.problems.push(`${flag} takes no value`)
      continue
    }
    if (!LIMIT_FLAGS[flag]) {
      parsed.problems.push(`unknown option ${flag}`)
      continue
    }
    const separate = equals < 0
    if (separate && (i + 1 >= argv.length || argv[i + 1].startsWith('--'))) {
      parsed.problems.push(`${flag} needs a value`)
      continue
    }
    const value = limitValue(flag, separate ? argv[++i] : arg.slice(equals + 1))
    if (typeof value === 'string') parsed.problems.push(value)
    else parsed.limits[LIMIT_FLAGS[flag].limit] = value
  }
  if (!parsed.help && parsed.paths.length !== 2) parsed.problems.push(`expected two files, got ${parsed.paths.length}`)
  return parsed
}
