/**
 * One index of a report's members shared by the rules of one explainDifferences run (explain.ts hands it to every
 * rule in its context). Each part is built on first use by one pass over the members, so about 34 rules no longer
 * walk 500,000 members each for the few they care about: the members by changed field, the sides carrying an error
 * or an anomaly of each code, each side's real paths, the members by pairing path, and which paths the earlier
 * findings explain field by field. Every answer is exactly what the plain scan it replaces gives, in report order
 * (test/core/analyze/member-index.test.ts keeps those scans and checks every answer against them).
 * The report must not change while an index of it is in use (no rule writes to it).
 */
import type { Finding, MemberComparison, MemberStatus, Report, Side } from '../types'
import type { FlaggedMember } from './member-anomalies'

const CONTENT = 'content'

/** Which paths the findings seen so far explain in one field; findings are only ever appended to `earlier`. */
interface ExplainedPaths {
  earlier: Finding[]
  seen: number
  paths: Set<string>
}

/** Both sides' errors and anomalies, in member order, the left side before the right within a member. */
interface SideFlags {
  errors: FlaggedMember[]
  anomalies: Map<string, FlaggedMember[]>
}

function flagged(member: MemberComparison, side: Side, code: string, message: string, offset: number | undefined): FlaggedMember {
  const path = (side === 'left' ? member.leftPath : member.rightPath) ?? member.path
  return { member, side, path, code, message, offset }
}

export class MemberIndex {
  readonly report: Report
  private changed?: Map<string, number[]>
  private statuses?: Map<MemberStatus, MemberComparison[]>
  private flags?: SideFlags
  private paths?: { left: string[]; right: string[]; same: boolean }
  private pairing?: Map<string, MemberComparison>
  private explained = new Map<string, ExplainedPaths>()
  private causes?: { earlier: Finding[]; seen: number; byPath: Map<string, string> }

  constructor(report: Report) {
    this.report = report
  }

  /** The members whose `changed` names any of the fields, in report order. */
  withChange(...fields: string[]): MemberComparison[] {
    const buckets = this.changedBuckets()
    const found: number[][] = []
    for (const field of fields) {
      const bucket = buckets.get(field)
      if (bucket && !found.includes(bucket)) found.push(bucket)
    }
    let positions = found.length === 1 ? found[0] : []
    if (found.length > 1) {
      // A member changed in two of the fields is listed once, at its place in the report.
      const all = new Set<number>()
      for (const bucket of found) for (const position of bucket) all.add(position)
      positions = [...all].sort((a, b) => a - b)
    }
    const members = this.report.members
    const out = new Array<MemberComparison>(positions.length)
    for (let i = 0; i < positions.length; i++) out[i] = members[positions[i]]
    return out
  }

  /** The members with this status, in report order (`members.filter((m) => m.status === status)`). */
  withStatus(status: MemberStatus): MemberComparison[] {
    if (!this.statuses) {
      this.statuses = new Map()
      for (const member of this.report.members) {
        const list = this.statuses.get(member.status)
        if (list) list.push(member)
        else this.statuses.set(member.status, [member])
      }
    }
    return this.statuses.get(status) ?? []
  }

  /** The sides whose error's code is accepted, in member order, the left side first. */
  withError(accept: (code: string) => boolean): FlaggedMember[] {
    return this.sideFlags().errors.filter((f) => accept(f.code))
  }

  /** The sides carrying an anomaly with this code, its first one on that side. */
  withAnomaly(code: string): FlaggedMember[] {
    return this.sideFlags().anomalies.get(code) ?? []
  }

  /** One side's real paths (`leftPath` / `rightPath`) of the members it has, in report order. */
  sidePaths(side: Side): string[] {
    return this.realPaths()[side]
  }

  /** True when every member has the same real path on both sides: the two sides then list the same names. */
  sameNames(): boolean {
    return this.realPaths().same
  }

