import type { CoreError } from './errors'
import type { Kernels } from './kernels'
import type { BinaryComparison, BinaryStructure } from './binary/types'
import type { SectionStringsEvidence } from './binary/section-strings'

export type Side = 'left' | 'right'

/** Container formats recognised from the bytes (never from the file name). */
/** `ar`: the common ar format (.deb, .a); `file`: a plain file that is no container, read as its own single member. */
export type ArchiveFormat = 'zip' | 'tar' | 'tar+gzip' | 'gzip' | 'tar+xz' | 'xz' | 'tar+bzip2' | 'bzip2' | 'tar+zstd' | 'zstd' | 'ar' | 'file'

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
  /**
   * The name as stored, decoded for display in one unambiguous form (util/text.ts `escapeControls`): a
   * backslash is written `\\`, controls and invisible characters `\xNN` / `\u{N}`, invalid bytes `\xNN`;
   * so two different stored names never display the same.
   */
  path: string
  /** The stored name bytes in hex, every format (zip: the central directory name; tar: the name the pax/GNU/ustar headers give). */
  nameHex?: string
  type: MemberType
  /** Uncompressed size in bytes. */
  size: number
  /** SHA-256 (hex) of the member's bytes; null for directories and unreadable members. */
  sha256: string | null
  /**
   * Members of 1 MiB or more whose bytes cannot be sliced from the file (compressed zip methods, tar members,
   * compressed single payloads): the SHA-256 of each 1 MiB chunk of the uncompressed bytes, in order
   * (archive/chunk-digests.ts), computed while `sha256` was. Kept on the reading for the hex view, never in the report.
   */
  chunkSha256?: string[]
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
  /** Structural oddities that did not stop reading (local header against central directory, …). */
  anomalies?: Anomaly[]
}

export interface Anomaly {
  /** Stable id, e.g. ZIP_HEADER_MISMATCH, UNSAFE_PATH, ARCHIVE_TRAILING_BYTES (docs/report-format.md). */
  code: string
  message: string
  /** Byte offset in the artefact (or the decompressed tar stream) where it was seen. */
  offset?: number
}

/** Archive-level fields: gzip header, zip end record, tar format. */
export type ArchiveFields = Record<string, MetaValue>

/** What one side reads to: the whole artefact's identity plus, when readable, its members. */
/** One way an artefact's bytes parse as a container; a file may parse as several (a tar followed by a zip). */
export interface ContainerReading {
  /** The container format of that reading: zip, tar, tar+gzip, gzip, or one we recognise but do not read (xz, cpio, …). */
  format: string
  /** Where that container starts in the file (zip: its first local header or, without one, its end record). */
  offset: number
  /** zip readings: the offset of the end-of-central-directory record they were found from (two may share `offset`). */
  endRecordOffset?: number
  /** True for the one reading that was compared. */
  chosen: boolean
}

export interface ArtifactReading {
  name: string
  size: number
  sha256: string | null
  format: ArchiveFormat | null
  /** Every container the bytes parse as, when there is more than one (`ambiguous-format`). */
  readings?: ContainerReading[]
  /** Why the compared reading was chosen among `readings` (the tool the file name points at, or the fixed order). */
  readingChoice?: string
  fields: ArchiveFields
  members: Member[]
  /** Bytes of small package-metadata members (METADATA, WHEEL, RECORD, PKG-INFO, …), by member index. */
  retained: Record<number, Uint8Array>
  /** Structural oddities of the container that did not stop reading (bytes before or after it, overlaps, …). */
  anomalies: Anomaly[]
  /** Set when the artefact could not be read completely; `members` then holds what was read before. */
  error?: CoreError
  /**
   * Members that are archives themselves (detected from their bytes), read recursively: the reading of each,
   * by the container member's index in `members` (docs/report-format.md "Nested archives").
   */
  nested?: Record<number, ArtifactReading>
  /** How deep this reading is: 0 for the artefact, 1 for a container member of it, and so on. */
  depth?: number
  /** Set on a nested reading that was not opened because it lies past `maxDepth`: its container is compared by its hash. */
  depthLimited?: true
  /**
   * Set on the reading of a container member that was not opened because its bytes are the same as those of the
   * member it pairs with on the other side (compare/same-bytes.ts); it lists no members.
   */
  notOpened?: 'same-bytes'
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
  /** The stored name bytes in hex (see Member.nameHex). */
  nameHex?: string
  /** True when this side's bytes were not read (its `error` says why). */
  unread?: boolean
  error?: CoreError
  anomalies?: Anomaly[]
  /** Nested members: the indexes of the enclosing container members, outermost first (how the worker re-reads it). */
  containerIndexes?: number[]
  [field: string]: MetaValue | CoreError | Anomaly[] | number[] | undefined
}

