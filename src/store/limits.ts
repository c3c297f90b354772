/**
 * The page's limits as text: how each is typed, shown and checked, and how they are kept between visits.
 * Pure functions (no store, no React), so the Limits panel and the unit tests use exactly the same rules.
 */
import type { Limits } from '../core/types-public'
import { DEFAULT_LIMITS, formatBytes, parseSize } from './format'

export type LimitName = keyof Limits

/** How a limit's value reads: a byte size, a plain count, or a ratio to one. */
export type LimitKind = 'bytes' | 'count' | 'ratio'

/** The panel's row order: the limits people raise most first. */
export const LIMIT_NAMES: readonly LimitName[] = ['maxMemberBytes', 'maxTotalBytes', 'maxRatio', 'maxMembers', 'maxDepth', 'maxTextBytes']

export const LIMIT_KIND: Record<LimitName, LimitKind> = {
  maxMemberBytes: 'bytes',
  maxTotalBytes: 'bytes',
  maxMembers: 'count',
  maxRatio: 'ratio',
  maxTextBytes: 'bytes',
  maxDepth: 'count',
}

/** Short names for the panel's labels and the CLI flag each one matches (docs/report-format.md "Limits"). */
export const LIMIT_TITLE: Record<LimitName, string> = {
  maxMemberBytes: 'Member size',
  maxTotalBytes: 'Total size',
  maxMembers: 'Member count',
  maxRatio: 'Compression ratio',
  maxTextBytes: 'Text diff size',
  maxDepth: 'Nesting depth',
}

/** The CLI flag that sets each limit (src/cli/args.ts); null for the page-only text size. A test keeps the two in step. */
export const LIMIT_CLI_FLAG: Record<LimitName, string | null> = {
  maxMemberBytes: '--max-member-size',
  maxTotalBytes: '--max-total-size',
  maxMembers: '--max-members',
  maxRatio: '--max-ratio',
  maxTextBytes: null,
  maxDepth: '--max-depth',
}

/** Far above any real artefact, and still an exact integer: larger values would only round silently. */
const MAX_VALUE = Number.MAX_SAFE_INTEGER

/** "2.0 GiB", "1000:1", "500,000": the value as the page states it. */
export function formatLimit(name: LimitName, value: number): string {
  const kind = LIMIT_KIND[name]
  if (kind === 'bytes') return formatBytes(value)
  if (kind === 'ratio') return `${value.toLocaleString('en')}:1`
  return value.toLocaleString('en')
}

/** The value as an input's starting text: exact, and short when a binary unit divides it ("2GiB", not "2147483648"). */
export function limitInputText(name: LimitName, value: number): string {
  if (LIMIT_KIND[name] !== 'bytes') return String(value)
  for (const [unit, size] of [['TiB', 1024 ** 4], ['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (value >= size && value % size === 0) return `${value / size}${unit}`
  }
  return String(value)
}

export type ParsedLimit = { ok: true; value: number } | { ok: false; message: string }

/** Reads what was typed for one limit; a refusal says what is accepted, with examples. */
export function parseLimitInput(name: LimitName, text: string): ParsedLimit {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: 'Enter a value.' }
  const kind = LIMIT_KIND[name]
  let value: number | null
  if (kind === 'bytes') value = parseSize(trimmed)
  else if (kind === 'ratio') value = /^\d+(\.\d+)?(\s*:\s*1)?$/.test(trimmed) ? Number(trimmed.split(':')[0]) : null
  // Thousands separators are what people copy from the page ("500,000"), so they are accepted.
  else value = /^\d{1,3}([,_ ]?\d{3})*$/.test(trimmed) ? Number(trimmed.replace(/[,_ ]/g, '')) : null

  if (value === null || !Number.isFinite(value)) {
    const examples = { bytes: 'a number of bytes or a size such as 500M, 64MiB or 2GiB', count: 'a whole number such as 500000', ratio: 'a number such as 1000 (read as 1000:1)' }
    return { ok: false, message: `"${trimmed}" is not ${examples[kind]}.` }
  }
  if (value > MAX_VALUE) return { ok: false, message: 'That is larger than this page can count exactly.' }
  // A ratio below 1:1 would refuse even stored (uncompressed) data; 0 of anything would refuse everything.
  if (kind === 'ratio' && value < 1) return { ok: false, message: 'A ratio must be at least 1 (1:1).' }
  if (value < 1) return { ok: false, message: 'Must be at least 1.' }
  return { ok: true, value }
}

/** The differences from the defaults; empty when every limit has its default. */
export function customLimits(limits: Limits): Partial<Limits> {
  return Object.fromEntries(LIMIT_NAMES.filter((name) => limits[name] !== DEFAULT_LIMITS[name]).map((name) => [name, limits[name]]))
}

const STORAGE_KEY = 'reprodiff.limits'

/** Storage can be missing (Node, tests) or throw on access (blocked cookies, sandboxed frames): both mean "none". */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** Saved limits over the defaults; anything unreadable or out of range is dropped, never trusted. */
export function loadLimits(): Limits {
  const limits = { ...DEFAULT_LIMITS }
  try {
    const saved: unknown = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null')
    if (!saved || typeof saved !== 'object') return limits
    for (const name of LIMIT_NAMES) {
      const value = (saved as Record<string, unknown>)[name]
      const parsed = typeof value === 'number' ? parseLimitInput(name, String(value)) : null
      if (parsed?.ok) limits[name] = parsed.value
    }
  } catch {
    // Corrupt JSON: the defaults apply.
  }
  return limits
}

/** Keeps only the custom values, so a later change of a default reaches people who never touched it. */
export function saveLimits(limits: Limits): void {
  try {
    const custom = customLimits(limits)
    if (Object.keys(custom).length === 0) storage()?.removeItem(STORAGE_KEY)
    else storage()?.setItem(STORAGE_KEY, JSON.stringify(custom))
  } catch {
    // Full or blocked storage: the limits still apply for this visit.
  }
}
