/**
 * timestamps: member mtimes differ. Each side is classified (formats.md C.1, C.7): one known tool default,
 * one other constant (SOURCE_DATE_EPOCH), or varying filesystem times; a constant whole-hour offset
 * between the sides points at a writer using local time.
 */
import { formatTimestamp } from '../../format'
import type { MemberComparison, Report, Side } from '../../types'
import { finding, membersWithChange, plural, sideValue, verb, type ExplanationRule } from '../rule'

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

/** Every finite mtime of one side, identical and one-sided members included. */
function sideTimes(report: Report, side: Side): number[] {
  const values: number[] = []
  for (const member of report.members) {
    const value = member[side] ? Number(sideValue(member, side, 'mtime')) : NaN
    if (Number.isFinite(value)) values.push(value)
  }
  return values
}

/**
 * A side is "one constant time" (or one tool default) only when EVERY member of that side has that time,
 * not just the members that differ: SOURCE_DATE_EPOCH and the tool defaults apply to the whole archive.
 */
function classify(members: MemberComparison[], side: Side, allTimes: number[]): { kind: SideKind; words: string; value?: number; partial?: boolean } {
  const values = members.map((member) => Number(sideValue(member, side, 'mtime'))).filter(Number.isFinite)
  const distinct = new Set(values)
  const distinctAll = new Set(allTimes)
  if (distinct.size === 1 && distinctAll.size === 1) {
    const value = values[0]
    if (TOOL_DEFAULTS[value]) return { kind: 'tool-default', words: `a tool default (${TOOL_DEFAULTS[value]})`, value }
    // SOURCE_DATE_EPOCH is whole seconds: a fraction means the time came from the file system.
    if (!Number.isInteger(value)) return { kind: 'filesystem', words: `one file-system time with a sub-second part, ${formatTimestamp(value)}`, value }
    return { kind: 'constant', words: `one constant time, ${formatTimestamp(value)} (as SOURCE_DATE_EPOCH gives)`, value }
  }
  const fractional = allTimes.some((value) => !Number.isInteger(value))
  const shared = distinct.size === 1 ? `; the ${plural(values.length, 'differing member')} ${verb(values.length, 'share')} ${formatTimestamp(values[0])}` : ''
  return { kind: 'filesystem', words: `filesystem times (${distinctAll.size} different values${fractional ? ', with sub-second pax mtimes' : ''}${shared})`, partial: shared !== '' }
}

/** The common right − left offset when it is a nonzero whole number of hours, else null. */
function wholeHourShift(members: MemberComparison[]): number | null {
  const deltas = new Set(members.map((member) => Number(sideValue(member, 'right', 'mtime')) - Number(sideValue(member, 'left', 'mtime'))))
  if (deltas.size !== 1) return null
  const [delta] = deltas
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
function timeOnlyFields(members: MemberComparison[]): string[] {
  const fields: string[] = []
  const withPax = members.filter((m) => m.changed.includes('paxHeaders'))
  if (withPax.length && withPax.every((m) => withoutPaxTimes(sideValue(m, 'left', 'paxHeaders')) === withoutPaxTimes(sideValue(m, 'right', 'paxHeaders')))) fields.push('paxHeaders')
  const withExtra = members.filter((m) => m.changed.includes('extra') || m.changed.includes('localExtra'))
  if (withExtra.length && withExtra.every((m) => m.changed.includes('extendedMtime'))) fields.push('extra', 'localExtra')
  return fields
}

export const timestampsRule: ExplanationRule = {
  cause: 'timestamps',
  description: 'Member modification times differ.',
  explain({ report }) {
    const members = membersWithChange(report, 'mtime', 'extendedMtime').filter((member) => member.left && member.right)
    if (members.length === 0) return []
    const left = classify(members, 'left', sideTimes(report, 'left'))
    const right = classify(members, 'right', sideTimes(report, 'right'))
    const shift = wholeHourShift(members)
    const sides = shift !== null
      ? `every time shifted by ${shift / HOUR} h (a local-time writer)`
      : left.kind === right.kind && left.kind === 'filesystem' && !left.partial && !right.partial
        ? `filesystem times on both sides`
        : `${left.words} on the left, ${right.words} on the right`
    const only = members.filter((member) => member.status === 'metadata').length
    const alsoTimes = timeOnlyFields(members)
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
