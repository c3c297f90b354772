/** How each member status and verdict is named on the page: one place, so rows, chips and banner agree. */
import type { CoreErrorCode, MemberStatus, Verdict } from '../core/types-public'

export interface StatusLook {
  /** Readable without colour. */
  icon: string
  /** Short label for counts. */
  label: string
  /** Sentence for tooltips and screen readers. */
  title: string
}

export const STATUS_LOOK: Record<MemberStatus, StatusLook> = {
  identical: { icon: '=', label: 'identical', title: 'Identical: same content and metadata' },
  metadata: { icon: 'M', label: 'metadata only', title: 'Same content, different metadata' },
  modified: { icon: '≠', label: 'modified', title: 'Content differs' },
  'left-only': { icon: '−', label: 'only left', title: 'Only in the left file' },
  'right-only': { icon: '+', label: 'only right', title: 'Only in the right file' },
}

/** The order counts are read in: the banner reads like a sentence, from "fine" to "look here". */
export const COUNT_ORDER: readonly MemberStatus[] = ['identical', 'metadata', 'modified', 'left-only', 'right-only']

export const VERDICT_TITLE: Record<Exclude<Verdict, 'error'>, string> = {
  identical: 'Bit-for-bit identical',
  'metadata-only': 'Same contents, different packaging',
  'content-differs': 'Contents differ',
}

/** Short reasons for the banner ("Could not compare: the left file is not an archive"); details stay by the file. */
export const ERROR_REASON: Record<CoreErrorCode, string> = {
  EMPTY_FILE: 'is empty',
  NOT_AN_ARCHIVE: 'is not an archive',
  UNSUPPORTED_FORMAT: 'is in a format this version does not read yet',
  TRUNCATED: 'is cut short',
  CORRUPT_STRUCTURE: 'has a damaged archive structure',
  TAR_CHECKSUM: 'has a tar header with a wrong checksum',
  CRC_MISMATCH: 'has a member whose CRC-32 does not match',
  UNSUPPORTED_METHOD: 'uses an unsupported compression method',
  DECOMPRESSION_FAILED: 'has compressed data that could not be decoded',
  LIMIT_EXCEEDED: 'reached a reading limit (see Limits)',
  CANCELLED: 'was not read (cancelled)',
  READ_FAILED: 'could not be read',
}

export const VERDICT_EXPLANATION: Record<Verdict, string> = {
  identical: 'Both files have the same SHA-256.',
  'metadata-only': 'Every member has the same bytes; only packaging differs (timestamps, permissions, order, compression, headers).',
  'content-differs': 'At least one member has different bytes, or exists on one side only.',
  error: 'A file could not be read completely, so no claim about it would be honest. The problem is shown by the file; what could be read is listed below.',
}
