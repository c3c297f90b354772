/** Every committed fixture pair gives exactly the verdict, statuses, changed fields and archive fields it records. */
import { describe, expect, it } from 'vitest'
import { compareArtifacts } from '../../../src/core/index'
import { fixturePairs, source } from '../../fixture-files'

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
    })
  }
})
