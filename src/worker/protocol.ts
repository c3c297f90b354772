/**
 * Messages between the page and a compare worker. Plain data only (Files are cloned by reference,
 * byte arrays are transferred); every message carries the protocol version so a stale worker fails loudly.
 */
import type { ContentPair, CoreError, Limits, ReadProgress } from '../core/types-public'
import type { ReportMessage } from './report-parts'

export const PROTOCOL_VERSION = 2

/** Two builds compared, or a wheel traced to its sdist. */
export type CompareMode = 'compare' | 'trace'
/** Which side is the sdist of a source/build pair; null when the two are not one. */
export type SourcePairing = 'left-is-source' | 'right-is-source' | null

export type WorkerRequest =
  /**
   * Read one artefact and keep it, so its members can be shown later. `limits` are the page's current
   * ones (the Limits panel); a limit reached becomes a named error on a member or the artefact.
   */
  | { type: 'read'; version: number; requestId: number; file: File; limits: Limits }
  /** The port to the other worker (peer.ts): sent once to each after they start. */
  | { type: 'connect'; version: number; requestId: number; port: MessagePort }
  /**
   * Compare the reading this worker holds (left) with the other worker's, asked for through the port; answered in
   * parts. `mode: 'trace'` traces the wheel to the sdist (docs/report-format.md "Source trace"), the sdist first.
   * `openSameBytes`: open the containers with the same bytes on both sides too (core compare/same-bytes.ts).
   */
  | { type: 'compare'; version: number; requestId: number; mode?: CompareMode; openSameBytes?: boolean }
  /** Whether the two readings are a source/build pair (core `isSourceBuildPair`), which the page offers to trace. */
  | { type: 'pairing'; version: number; requestId: number }
  /** Findings and summary for the report compared last, with evidence from both workers; answered with an `analysis` (report-parts.ts). */
  | { type: 'explain'; version: number; requestId: number }
  /**
   * Bytes of one member of the artefact this worker holds; a member of a nested archive names its enclosing
   * containers' indexes, outermost first (the report side's `containerIndexes`), and is re-read through them.
   */
  | { type: 'member-bytes'; version: number; requestId: number; index: number; containerIndexes?: number[] }
  /**
   * Text or binary summary of a member pair, from both sides' bytes. A side above `maxTextBytes` is
   * summarised like a binary (the content's `textLimit` says so), so Monaco never gets a huge model.
   */
  | { type: 'describe-content'; version: number; requestId: number; left: Uint8Array | null; right: Uint8Array | null; maxTextBytes: number }
  /**
   * `length` bytes of one member from `start` (the hex view): a slice of the file where the bytes are stored as
   * they are, else decoded from the member's start with progress messages until the range. `withChunks` also
   * asks for the member's chunk digests (`Member.chunkSha256`, null when it has none). Stopped by `cancel-range`.
   */
  | { type: 'member-range'; version: number; requestId: number; index: number; containerIndexes?: number[]; start: number; length: number; withChunks?: boolean }
  /** Stops the `member-range` request `rangeId` (it then fails with CANCELLED). */
  | { type: 'cancel-range'; version: number; requestId: number; rangeId: number }
  /** Reads a generated zip a few times so the first real comparison runs on compiled code (docs/performance.md). */
  | { type: 'warm-up'; version: number; requestId: number }
  /** Stops the read in progress (it then fails with CANCELLED); the worker stays warm. */
  | { type: 'cancel'; version: number; requestId: number }

export type WorkerResponse =
  | { type: 'progress'; requestId: number; progress: ReadProgress }
  | { type: 'read-done'; requestId: number }
  /** A report comes as `report-part` messages (its members in order), then `report` with the rest; an explanation as `analysis` (report-parts.ts). */
  | ReportMessage
  | { type: 'member-bytes'; requestId: number; bytes: Uint8Array }
  | { type: 'content'; requestId: number; content: ContentPair }
  | { type: 'member-range'; requestId: number; bytes: Uint8Array; size: number; chunkSha256: string[] | null }
  | { type: 'warm'; requestId: number }
  | { type: 'pairing'; requestId: number; pairing: SourcePairing }
  | { type: 'failed'; requestId: number; error: CoreError }
