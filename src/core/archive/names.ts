/**
 * Member names an extractor could be tricked by, recorded as anomalies on the member (never fixed up):
 * absolute paths, `..` components, backslashes and drive letters (zip APPNOTE 4.4.17: names are relative,
 * with forward slashes), control characters, and bytes that are not valid in the declared encoding.
 */
import type { Anomaly, Member } from '../types'
import { scanDisplayedName } from '../util/text'

/**
 * Characters that can rewrite a terminal line or reorder what a reader sees: C0, DEL, C1, the line and
 * paragraph separators and the bidi controls (Unicode property Bidi_Control, UAX #9: ALM, LRM, RLM, the
 * embeddings, overrides and isolates). Other invisible characters are shown escaped too, but they hide nothing
 * from an extractor: the confusable-name rule judges them.
 */
const BIDI_CONTROL = /\p{Bidi_Control}/u

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || BIDI_CONTROL.test(String.fromCodePoint(code))
}

/**
 * Reasons the stored name is unsafe, judged from its displayed form read token by token (util/text.ts): a
 * real backslash shows as `\\`, so the text `\x1b` (shown `\\x1b`) is neither a backslash escape nor a control.
 */
export function unsafePathReasons(path: string): string[] {
  const reasons: string[] = []
  const escapes = scanDisplayedName(path)
  if (path.startsWith('/')) reasons.push('an absolute path')
  if (/^[A-Za-z]:/.test(path)) reasons.push('a drive letter')
  if (escapes.backslash) reasons.push('a backslash')
  // Escapes hold no "." or "/", and a real backslash shows as two, so splitting the display finds the real components.
  if (path.split(/[/\\]/).includes('..')) reasons.push('a ".." component that climbs out of the archive')
  if (escapes.invalidBytes.length || escapes.codePoints.some(isControl)) reasons.push('control characters or undecodable bytes (shown escaped)')
  return reasons
}

export function noteNameAnomalies(member: Member, encodingProblem: string | null): void {
  const found: Anomaly[] = []
  const reasons = unsafePathReasons(member.path)
  if (reasons.length) found.push({ code: 'UNSAFE_PATH', message: `The name "${member.path}" has ${reasons.join(', ')}` })
  if (encodingProblem) found.push({ code: 'NAME_ENCODING', message: encodingProblem })
  if (found.length) member.anomalies = [...(member.anomalies ?? []), ...found]
}
