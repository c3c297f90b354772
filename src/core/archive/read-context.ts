/**
 * State shared by every format reader while one artefact is read: the members found so far (kept even
 * when reading stops, so a truncated archive still shows what came before the cut), the limits, the
 * running totals, cancellation and progress.
 */
import { fail } from '../errors'
import { formatBytes, RATIO_CHECK_MINIMUM } from '../limits'
import type { Kernels } from '../kernels'
import type { Anomaly, ArchiveFields, Limits, Member, ReadProgress } from '../types'
import type { Bytes } from '../util/bytes'

export interface ReadContext {
  name: string
  fileSize: number
  limits: Limits
  fields: ArchiveFields
  members: Member[]
  retained: Record<number, Uint8Array>
  anomalies: Anomaly[]
  /** File ranges that belong to no member and no compared structure (prefix, trailing bytes, gaps): hashed into `outsideBytes.sha256`. */
  outsideBytes: { start: number; end: number }[]
  retainMember?: (path: string, size: number) => boolean
  totalBytes: number
  streamInflateThreshold: number
  streamHashThreshold: number
  /** SHA-256, inflate, gunzip and CRC-32 for every member of this reading (ReadOptions.kernels over the defaults). */
  kernels: Kernels
  signal?: AbortSignal
  onProgress?: (progress: ReadProgress) => void
  /** 0 for the artefact, 1 for an archive member of it, … */
  depth?: number
  /** Limits shared by every level of nested archives (nested.ts); absent only in readers' own tests. */
  nesting?: NestingTotals
  /** `totalBytes` when this reading started: what the other levels had produced (a re-read goes back to it). */
  totalBase?: number
  /** Members counted at the other levels when this reading started (they do not grow while it reads). */
  membersBase?: number
  /** Sees the bytes of every member read whole, so a member that is an archive itself is found from its bytes. */
  noteMemberBytes?: (member: Member, bytes: Bytes) => void
}

/**
 * Totals across every level of archives inside archives: the size, total and count limits hold for all
 * levels together, and the ratio limit for everything produced at every level against the outer file's size.
 */
export interface NestingTotals {
  outerFileSize: number
  totalBytes: number
  members: number
}

export function throwIfCancelled(context: ReadContext): void {
  if (context.signal?.aborted) fail('CANCELLED', 'Comparison cancelled')
}

export function reportProgress(context: ReadContext, bytesRead: number): void {
  context.onProgress?.({ bytesRead, totalBytes: context.fileSize, membersRead: context.members.length })
}

/** Checks the member-count limit before a new member is added. */
export function checkMemberCount(context: ReadContext, count: number): void {
  if (count + (context.membersBase ?? 0) > context.limits.maxMembers) {
    fail('LIMIT_EXCEEDED', `${context.name} has more than ${context.limits.maxMembers} members (the member-count limit)`)
  }
}

/**
 * Per-member limits (size, and ratio when the compressed size is known): a member past one becomes that
 * member's error, before anything is inflated; the others still read.
 */
export function checkMemberLimit(context: ReadContext, path: string, size: number, compressedSize?: number): void {
  const ratio = compressedSize === undefined ? null : size / Math.max(compressedSize, 1)
  const ratioWords = ratio === null ? '' : ` (ratio ${Math.round(ratio)}:1)`
  if (size > context.limits.maxMemberBytes) {
    fail('LIMIT_EXCEEDED', `${path} expands to ${formatBytes(size)}, past the ${formatBytes(context.limits.maxMemberBytes)} member limit${ratioWords}`, { path })
  }
  if (ratio !== null && size > RATIO_CHECK_MINIMUM && ratio > context.limits.maxRatio) {
    fail('LIMIT_EXCEEDED', `${path} expands ${Math.round(ratio)}:1 (${formatBytes(compressedSize!)} to ${formatBytes(size)}), past the ${context.limits.maxRatio}:1 ratio limit`, { path })
  }
}

