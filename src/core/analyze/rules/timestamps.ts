/**
 * timestamps: member mtimes differ. Each side is classified (formats.md C.1, C.7): one known tool default,
 * one other constant (SOURCE_DATE_EPOCH), or varying filesystem times; a constant whole-hour offset
 * between the sides points at a writer using local time.
 */
import { formatTimestamp } from '../../format'
import type { MemberComparison, Report, Side } from '../../types'
import type { MemberIndex } from '../member-index'
import { finding, memberIndex, plural, sideValue, verb, type ExplanationRule } from '../rule'

/** Fixed times that tools write instead of the real ones. */
const TOOL_DEFAULTS: Record<number, string> = {
  315532800: '1980-01-01, the zip epoch wheel and setuptools clamp to',
  315576060: '1980-01-01 00:01, the time strip-nondeterminism writes',
  499162500: "1985-10-26 08:15, npm's fixed time",
  1451606400: '2016-01-01, the fixed time of older poetry-core and pdm-backend',
  1580601600: "2020-02-02, hatchling's fallback",
}
const HOUR = 3600
const MAX_ZONE_OFFSET = 14 * HOUR

type SideKind = 'tool-default' | 'constant' | 'filesystem'

/** A side's mtime as a number, as Number(sideValue(member, side, 'mtime')) gives it; NaN without the side. */
function mtimeOf(member: MemberComparison, side: Side): number {
  const value = (side === 'left' ? member.left : member.right)?.mtime
  return typeof value === 'object' && value !== null ? NaN : Number(value)
}

/** The differing members' mtimes of each side, read once: reading a member's fields is most of this rule's time. */
interface MemberTimes {
  left: number[]
  right: number[]
}

function timesOf(members: MemberComparison[]): MemberTimes {
  const times: MemberTimes = { left: new Array<number>(members.length), right: new Array<number>(members.length) }
  for (let i = 0; i < members.length; i++) {
    times.left[i] = mtimeOf(members[i], 'left')
    times.right[i] = mtimeOf(members[i], 'right')
  }
  return times
}

const finite = (values: number[]) => values.filter(Number.isFinite)

/**
 * Every finite mtime of one side, identical and one-sided members included. When every member differs in time
 * the differing members are the report's members, in the same order, and their times are already read.
 */
function sideTimes(report: Report, side: Side, members: MemberComparison[], times: MemberTimes): number[] {
  if (members.length === report.members.length) return finite(times[side])
  const values: number[] = []
  for (const member of report.members) {
    const value = mtimeOf(member, side)
    if (Number.isFinite(value)) values.push(value)
  }
  return values
}

/** How many distinct values (as a Set counts them, NaN once); one shared value, the usual case, needs no Set. */
function distinctCount(values: number[]): number {
  if (values.length === 0) return 0
  const first = values[0]
  let i = 1
  while (i < values.length && (values[i] === first || (values[i] !== values[i] && first !== first))) i++
  return i === values.length ? 1 : new Set(values).size
}

/**
 * A side is "one constant time" (or one tool default) only when EVERY member of that side has that time,
 * not just the members that differ: SOURCE_DATE_EPOCH and the tool defaults apply to the whole archive.
 */
function classify(values: number[], allTimes: number[]): { kind: SideKind; words: string; value?: number; partial?: boolean } {
  const distinct = distinctCount(values)
  const distinctAll = distinctCount(allTimes)
  if (distinct === 1 && distinctAll === 1) {
    const value = values[0]
    if (TOOL_DEFAULTS[value]) return { kind: 'tool-default', words: `a tool default (${TOOL_DEFAULTS[value]})`, value }
    // SOURCE_DATE_EPOCH is whole seconds: a fraction means the time came from the file system.
    if (!Number.isInteger(value)) return { kind: 'filesystem', words: `one file-system time with a sub-second part, ${formatTimestamp(value)}`, value }
    return { kind: 'constant', words: `one constant time, ${formatTimestamp(value)} (as SOURCE_DATE_EPOCH gives)`, value }
  }
  const fractional = allTimes.some((value) => !Number.isInteger(value))
  const shared = distinct === 1 ? `; the ${plural(values.length, 'differing member')} ${verb(values.length, 'share')} ${formatTimestamp(values[0])}` : ''
  return { kind: 'filesystem', words: `filesystem times (${distinctAll} different values${fractional ? ', with sub-second pax mtimes' : ''}${shared})`, partial: shared !== '' }
}

