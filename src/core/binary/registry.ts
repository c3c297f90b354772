/**
 * The binary formats, most specific first: a member is parsed by the first whose `detect` accepts its first
 * bytes. Adding a format is one file and one line here. Callers never see an exception: a malformed member
 * becomes `{ error }` with its code and offset, and the comparison goes on.
 */
import { toCoreError, type CoreError } from '../errors'
import { ELF_FORMAT } from './elf'
import { MACHO_FORMAT } from './macho'
import { PE_FORMAT } from './pe'
import { PYC_FORMAT } from './pyc'
import type { BinaryFormat, BinaryStructure } from './types'

export const BINARY_FORMATS: readonly BinaryFormat[] = [
  ELF_FORMAT,
  MACHO_FORMAT,
  PYC_FORMAT,
  PE_FORMAT,
]

/** How many leading bytes `detect` is given (BinaryFormat.detect): enough to reach a PE signature at a usual e_lfanew (0x80–0x118). */
export const BINARY_HEAD_BYTES = 1024

export type BinaryParse = BinaryStructure | { error: CoreError }

/** The format whose signature `head` carries, or null when none does. Never throws. */
export function detectBinary(head: Uint8Array, path: string): BinaryFormat | null {
  for (const format of BINARY_FORMATS) {
    try {
      if (format.detect(head, path)) return format
    } catch {
      // A detector that throws has not recognised the bytes; the next one may.
    }
  }
  return null
}

/** The member parsed by the format it is, `{ error }` when malformed, or null when it is no binary format. */
export function parseBinary(bytes: Uint8Array, path: string): BinaryParse | null {
  const format = detectBinary(bytes.subarray(0, BINARY_HEAD_BYTES), path)
  if (!format) return null
  try {
    return format.parse(bytes)
  } catch (thrown) {
    // RangeError from a hostile length and the like become a coded error too: never a crash (errors.ts).
    return { error: toCoreError(thrown) }
  }
}

export function isBinaryError(parsed: BinaryParse): parsed is { error: CoreError } {
  return 'error' in parsed
}