/** Ratio limit for a stream (gzip): checked as it inflates, so a bomb stops early instead of filling memory. */
export function checkStreamRatio(context: ReadContext, inflated: number, compressed: number): void {
  checkOuterRatio(context, (context.totalBase ?? 0) + inflated)
  if (inflated <= RATIO_CHECK_MINIMUM || inflated <= compressed * context.limits.maxRatio) return
  fail('LIMIT_EXCEEDED', `${context.name} inflates ${Math.round(inflated / Math.max(compressed, 1))}:1 (${formatBytes(compressed)} to more than ${formatBytes(inflated)}), past the ${context.limits.maxRatio}:1 ratio limit`)
}

/** Total limit: ends the archive, because everything after it stays unread (and is reported so). */
export function addToTotal(context: ReadContext, path: string, size: number): void {
  if (context.totalBytes + size > context.limits.maxTotalBytes) {
    fail('LIMIT_EXCEEDED', `${context.name} expands past the ${formatBytes(context.limits.maxTotalBytes)} total limit at ${path}`)
  }
  context.totalBytes += size
  checkOuterRatio(context, context.totalBytes)
}

/**
 * Inside a nested archive, everything produced at every level against the outer file's size: a small file
 * whose levels each stay below the ratio can still expand without bound, and this stops it (the top level
 * keeps its per-member and per-stream checks, so its behaviour does not change).
 */
function checkOuterRatio(context: ReadContext, produced: number): void {
  const outer = context.nesting?.outerFileSize
  if (outer === undefined || !context.depth) return
  if (produced <= RATIO_CHECK_MINIMUM || produced <= outer * context.limits.maxRatio) return
  fail('LIMIT_EXCEEDED', `The nested archive ${context.name} brings what every level produced to ${formatBytes(produced)}: ${Math.round(produced / Math.max(outer, 1))}:1 against the outer file's ${formatBytes(outer)}, past the ${context.limits.maxRatio}:1 ratio limit`)
}

/** Forgets everything read so far, for a second reading of the same artefact with another decoder. */
export function resetContext(context: ReadContext): void {
  context.members.length = 0
  context.anomalies.length = 0
  context.outsideBytes.length = 0
  context.totalBytes = context.totalBase ?? 0
  for (const key of Object.keys(context.fields)) delete context.fields[key]
  for (const key of Object.keys(context.retained)) delete context.retained[Number(key)]
}

/** Keeps a copy of a member's bytes when the caller asked for it (small package-metadata files). */
export function retainIfWanted(context: ReadContext, member: Member, bytes: Bytes): void {
  if (context.retainMember?.(member.path, bytes.length)) context.retained[member.index] = bytes.slice()
  context.noteMemberBytes?.(member, bytes)
}

/** How much of a member's head `noteMemberBytes` needs to tell its format (detect.ts reads 512 bytes). */
const MEMBER_HEAD_BYTES = 512

/**
 * For a member hashed in chunks (at or above `streamHashThreshold`): gathers its first bytes across chunks and shows
 * them to `noteMemberBytes` once, so a container too large to open is still found from its bytes, and nested.ts
 * names it instead of leaving it compared by its hash without a word. `finish` shows a shorter head at the end.
 */
export function memberHeadNoter(context: ReadContext, member: Member): { update(chunk: Uint8Array): void; finish(): void } {
  let head: Bytes | null = context.noteMemberBytes ? new Uint8Array(0) : null
  const show = () => {
    if (head !== null && head.length > 0) context.noteMemberBytes?.(member, head)
    head = null
  }
  return {
    update(chunk) {
      if (head === null) return
      const next = new Uint8Array(Math.min(MEMBER_HEAD_BYTES, head.length + chunk.length))
      next.set(head)
      next.set(chunk.subarray(0, next.length - head.length), head.length)
      head = next
      if (head.length >= MEMBER_HEAD_BYTES) show()
    },
    finish: show,
  }
}

/**
 * Records file bytes that no member or compared field holds. Their content is hashed after reading, so two
 * files that differ only there (another tar in front of the same zip, other junk after it) never compare
 * as having no visible difference.
 */
export function noteOutsideBytes(context: Pick<ReadContext, 'outsideBytes'>, start: number, end: number): void {
  if (end > start) context.outsideBytes.push({ start, end })
}
