/** Copying values a reviewer pastes elsewhere (a SHA-256 checked against PyPI, a member path in an issue). */
import type { MemberComparison, Side } from '../core/types-public'

export type CopyOutcome = 'copied' | 'failed'

/** The part of `navigator.clipboard` used here; absent outside a secure context (http from another host). */
export interface ClipboardLike {
  writeText(text: string): Promise<void>
}

/** Never rejects: a missing clipboard or a refused permission is a "failed" the button shows. */
export async function copyText(clipboard: ClipboardLike | undefined, text: string): Promise<CopyOutcome> {
  if (!clipboard) return 'failed'
  try {
    await clipboard.writeText(text)
    return 'copied'
  } catch {
    return 'failed'
  }
}

const FULL_SHA256 = /^[0-9a-f]{64}$/

/** A full SHA-256, or null for "not computed" and absent values: only a real digest gets a copy button. */
export function fullSha256(sha256: string | null | undefined): string | null {
  return sha256 && FULL_SHA256.test(sha256) ? sha256 : null
}

/** What the copy button of a metadata row copies on one side: the path there, or the full SHA-256; null for no button. */
export function metaCopyValue(member: MemberComparison, field: string, side: Side): string | null {
  if (field === 'path') return side === 'left' ? member.leftPath : member.rightPath
  if (field === 'sha256') return fullSha256(member[side]?.sha256)
  return null
}