/** Source trace (docs/report-format.md "Source trace"): where a wheel member comes from in the sdist. */
export type TraceStatus = 'from-source' | 'differs-from-source' | 'generated' | 'compiled' | 'untraceable'

export interface MemberTrace {
  status: TraceStatus
  /** The sdist path the member was paired with (from-source, differs-from-source, generated from one file). */
  source?: string
  /** Every sdist path the member is built from (compiled: the `.c`, `.pyx`, `.rs`, … files). */
  sources?: string[]
  /** The build step named with its evidence (`dist-info`, `setuptools-scm`, `shebang-rewrite`, `cython`, `auditwheel`, …). */
  generator?: string
}

export interface TraceSummary {
  verdict: 'traced' | 'untraceable-content' | 'error'
  counts: Record<TraceStatus, number>
  /** Directory prefixes, e.g. { source: 'pkg-1.0/src/pkg/', wheel: 'pkg/' }. */
  mapping: { source: string; wheel: string }[]
  /** The verdict line, in the words. */
  line: string
  /** What could not be read from the configuration, and where the mapping came from. */
  notes: string[]
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
  /** Set when a side's bytes were not read (a limit, an unsupported method, a cut): never the same content. */
  unread?: true
  /** Metadata fields not compared because a side's reader could not know them (a zip listed from local headers has no mode or creator): neither the same nor changed. */
  unknown?: string[]
  /** A container a side of which could not be read inside: how many members each side lists inside that were left out, since whether the other side has them is unknown. */
  notComparedInside?: { left: number; right: number }
  /** A container with the same bytes on both sides, not opened: the same bytes hold the same members (docs/report-format.md "Nested archives"). */
  notOpenedInside?: 'same-bytes'

  /** On a left-only member: the `path` of the right-only member with the same non-empty SHA-256 (or the same name up to Unicode normalisation). */
  renamedTo?: string
  /** On a right-only member: the `path` of the left-only member it was renamed from. */
  renamedFrom?: string
  /** A modified member whose sides parse as a binary format (ELF, …): the two structures compared (docs/report-format.md, "Binary members"). */
  binary?: BinaryComparison
  /** Nested members: the `path` of the enclosing container entry (docs/report-format.md "Nested archives"). */
  container?: string
  /** Nested members whose two containers have different names: each side's full container path. */
  leftContainer?: string
  rightContainer?: string
  /** Nested members: 1 inside a top-level container, 2 inside a container inside that, …; absent at the top. */
  depth?: number
  /** Trace reports: the wheel member's traceability (absent on sdist-only members). */
  trace?: MemberTrace
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
  readings?: ContainerReading[]
  readingChoice?: string
  memberCount: number
  /** Structural oddities of the container (see ArtifactReading.anomalies). */
  anomalies: Anomaly[]
  error?: CoreError
  /**
   * Where this side came from when it was not a local file (docs/report-format.md "Sources"): the URL it was
   * downloaded from, the digest the index published (`sha256:<hex>` or an npm `sha512-…` integrity), the one the
   * user gave, and whether the bytes matched the one that applies (absent when nothing was checked).
   */
  source?: { url?: string; publishedDigest?: string; expectedDigest?: string; digestOk?: boolean }
}

/** One named cause of differences, with its evidence and what the builder can do about it. */
export interface Finding {
  /** Stable id: timestamps, permissions, ownership, ordering, gzip-header, compression, … (docs/report-format.md). */
  cause: string
  /** One line in plain words. */
  title: string
  /** True when it only follows from another difference (a RECORD row of a changed file). */
  derived: boolean
  /** Pairing paths of the members concerned (empty for archive-level causes). */
  members: string[]
  /** The member fields (or archive fields) this finding explains, so every shown difference has a cause. */
  fields?: string[]
  evidence: Record<string, unknown>
  remedy: string
  /** security: the artefact is not what it claims to be; cause: explains a reproducibility difference. */
  severity: 'security' | 'cause'
}

/** RECORD checked against what was read (recording-installed-packages spec). */
export interface RecordCheck {
  path: string
  rows: number
  hashMismatch: { path: string; listed: string; actual: string }[]
  sizeMismatch: { path: string; listed: string; actual: number }[]
  listedButMissing: string[]
  notListed: string[]
  /** Rows hashed with another algorithm than sha256 (allowed by the spec), which reprodiff cannot check. */
  unverified: string[]
}

