/**
 * Command-line arguments: two paths, output flags, and the reading limits (docs/report-format.md).
 * Imports only core/limits.ts (which imports types alone), so `--help` answers without loading the core.
 */
import { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, formatBytes, parseSize } from '../core/limits'
import type { Limits } from '../core/types'

export interface CliArguments {
  paths: string[]
  json: boolean
  /** `--markdown`: the Markdown export on stdout (src/core/export/markdown.ts). */
  markdown: boolean
  /** `--html FILE`: the HTML export written to FILE; null without the flag. */
  html: string | null
  all: boolean
  help: boolean
  /** `--source`: the first path is the sdist, the second its wheel; the report is a source trace (docs/report-format.md "Source trace"). */
  source: boolean
  /** `--open-same-bytes`: also open the nested archives whose bytes are the same on both sides (src/core/compare/same-bytes.ts). */
  openSameBytes: boolean
  limits: Partial<Limits>
  /** Sides from an index or a URL (src/cli/sources.ts): expected digests and index base URLs. */
  sources: SourceFlags
  problems: string[]
}

export interface SourceFlags { expectLeft?: string; expectRight?: string; indexUrl?: string; npmRegistry?: string }

/** Valued flags of the sides (a digest, a base URL), checked here so a typo stops before any download. */
const DIGEST = /^(?:(?:sha256:)?[0-9a-f]{64}|sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2})$/i
const SOURCE_FLAGS: Record<string, { key: keyof SourceFlags; valid: RegExp; what: string }> = {
  '--expect-left': { key: 'expectLeft', valid: DIGEST, what: 'a SHA-256 (64 hex digits) or an integrity string (sha512-…)' },
  '--expect-right': { key: 'expectRight', valid: DIGEST, what: 'a SHA-256 (64 hex digits) or an integrity string (sha512-…)' },
  '--index-url': { key: 'indexUrl', valid: /^https?:\/\/\S+$/i, what: 'an http(s) URL' },
  '--npm-registry': { key: 'npmRegistry', valid: /^https?:\/\/\S+$/i, what: 'an http(s) URL' },
}

type Switch = 'json' | 'markdown' | 'all' | 'help' | 'source' | 'openSameBytes'
const SWITCHES: Record<string, Switch> = { '--json': 'json', '--markdown': 'markdown', '--all': 'all', '--help': 'help', '--source': 'source', '--open-same-bytes': 'openSameBytes' }

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
  return `usage: reprodiff LEFT RIGHT [--json | --markdown] [--html FILE] [--all] [--open-same-bytes] [limits]
       reprodiff --source SDIST WHEEL [same options]
  Compares two builds of an artefact (wheel, sdist, tarball, zip) and says whether they are the same, and why not.
  --source               trace every member of WHEEL to the audited SDIST it claims to be built from: each is
                         from-source, differs-from-source, generated, compiled or untraceable (exit status: 0 traced,
                         1 untraceable content, 2 a file cannot be read)
  --json                 print the full report (schema reprodiff-report/2, see docs/report-format.md): compact JSON,
                         one member per line, written as it goes (pipe it to \`jq .\` to indent it)
  --markdown             print the report as Markdown, sized for a GitHub or GitLab comment (not with --json)
  --html FILE            also write the report as one self-contained HTML file (summary, causes, tree, text diffs)
  --all                  list identical members too in the summary
  --open-same-bytes      also open the archives inside whose bytes are the same on both sides (by default they are
                         not opened: the same bytes hold the same members), so the checks inside them run too
sides: LEFT and RIGHT are paths, or fetched when given so: an http(s) URL, pypi:PROJECT==VERSION[:FILENAME] (the
Python index JSON API) or npm:NAME@VERSION (the npm registry); a download is checked against its published digest
  --expect-left=SHA256   the digest the left side must have (SHA-256 hex, or an npm sha512-… integrity); likewise
  --expect-right=SHA256  the right side; a mismatch is the security finding digest-mismatch (exit 1)
  --index-url=URL        the Python index for pypi: sides (default https://pypi.org; a mirror, devpi, a proxy)
  --npm-registry=URL     the npm registry for npm: sides (default https://registry.npmjs.org)
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
  const parsed: CliArguments = { paths: [], json: false, markdown: false, html: null, all: false, help: false, source: false, openSameBytes: false, limits: {}, sources: {}, problems: [] }
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
    if (!LIMIT_FLAGS[flag] && flag !== '--html' && !SOURCE_FLAGS[flag]) {
      parsed.problems.push(`unknown option ${flag}`)
      continue
    }
    const separate = equals < 0
    if (separate && (i + 1 >= argv.length || argv[i + 1].startsWith('--'))) {
      parsed.problems.push(`${flag} needs a value`)
      continue
    }
    if (SOURCE_FLAGS[flag]) {
      const value = separate ? argv[++i] : arg.slice(equals + 1)
      if (SOURCE_FLAGS[flag].valid.test(value)) parsed.sources[SOURCE_FLAGS[flag].key] = value
      else parsed.problems.push(`${flag} needs ${SOURCE_FLAGS[flag].what}, got ${JSON.stringify(value)}`)
      continue
    }
    if (flag === '--html') {
      parsed.html = separate ? argv[++i] : arg.slice(equals + 1)
      if (!parsed.html) parsed.problems.push('--html needs a file name')
      continue
    }
    const value = limitValue(flag, separate ? argv[++i] : arg.slice(equals + 1))
    if (typeof value === 'string') parsed.problems.push(value)
    else parsed.limits[LIMIT_FLAGS[flag].limit] = value
  }
  // One format on stdout per run: JSON and Markdown together would be neither.
  if (parsed.json && parsed.markdown) parsed.problems.push('--json and --markdown cannot be used together (one format on stdout per run)')
  if (!parsed.help && parsed.paths.length !== 2) parsed.problems.push(`expected two files, got ${parsed.paths.length}`)
  return parsed
}
