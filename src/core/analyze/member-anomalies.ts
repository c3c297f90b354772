/** Members of one side that carry an anomaly or an error with a given code, for the security rules. */
import type { Finding, MemberComparison, Side } from '../types'
import { finding, memberIndex, type AnalysisContext } from './rule'

export interface FlaggedMember {
  member: MemberComparison
  side: Side
  path: string
  /** The anomaly's or error's code. */
  code: string
  message: string
  offset?: number
}

export function sidesOf(flagged: { side: Side }[]): string {
  const sides = [...new Set(flagged.map((f) => f.side))]
  return sides.length === 2 ? 'both archives' : `the ${sides[0]} archive`
}

/**
 * The finding for member names carrying one anomaly (UNSAFE_PATH, NAME_ENCODING): each name listed once,
 * with the side and the reason; `describe` words the title from the distinct names and the sides.
 */
export function nameAnomalyFindings(
  context: AnalysisContext, code: string, cause: string, describe: (names: string[], sides: string) => string, remedy: string,
): Finding[] {
  const flagged = memberIndex(context).withAnomaly(code)
  if (flagged.length === 0) return []
  return [finding({
    cause,
    severity: 'security',
    title: describe([...new Set(flagged.map((f) => f.path))], sidesOf(flagged)),
    members: [...new Set(flagged.map((f) => f.member.path))],
    evidence: { names: flagged.map((f) => ({ side: f.side, path: f.path, why: f.message })) },
    remedy,
  })]
}
