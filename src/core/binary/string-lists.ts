/**
 * Two sides' strings of one section compared (issue 8, "Explain, don't just show"): after replacing the left
 * build directory by the right one, the same sequence, the same strings in another order, or other strings; and
 * strings that differ only in an embedded date or time (C11 6.10.8.1 `__DATE__`/`__TIME__`, ISO 8601, ctime(3)).
 */

/** A build directory replaced by another: every occurrence of `from` in a left string becomes `to`. */
export interface PathReplacement {
  from: string
  to: string
}

/**
 * Embedded build times: ctime(3) "Mon Dec  1 09:24:31 2026", ISO 8601 dates and date-times, C `__DATE__`
 * "Dec  1 2026" and `__TIME__` "09:24:31" (C11 6.10.8.1), longest forms first.
 */
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const CLOCK = '\\d{2}:\\d{2}:\\d{2}'
const ISO = '\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?'
const TIMES = new RegExp(`${WEEKDAY} ${MONTH} [ \\d]\\d ${CLOCK} \\d{4}|${ISO}|${MONTH} [ \\d]\\d \\d{4}|${CLOCK}`, 'g')
const TIME_MARK = '\u0000time\u0000'

/** The string with every embedded date or time replaced by one mark; null when it holds none. */
export function maskTimes(text: string): string | null {
  const masked = text.replace(TIMES, TIME_MARK)
  return masked === text ? null : masked
}

export interface StringListComparison {
  /** With the replacement applied to the left: the same sequence, the same multiset in another order, or not. */
  afterReplacement: 'identical' | 'reordered' | 'differs'
  /** Strings on one side only that differ from one on the other side only in embedded dates or times. */
  times: { left: string; right: string }[]
  /** Strings on one side only that nothing explains (after the replacement and the times), in order. */
  leftOnly: string[]
  rightOnly: string[]
}

function countsOf(list: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const s of list) counts.set(s, (counts.get(s) ?? 0) + 1)
  return counts
}

/** The strings of `list` that `other` does not hold as many times (a multiset difference, in order). */
function without(list: string[], other: Map<string, number>): string[] {
  const left = new Map(other)
  const only: string[] = []
  for (const s of list) {
    const n = left.get(s) ?? 0
    if (n > 0) left.set(s, n - 1)
    else only.push(s)
  }
  return only
}

/** Two sides' strings compared after replacing the build directory in the left ones (none: as they are). */
export function compareStringLists(left: string[], right: string[], replacement: PathReplacement | null): StringListComparison {
  const replaced = replacement && replacement.from ? left.map((s) => s.split(replacement.from).join(replacement.to)) : left
  const sameSequence = replaced.length === right.length && replaced.every((s, i) => s === right[i])
  const leftOnly = without(replaced, countsOf(right))
  const rightOnly = without(right, countsOf(replaced))
  const afterReplacement = sameSequence ? 'identical' : leftOnly.length === 0 && rightOnly.length === 0 ? 'reordered' : 'differs'
  // Pair what is left by its form with the times masked; each right string pairs once.
  const byMask = new Map<string, string[]>()
  for (const s of rightOnly) {
    const masked = maskTimes(s)
    if (masked === null) continue
    const same = byMask.get(masked)
    if (same) same.push(s)
    else byMask.set(masked, [s])
  }
  const times: StringListComparison['times'] = []
  const unpairedLeft: string[] = []
  for (const s of leftOnly) {
    const masked = maskTimes(s)
    const match = masked === null ? undefined : byMask.get(masked)?.shift()
    if (match === undefined) unpairedLeft.push(s)
    else times.push({ left: s, right: match })
  }
  const unpairedRight = without(rightOnly, countsOf(times.map((t) => t.right)))
  return { afterReplacement, times, leftOnly: unpairedLeft, rightOnly: unpairedRight }
}
