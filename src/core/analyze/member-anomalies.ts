/** Members of one side that carry an anomaly or an error with a given code, for the security rules. */
import type { Finding, MemberComparison, Report, Side } from '../types'
import { finding } from './rule'

export interface FlaggedMember {
  member: MemberComparison
  side: Side
  path: string
  /** The anomaly's or error's code. */
  code: string
  message: string
  offset?: number
}

export function membersWithAnomaly(members: MemberComparison[], code: string): FlaggedMember[] {
  return members.flatMap((member) =>
    (['left', 'right'] as Side[]).flatMap((side) => {
      const own = member[side]
      const anomaly = own?.anomalies?.find((a) => a.code === code)
      const path = (side === 'left' ? member.leftPath : member.rightPath) ?? member.path
      return anomaly ? [{ member, side, path, code: anomaly.code, message: anomaly.message, offset: anomaly.offset }] : []
    }),
  )
}

export function membersWithError(members: MemberComparison[], accept: (code: string) => boolean): FlaggedMember[] {
  return members.flatMap((member) =>
    (['left', 'right'] as Side[]).flatMap((side) => {
      const error = member[side]?.error
      const path = (side === 'left' ? member.leftPath : member.rightPath) ?? member.path
      return error && accept(error.code) ? [{ member, side, path, code: error.code, message: error.message, offset: error.offset }] : []
    }),
  )
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
  report: Report, code: string, cause: string, describe: (names: string[], sides: string) => string, remedy: string,
): Finding[] {
  const flagged = membersWithAnomaly(report.members, code)
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