/** The common right − left offset when it is a nonzero whole number of hours, else null. */
function wholeHourShift(times: MemberTimes): number | null {
  const deltas = times.right.map((right, i) => right - times.left[i])
  if (distinctCount(deltas) !== 1) return null
  const delta = deltas[0]
  return delta !== 0 && delta % HOUR === 0 && Math.abs(delta) <= MAX_ZONE_OFFSET ? delta : null
}

function remedyFor(left: SideKind, right: SideKind, shift: number | null): string {
  if (shift !== null) return 'One writer stores local time: build with TZ=UTC (zip times carry no time zone), or set SOURCE_DATE_EPOCH.'
  if (left === 'filesystem' || right === 'filesystem') {
    return 'Set SOURCE_DATE_EPOCH (for example to the last commit time, git log -1 --format=%ct) so every member gets the same fixed time.'
  }
  return 'Both builds pin the time but to different values: use the same SOURCE_DATE_EPOCH, or the same backend version.'
}

/** pax records that only carry times (POSIX pax: mtime, atime, ctime). */
const PAX_TIME_KEYS = new Set(['mtime', 'atime', 'ctime'])

function withoutPaxTimes(records: unknown): string {
  return String(records ?? '').split('\n').filter((line) => !PAX_TIME_KEYS.has(line.slice(0, line.indexOf('=')))).join('\n')
}

/**
 * Other fields these members' time differences account for: pax records that differ only in time keys,
 * and zip extra fields when the Info-ZIP extended timestamp differs (it lives in them). Anything else in
 * those fields is left for another rule to explain.
 */
function timeOnlyFields(members: MemberComparison[], index: MemberIndex): string[] {
  const fields: string[] = []
  // The members also changed in these fields, as `members.filter((m) => m.changed.includes(…))` lists them.
  let timed: Set<MemberComparison> | undefined
  const among = (changed: MemberComparison[]) => (changed.length === 0 ? changed : changed.filter((m) => (timed ??= new Set(members)).has(m)))
  const withPax = among(index.withChange('paxHeaders'))
  if (withPax.length && withPax.every((m) => withoutPaxTimes(sideValue(m, 'left', 'paxHeaders')) === withoutPaxTimes(sideValue(m, 'right', 'paxHeaders')))) fields.push('paxHeaders')
  const withExtra = among(index.withChange('extra', 'localExtra'))
  if (withExtra.length && withExtra.every((m) => m.changed.includes('extendedMtime'))) fields.push('extra', 'localExtra')
  return fields
}

export const timestampsRule: ExplanationRule = {
  cause: 'timestamps',
  description: 'Member modification times differ.',
  explain(context) {
    const { report } = context
    const index = memberIndex(context)
    const members = index.withChange('mtime', 'extendedMtime').filter((member) => member.left && member.right)
    if (members.length === 0) return []
    const times = timesOf(members)
    const left = classify(finite(times.left), sideTimes(report, 'left', members, times))
    const right = classify(finite(times.right), sideTimes(report, 'right', members, times))
    const shift = wholeHourShift(times)
    const sides = shift !== null
      ? `every time shifted by ${shift / HOUR} h (a local-time writer)`
      : left.kind === right.kind && left.kind === 'filesystem' && !left.partial && !right.partial
        ? `filesystem times on both sides`
        : `${left.words} on the left, ${right.words} on the right`
    const only = members.filter((member) => member.status === 'metadata').length
    const alsoTimes = timeOnlyFields(members, index)
    return [finding({
      cause: 'timestamps',
      title: `${plural(members.length, 'member')} ${verb(members.length, 'differ')} in timestamps${only === members.length ? ' only' : ''}: ${sides}`,
      members: members.map((member) => member.path),
      fields: ['mtime', 'extendedMtime', ...alsoTimes],
      evidence: {
        left: left.kind, right: right.kind, leftValue: left.value, rightValue: right.value, shiftSeconds: shift,
        examples: members.slice(0, 3).map((member) => ({ path: member.path, left: sideValue(member, 'left', 'mtime'), right: sideValue(member, 'right', 'mtime') })),
      },
      remedy: remedyFor(left.kind, right.kind, shift),
    })]
  },
}
