/** Command-line arguments: two paths, output flags, and the reading limits (docs/report-format.md). */
import { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, formatBytes, parseSize, type Limits } from '../core/index'

export interface CliArguments {
  paths: string[]
  json: boolean
  all: boolean
  help: boolean
  limits: Partial<Limits>
  problems: string[]
}

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

export function parseArguments(argv: string[]): CliArguments {
  const parsed: CliArguments = { paths: [], json: false, all: false, help: false, limits: {}, problems: [] }
  for (const arg of argv) {
    if (!arg.startsWith('--')) parsed.paths.push(arg)
    else if (arg === '--json' || arg === '--all' || arg === '--help') parsed[arg.slice(2) as 'json' | 'all' | 'help'] = true
    else {
      const [flag, value = ''] = arg.split('=', 2)
      const spec = LIMIT_FLAGS[flag]
      const number = spec ? (spec.bytes ? parseSize(value) : Number(value)) : null
      if (!spec) parsed.problems.push(`unknown option ${flag}`)
      else if (number === null || !Number.isFinite(number) || number <= 0) parsed.problems.push(`${flag} needs a positive value, got ${JSON.stringify(value)}`)
      else parsed.limits[spec.limit] = number
    }
  }
  if (!parsed.help && parsed.paths.length !== 2) parsed.problems.push(`expected two files, got ${parsed.paths.length}`)
  return parsed
}