  private realPaths(): { left: string[]; right: string[]; same: boolean } {
    if (this.paths) return this.paths
    const left: string[] = []
    const right: string[] = []
    let same = true
    for (const member of this.report.members) {
      if (member.leftPath !== null) left.push(member.leftPath)
      if (member.rightPath !== null) right.push(member.rightPath)
      if (member.leftPath !== member.rightPath) same = false
    }
    this.paths = { left, right, same }
    return this.paths
  }

  /** The member of each pairing path; of a path listed twice, the later one, as `new Map(members.map(…))` keeps. */
  byPath(): Map<string, MemberComparison> {
    if (!this.pairing) {
      this.pairing = new Map()
      for (const member of this.report.members) this.pairing.set(member.path, member)
    }
    return this.pairing
  }

  /** True when an earlier finding names the path and the field. */
  isExplained(earlier: Finding[], path: string, field: string): boolean {
    return this.explainedPaths(earlier, field).has(path)
  }

  /** The paths the earlier findings explain in one field. */
  explainedPaths(earlier: Finding[], field: string): ReadonlySet<string> {
    let entry = this.explained.get(field)
    if (!entry || entry.earlier !== earlier || entry.seen > earlier.length) {
      entry = { earlier, seen: 0, paths: new Set() }
      this.explained.set(field, entry)
    }
    for (; entry.seen < earlier.length; entry.seen++) {
      const f = earlier[entry.seen]
      if (f.fields?.includes(field)) for (const path of f.members) entry.paths.add(path)
    }
    return entry.paths
  }

  /** The cause of the first earlier finding, not derived, that explains the path's content; null when none does. */
  contentCause(earlier: Finding[], path: string): string | null {
    if (!this.causes || this.causes.earlier !== earlier || this.causes.seen > earlier.length) this.causes = { earlier, seen: 0, byPath: new Map() }
    const causes = this.causes
    for (; causes.seen < earlier.length; causes.seen++) {
      const f = earlier[causes.seen]
      if (f.derived || !f.fields?.includes(CONTENT)) continue
      for (const member of f.members) if (!causes.byPath.has(member)) causes.byPath.set(member, f.cause)
    }
    return causes.byPath.get(path) ?? null
  }

  private changedBuckets(): Map<string, number[]> {
    if (this.changed) return this.changed
    const buckets = new Map<string, number[]>()
    const members = this.report.members
    // Most members differ in the same field as the one before (mtime): its bucket is kept at hand.
    let lastField: string | undefined
    let bucket: number[] = []
    for (let position = 0; position < members.length; position++) {
      for (const field of members[position].changed) {
        if (field !== lastField) {
          const known = buckets.get(field)
          bucket = known ?? []
          if (!known) buckets.set(field, bucket)
          lastField = field
        }
        // A field named twice in one `changed` still lists the member once.
        if (bucket[bucket.length - 1] !== position) bucket.push(position)
      }
    }
    this.changed = buckets
    return buckets
  }

  private sideFlags(): SideFlags {
    if (this.flags) return this.flags
    const flags: SideFlags = { errors: [], anomalies: new Map() }
    for (const member of this.report.members) {
      this.addSide(flags, member, 'left')
      this.addSide(flags, member, 'right')
    }
    this.flags = flags
    return flags
  }

  private addSide(flags: SideFlags, member: MemberComparison, side: Side): void {
    const own = member[side]
    if (!own) return
    const error = own.error
    if (error) flags.errors.push(flagged(member, side, error.code, error.message, error.offset))
    const anomalies = own.anomalies
    if (!anomalies) return
    for (let i = 0; i < anomalies.length; i++) {
      const { code } = anomalies[i]
      // Only a code's first anomaly on a side counts, as `anomalies.find` gives it.
      if (anomalies.findIndex((a) => a.code === code) !== i) continue
      let list = flags.anomalies.get(code)
      if (!list) flags.anomalies.set(code, (list = []))
      list.push(flagged(member, side, code, anomalies[i].message, anomalies[i].offset))
    }
  }
}
