/**
 * Member names an extractor could be tricked by, recorded as anomalies on the member (never fixed up):
 * absolute paths, `..` components, backslashes and drive letters (zip APPNOTE 4.4.17: names are relative,
 * with forward slashes), control characters, and bytes that are not valid in the declared encoding.
 */
import type { Anomaly, Member } from '../types'

/** Escaped control characters, as util/text.ts writes them. */
const ESCAPED_CONTROL = /\\x[0-9a-f]{2}|\\u\{[0-9a-f]+\}/

export function unsafePathReasons(path: string): string[] {
  const reasons: string[] = []
  if (path.startsWith('/')) reasons.push('an absolute path')
  if (/^[A-Za-z]:/.test(path)) reasons.push('a drive letter')
  if (path.includes('\\')) reasons.push('a backslash')
  if (path.split(/[/\\]/).includes('..')) reasons.push('a ".." component that climbs out of the archive')
  if (ESCAPED_CONTROL.test(path)) reasons.push('control characters or undecodable bytes (shown escaped)')
  return reasons
}

export function noteNameAnomalies(member: Member, encodingProblem: string | null): void {
  const found: Anomaly[] = []
  const reasons = unsafePathReasons(member.path)
  if (reasons.length) found.push({ code: 'UNSAFE_PATH', message: `The name ${JSON.stringify(member.path)} has ${reasons.join(', ')}` })
  if (encodingProblem) found.push({ code: 'NAME_ENCODING', message: encodingProblem })
  if (found.length) member.anomalies = [...(member.anomalies ?? []), ...found]
}
