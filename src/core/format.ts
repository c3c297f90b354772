/** Display forms of metadata values, shared by the CLI and the page so both say the same thing. */
import type { MetaValue } from './types'

const MODE_FIELDS = new Set(['mode'])
const TIME_FIELDS = new Set(['mtime', 'extendedMtime', 'gzip.mtime'])
const HEX_FIELDS = new Set(['flags', 'gzip.flags'])

/** Seconds since the epoch as ISO 8601 UTC, keeping any fraction (pax mtimes carry one). */
export function formatTimestamp(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds)
  const whole = Math.floor(seconds)
  const date = new Date(whole * 1000)
  if (Number.isNaN(date.getTime())) return String(seconds)
  const iso = date.toISOString().replace('.000Z', 'Z')
  const fraction = seconds - whole
  return fraction ? iso.replace('Z', `${fraction.toFixed(7).slice(1).replace(/0+$/, '')}Z`) : iso
}

export function formatMetaValue(field: string, value: MetaValue | undefined): string {
  if (value === undefined) return '—'
  if (value === null) return 'none'
  if (typeof value === 'number') {
    if (MODE_FIELDS.has(field)) return `0${value.toString(8)}`
    if (TIME_FIELDS.has(field)) return value === 0 && field === 'gzip.mtime' ? '0 (none)' : `${formatTimestamp(value)} (${value})`
    if (HEX_FIELDS.has(field)) return `0x${value.toString(16).padStart(4, '0')}`
  }
  if (typeof value === 'string' && value === '') return '(empty)'
  return String(value)
}
