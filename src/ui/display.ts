/** Small display formats used by several components (the shared ones live in store/format.ts). */
import type { ArchiveFormat } from '../core/types-public'

const FORMAT_NAMES: Record<ArchiveFormat, string> = {
  zip: 'zip', tar: 'tar', 'tar+gzip': 'tar.gz', gzip: 'gzip', 'tar+xz': 'tar.xz', xz: 'xz', 'tar+bzip2': 'tar.bz2', bzip2: 'bzip2', 'tar+zstd': 'tar.zst', zstd: 'zstd',
  ar: 'ar', file: 'plain file',
}

export function formatName(format: ArchiveFormat | null): string {
  return format ? FORMAT_NAMES[format] : 'unknown'
}

/** "143 ms" below a second, "2.4 s" above: the banner shows it small, so keep it short. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}

/** The first 12 hex digits are enough to tell two hashes apart by eye; the full value goes in a title. */
export function shortHash(sha256: string | null): string {
  return sha256 ? `${sha256.slice(0, 12)}…` : 'not computed'
}

/** Offsets in hex (what a hex editor shows) and decimal (what `cmp` prints). */
export function formatOffset(offset: number): string {
  return `0x${offset.toString(16).toUpperCase()} (${offset})`
}

export function formatSize(bytes: number, formatBytes: (bytes: number) => string): string {
  return bytes < 1024 ? `${bytes} B` : `${formatBytes(bytes)} (${bytes.toLocaleString('en')} bytes)`
}
