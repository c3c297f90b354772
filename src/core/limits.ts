/** Default limits, chosen so a torch-sized wheel still reads while a zip bomb stops early and says why. */
import type { Limits } from './types'

export const DEFAULT_LIMITS: Limits = {
  maxMemberBytes: 2 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxMembers: 500_000,
  /** Deflate cannot exceed about 1032:1, reached only by long runs of one byte; real members stay far below. */
  maxRatio: 1000,
  maxTextBytes: 8 * 1024 ** 2,
  /** A wheel inside an npm tarball is depth 1; five levels cover every real packaging, and stop a quine zip. */
  maxDepth: 5,
}

/** Data below this size is never judged by its ratio: a small member cannot exhaust memory. */
export const RATIO_CHECK_MINIMUM = 1024 ** 2

/** Plain words for each limit, shared by the CLI's help and the page's settings. */
export const LIMIT_DESCRIPTIONS: Record<keyof Limits, string> = {
  maxMemberBytes: 'size of one member, uncompressed',
  maxTotalBytes: 'total uncompressed size of one artefact',
  maxMembers: 'number of members in one artefact',
  maxRatio: 'compression ratio (uncompressed : compressed) of data above 1 MiB',
  maxTextBytes: 'size of a member shown as text in the diff view',
  maxDepth: 'levels of archives inside archives that are opened',
}

export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...partial }
}

/** Size suffixes: k, M, G, T are decimal (as `du --si` and disk vendors), KiB, MiB, GiB, TiB binary. */
const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3, t: 1e12, tb: 1e12, tib: 1024 ** 4 }

/**
 * A byte size as people type it ("2GiB", "500M", "10k", "4096", "1.5 MiB"); null when it is not one.
 * Shared by the CLI's flags and the page's Limits panel, so both accept the same words.
 */
export function parseSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim())
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined
  return match && unit !== undefined ? Math.round(Number(match[1]) * unit) : null
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}
