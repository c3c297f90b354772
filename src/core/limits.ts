/** Default limits, chosen so a torch-sized wheel still reads while a zip bomb stops early and says why. */
import type { Limits } from './types'

export const DEFAULT_LIMITS: Limits = {
  maxMemberBytes: 2 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxMembers: 500_000,
}

export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...partial }
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
