import type { CoreError } from './errors'

export type Side = 'left' | 'right'

/** Container formats recognised from the bytes (never from the file name). */
export type ArchiveFormat = 'zip' | 'tar' | 'tar+gzip' | 'gzip'

export type MemberType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'

/** A metadata value as stored in the archive; numbers stay numbers so rules can reason on them. */
export type MetaValue = string | number | boolean | null

/**
 * One archive entry. `meta` holds every header field that a reproducible build could change,
 * under its spec name (zip: APPNOTE 4.3/4.4; tar: POSIX ustar/pax), so comparison is generic.
 */
export interface Member {
  /** Position in the archive's own listing (zip: central directory; tar: stream order). */
  index: number
  /** The name as stored, decoded for display (invalid bytes appear as \xNN, never dropped). */
  path: string
  type: MemberType
  /** Uncompressed size in bytes. */
  size: number
  /** SHA-256 (hex) of the member's bytes; null for directories and unreadable members. */
  sha256: string | null
  /** Symlink or hard-link target, as text. */
  linkTarget?: string
  /** Byte offset of the member's header (zip: local header; tar: header in the uncompressed stream). */
  offset: number
  /** Where the member's data starts, when it differs from a fixed distance after `offset` (tar). */
  dataOffset?: number
  /** Header fields: mtime (seconds since the epoch), mode, uid, gid, compression, … */
  meta: Record<string, MetaValue>
  /** Set when this member could not be read; the rest of the archive still is. */
  error?: CoreError
}

/** Archive-level fields: gzip header, zip end record, tar format. */
export type ArchiveFields = Record<string, MetaValue>

/** What one side reads to: the whole artefact's identity plus, when readable, its members. */
export interface ArtifactReading {
  name: string
  size: number
  sha256: string | null
  format: ArchiveFormat | null
  fields: ArchiveFields
  members: Member[]
  /** Set when the artefact could not be read completely; `members` then holds what was read before. */
  error?: CoreError
}

export type MemberStatus = 'identical' | 'metadata' | 'modified' | 'left-only' | 'right-only'

export type Verdict = 'identical' | 'metadata-only' | 'content-differs' | 'error'

/** One side of a member in the report: size, hash and every meta field flattened. */
export interface MemberSideReport {
  index: number
  offset: number
  size: number
  sha256: string | null
  type: MemberType
  linkTarget?: string
  error?: CoreError
  [field: string]: MetaValue | CoreError | undefined
}

export interface MemberComparison {
  /** The pairing path shown to the user: the left real path, or the right one for right-only members. */
  path: string
  leftPath: string | null
  rightPath: string | null
  type: MemberType
  status: MemberStatus
  /** Names of metadata fields that differ (plus `order` when the member moved). */
  changed: string[]
  left: MemberSideReport | null
  right: MemberSideReport | null
}

export interface ArchiveDifference {
  field: string
  left: MetaValue
  right: MetaValue
}

export interface ArtifactSummary {
  name: string
  size: number
  sha256: string | null
  format: ArchiveFormat | null
  memberCount: number
  error?: CoreError
}

/** Reserved for causes (a later issue); kept in the schema so consumers can rely on the key. */
export interface Finding {
  cause: string
  title: string
  derived: boolean
  members: string[]
  evidence: Record<string, unknown>
  remedy: string
}

export const REPORT_SCHEMA = 'reprodiff-report/1'

export interface Report {
  schema: typeof REPORT_SCHEMA
  verdict: Verdict
  left: ArtifactSummary
  right: ArtifactSummary
  archive: ArchiveDifference[]
  members: MemberComparison[]
  counts: Record<MemberStatus, number>
  findings: Finding[]
}

/** Explicit limits; hitting one is reported by name, never a silent stop. */
export interface Limits {
  /** Largest uncompressed member that is read and hashed. */
  maxMemberBytes: number
  /** Largest total of uncompressed bytes read from one artefact. */
  maxTotalBytes: number
  /** Most members read from one artefact. */
  maxMembers: number
}

export interface ReadProgress {
  side?: Side
  /** Bytes of the artefact file consumed so far. */
  bytesRead: number
  totalBytes: number
  membersRead: number
}

export interface ReadOptions {
  limits?: Partial<Limits>
  signal?: AbortSignal
  onProgress?: (progress: ReadProgress) => void
  /** Members at or above this size inflate through DecompressionStream (faster in Chromium, slower in Node). */
  streamInflateThreshold?: number
}