/** One field that differs in the Python metadata: wheel file name, WHEEL, METADATA/PKG-INFO, entry points. */
export interface PackageFieldDifference {
  source: string
  field: string
  left: string[]
  right: string[]
  /** Same values in another order (repeatable fields are compared as multisets). */
  orderOnly: boolean
}

/** The pseudo-field of a RECORD difference whose shared rows come in another order. */
export const RECORD_ROW_ORDER = '(row order)'

export interface PackageSide {
  kind: 'wheel' | 'sdist' | null
  name: string | null
  version: string | null
  /** WHEEL `Generator`. */
  generator: string | null
  metadataVersion: string | null
  record: RecordCheck | null
}

export interface PackageComparison {
  left: PackageSide
  right: PackageSide
  fields: PackageFieldDifference[]
}

/** Facts about one side of a differing member, gathered by the worker that holds that side. */
export interface MemberEvidence {
  /** Text members: line-ending counts, BOM, and the SHA-256 of the text with CRLF → LF and no BOM. */
  text?: { crlf: number; lf: number; bom: boolean; normalizedSha256: string }
  /** Binaries: printable strings (6+ characters), deduplicated, capped. */
  strings?: string[]
  /** .pyc (PEP 552): the 16-byte header and the SHA-256 of the rest. */
  pyc?: { magic: string; flags: number; sourceField: string; bodySha256: string }
  /** zlib levels that reproduce the member's deflate stream; [] when none does; null when stored. */
  deflateLevels?: number[] | null
  /** A member whose bytes are a binary format (core/binary/registry.ts): its structure, or why it could not be parsed. */
  binary?: BinaryStructure | { error: CoreError }
  /**
   * A binary whose structure parsed: each section's strings, in the order of `binary.sections`
   * (core/binary/section-strings.ts: string tables split at NULs, else printable runs of 4+ bytes), capped; no bytes.
   */
  sectionStrings?: SectionStringsEvidence
  /**
   * A universal Mach-O whose structure parsed: true when every byte outside the fat header's table and the
   * slices (the alignment padding between slices) is zero, so a padding that changed length says nothing else.
   */
  fatPaddingZero?: boolean
}

/** Evidence of one side, by that side's member index. */
export type SideEvidence = Record<number, MemberEvidence>

export const REPORT_SCHEMA = 'reprodiff-report/2'

export interface Report {
  schema: typeof REPORT_SCHEMA
  verdict: Verdict
  /** Absent or `compare`: two builds compared; `trace`: `left` is the sdist, `right` the wheel, members paired by `trace.mapping`. */
  mode?: 'compare' | 'trace'
  /** Trace reports: the overall traceability, counts, mapping and verdict line. */
  trace?: TraceSummary
  left: ArtifactSummary
  right: ArtifactSummary
  archive: ArchiveDifference[]
  members: MemberComparison[]
  counts: Record<MemberStatus, number>
  /** Python-aware comparison of wheel and sdist metadata; null when neither side is a Python package. */
  package: PackageComparison | null
  /** Causes, security findings first; empty for identical artefacts. */
  findings: Finding[]
  /** The verdict and its main causes in one paragraph of plain words. */
  summary: string
}

/** Explicit limits; hitting one is reported by name, never a silent stop. */
export interface Limits {
  /** Largest uncompressed member that is read and hashed. */
  maxMemberBytes: number
  /** Largest total of uncompressed bytes read from one artefact. */
  maxTotalBytes: number
  /** Most members read from one artefact. */
  maxMembers: number
  /** Largest uncompressed : compressed ratio accepted for data above 1 MiB (zip members, gzip streams). */
  maxRatio: number
  /** Largest member shown as text in the diff view; larger ones get the binary summary. */
  maxTextBytes: number
  /** How many levels of archives inside archives are opened (1: the members of a top-level container). */
  maxDepth: number
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
  /** Members whose bytes are kept in `retained` (small metadata files), by path and size. */
  retainMember?: (path: string, size: number) => boolean
  /** Members at or above this size are inflated and hashed in chunks, never held whole (default 256 MiB). */
  streamHashThreshold?: number
  /** The platform's SHA-256, inflate, gunzip and CRC-32, over the defaults (kernels.ts; the CLI passes Node's). */
  kernels?: Partial<Kernels>
  /** An artefact smaller than this is read into memory once for its reading, not slice by slice (default 64 MiB). */
  holdFileBelow?: number
}
