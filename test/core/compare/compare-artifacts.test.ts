/**
 * Every committed fixture pair gives exactly the verdict, statuses, changed fields and archive fields it records,
 * and, for members inside containers, their `!/` place (container, depth), which are unread, which carry an error,
 * and the limit each `limit-exceeded` finding names.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts } from '../../../src/core/index'
import type { MemberComparison, Report } from '../../../src/core/types'
import { fixturePairs, source, type ExpectedPair } from '../../fixture-files'

/** Fields outside the fixtures' vocabulary that a reader may legitimately add (none of them differ in the fixtures). */
const sorted = (values: string[]) => [...values].sort()

/** expected.json keys: the member path, and `path#2`, `path#3`… for a name repeated in one archive (its pairing key). */
function memberKeys(paths: string[]): string[] {
  const seen = new Map<string, number>()
  return paths.map((path) => {
    const count = (seen.get(path) ?? 0) + 1
    seen.set(path, count)
    return count === 1 ? path : `${path}#${count}`
  })
}

describe('compareArtifacts on the fixture pairs', () => {
  for (const pair of fixturePairs()) {
    it(`${pair.kind}: ${pair.expected.verdict}`, async () => {
      const report = await compareArtifacts(await source(pair.left), await source(pair.right))
      expect(report.verdict).toBe(pair.expected.verdict)
      const keys = memberKeys(report.members.map((m) => m.path))
      const actual = Object.fromEntries(report.members.map((m, i) => [keys[i], { status: m.status, changed: sorted(m.changed) }]))
      expect(keys.length).toBe(Object.keys(actual).length)
      const expected = Object.fromEntries(
        Object.entries(pair.expected.members).map(([path, m]) => [path, { status: m.status, changed: sorted(m.changed) }]),
      )
      expect(actual).toEqual(expected)
      expect(sorted(report.archive.map((d) => d.field))).toEqual(sorted(pair.expected.archive))
      expect(report.left.error).toBeUndefined()
      expect(report.right.error).toBeUndefined()
      expectNestingAndErrors(report, keys, pair.expected)
    })
  }
})

/** How a LIMIT_EXCEEDED message names each limit (read-context.ts, nested.ts). */
const LIMIT_WORDS: Record<string, RegExp> = {
  maxDepth: /depth limit \(maxDepth \d+\)/,
  maxRatio: /\d:1 ratio limit/,
  maxMembers: /member-count limit/,
  maxMemberBytes: / member limit/,
  maxTotalBytes: / total limit/,
}

const sideErrorCodes = (member: MemberComparison) => [member.left?.error?.code, member.right?.error?.code].filter((code) => code !== undefined)

function expectNestingAndErrors(report: Report, keys: string[], expected: ExpectedPair): void {
  report.members.forEach((member, i) => {
    const want = expected.members[keys[i]]
    // `a.whl!/b.zip!/x` sits in `a.whl!/b.zip`, two levels down; a stored `!/` is shown escaped, so it never splits here.
    const cut = member.path.lastIndexOf('!/')
    expect({ path: member.path, container: member.container, depth: member.depth }).toEqual({
      path: member.path, container: cut < 0 ? undefined : member.path.slice(0, cut), depth: cut < 0 ? undefined : member.path.split('!/').length - 1,
    })
    expect({ path: member.path, unread: member.unread ?? false }).toEqual({ path: member.path, unread: want.unread ?? false })
    // A container with the same bytes on both sides is not opened, and says so (compare/same-bytes.ts).
    expect({ path: member.path, notOpenedInside: member.notOpenedInside }).toEqual({ path: member.path, notOpenedInside: want.notOpenedInside })
    if (want.error) expect(sideErrorCodes(member), member.path).toContain(want.error)
    else expect(sideErrorCodes(member), member.path).toEqual([])
  })
  for (const { member, limit } of expected.limits ?? []) {
    const finding = report.findings.find((f) => f.cause === 'limit-exceeded' && f.members.includes(member))
    expect(finding, `a limit-exceeded finding naming ${member}`).toBeDefined()
    const messages = (finding!.evidence.members as { path: string; message: string }[]).filter((entry) => entry.path === member).map((entry) => entry.message)
    expect(messages.length, member).toBeGreaterThan(0)
    for (const message of messages) expect(message).toMatch(LIMIT_WORDS[limit])
  }
}
