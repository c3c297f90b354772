/** Every fixture pair gives exactly the finding causes its expected.json lists (sorted, unique). */
import { describe, expect, it } from 'vitest'
import { compareArtifacts } from '../../../src/core/index'
import { fixturePairs, source } from '../../fixture-files'

describe('finding causes of the fixture pairs', () => {
  const pairs = fixturePairs()

  it('covers every fixture pair, each with a causes list', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(28)
    for (const pair of pairs) expect(Array.isArray(pair.expected.causes), pair.kind).toBe(true)
  })

  for (const pair of pairs) {
    it(`${pair.kind}: ${pair.expected.causes.join(', ') || '(none)'}`, async () => {
      const report = await compareArtifacts(await source(pair.left), await source(pair.right))
      const causes = [...new Set(report.findings.map((f) => f.cause))].sort()
      expect(causes).toEqual(pair.expected.causes)
      // Security findings come first, derived ones last (docs/report-format.md, Findings).
      const ranks = report.findings.map((f) => (f.severity === 'security' ? 0 : f.derived ? 2 : 1))
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    })
  }
})
