/**
 * Errors are plain data so they survive `postMessage` and JSON. Each code says why the check exists;
 * the UI and the CLI map codes to wording, the `message` already names the problem for humans.
 */
export type CoreErrorCode =
  /** The file is empty: nothing to compare. */
  | 'EMPTY_FILE'
  /** The bytes match no supported archive signature (zip, gzip, tar). */
  | 'NOT_AN_ARCHIVE'
  /** A format recognised from its magic bytes that this version does not read yet (xz, bzip2, zstd, cpio, rpm, 7z, …: archive/detect.ts). */
  | 'UNSUPPORTED_FORMAT'
  /** The archive ends before its structure says it should (cut download, partial copy). */
  | 'TRUNCATED'
  /** A structure field is inconsistent (bad signature, offset out of range, bad length). */
  | 'CORRUPT_STRUCTURE'
  /** A tar header's checksum does not match its bytes (POSIX tar: chksum field). */
  | 'TAR_CHECKSUM'
  /** The inflated bytes do not match the CRC-32 the zip declares (APPNOTE 4.4.7). */
  | 'CRC_MISMATCH'
  /** Zip compression method other than stored (0) or deflate (8), or an encrypted member. */
  | 'UNSUPPORTED_METHOD'
  /** The deflate or gzip stream could not be decoded. */
  | 'DECOMPRESSION_FAILED'
  /** A configured limit (member size, total size, member count) was reached. */
  | 'LIMIT_EXCEEDED'
  /** The user cancelled the comparison. */
  | 'CANCELLED'
  /** Reading the file itself failed (permissions, file changed on disk). */
  | 'READ_FAILED'

export interface CoreError {
  code: CoreErrorCode
  message: string
  /** Byte offset in the artefact (or in the decompressed tar stream) where the problem was seen. */
  offset?: number
  /** The member concerned, when the error belongs to one member. */
  path?: string
}

/** Thrown inside readers and caught at the reader boundary, where it becomes data again. */
export class CoreFailure extends Error {
  readonly error: CoreError
  constructor(error: CoreError) {
    super(error.message)
    this.error = error
  }
}

export function fail(code: CoreErrorCode, message: string, extra: Partial<CoreError> = {}): never {
  throw new CoreFailure({ code, message, ...extra })
}

/** Turns anything thrown into a CoreError; unknown exceptions keep their message. */
export function toCoreError(thrown: unknown, fallback: CoreErrorCode = 'CORRUPT_STRUCTURE'): CoreError {
  if (thrown instanceof CoreFailure) return thrown.error
  if (thrown instanceof Error && thrown.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'Comparison cancelled' }
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return { code: fallback, message }
}
