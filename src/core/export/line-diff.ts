/**
 * A line diff for the HTML export's text diffs: Myers' O(ND) greedy algorithm ("An O(ND) Difference Algorithm
 * and Its Variations", Algorithmica 1986, section 3), iterative, after the common head and tail are taken off.
 * The number of edits is capped: past it the diff is given up (null) rather than taking quadratic time and
 * memory on a hostile pair, and the export says the member's diff was too large.
 */

export type DiffOp = { kind: 'same' | 'removed' | 'added'; text: string }

/** Most edits (removed plus added lines) searched for; the trace kept is about MAX_EDITS² / 2 numbers. */
export const MAX_EDITS = 2000

export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/\r\n|\n|\r/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** The edit script from `a` to `b`, or null when it needs more than `maxEdits` edits. */
export function lineDiff(a: string[], b: string[], maxEdits = MAX_EDITS): DiffOp[] | null {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const middle = middleDiff(a.slice(head, a.length - tail), b.slice(head, b.length - tail), maxEdits)
  if (!middle) return null
  const ops: DiffOp[] = []
  for (let i = 0; i < head; i++) ops.push({ kind: 'same', text: a[i] })
  for (const op of middle) ops.push(op)
  for (let i = a.length - tail; i < a.length; i++) ops.push({ kind: 'same', text: a[i] })
  return ops
}

/** Forward search keeping each round's furthest points (V), then the path walked back from the end. */
function middleDiff(a: string[], b: string[], maxEdits: number): DiffOp[] | null {
  const n = a.length
  const m = b.length
  const limit = Math.min(n + m, maxEdits)
  const offset = limit + 1
  const v = new Int32Array(2 * limit + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2))
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) x++, y++
      v[offset + k] = x
      if (x >= n && y >= m) return backtrack(a, b, trace, d)
    }
  }
  return null
}

/** Walks the trace from (n, m) back to (0, 0); trace[d] holds V before round d, for k in -d-1 … d+1. */
function backtrack(a: string[], b: string[], trace: Int32Array[], last: number): DiffOp[] {
  const reversed: DiffOp[] = []
  let x = a.length
  let y = b.length
  for (let d = last; d > 0; d--) {
    const before = trace[d]
    const at = (k: number) => before[k + d + 1]
    const k = x - y
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const previousK = down ? k + 1 : k - 1
    const previousX = at(previousK)
    const previousY = previousX - previousK
    while (x > previousX + (down ? 0 : 1) && y > previousY + (down ? 1 : 0)) reversed.push({ kind: 'same', text: a[--x] }), y--
    if (down) reversed.push({ kind: 'added', text: b[--y] })
    else reversed.push({ kind: 'removed', text: a[--x] })
  }
  while (x > 0 && y > 0) reversed.push({ kind: 'same', text: a[--x] }), y--
  return reversed.reverse()
}

export interface Hunk {
  leftStart: number
  rightStart: number
  ops: DiffOp[]
}

/** The changes with `context` unchanged lines around each, as unified diff hunks (1-based line numbers). */
export function hunks(ops: DiffOp[], context = 3): Hunk[] {
  // nextChange[i]: the index of the first change at or after i, so each op knows in O(1) whether one is near.
  const nextChange = new Float64Array(ops.length + 1).fill(Infinity)
  for (let i = ops.length - 1; i >= 0; i--) nextChange[i] = ops[i].kind !== 'same' ? i : nextChange[i + 1]
  const result: Hunk[] = []
  let leftLine = 1
  let rightLine = 1
  let current: Hunk | null = null
  let lastChange = -Infinity
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]
    if (op.kind !== 'same') lastChange = i
    if (i - lastChange <= context || nextChange[i] - i <= context) {
      current ??= { leftStart: leftLine, rightStart: rightLine, ops: [] }
      current.ops.push(op)
    } else if (current) {
      result.push(current)
      current = null
    }
    if (op.kind !== 'added') leftLine++
    if (op.kind !== 'removed') rightLine++
  }
  if (current) result.push(current)
  return result
}
