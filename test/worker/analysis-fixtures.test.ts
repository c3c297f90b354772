/**
 * The page receives an explanation as an analysis over the compared report it already holds (report-parts.ts): that
 * is only sound if analyzeReport never changes a member in place (the worker's change would not reach the page) and
 * the analysis rebuilds exactly the report the worker explained. Checked on every fixture pair and on binary pairs,
 * whose members get a binary comparison (the members an analysis replaces).
 */
import { strToU8, zipSync } from 'fflate'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeReport, compareReadings, gatherEvidence, isPackageMetadataPath, readArtifact, type ArtifactSource, type Report } from '../../src/core/index'
import { analysisOf, applyAnalysis } from '../../src/worker/report-parts'
import { bytesSource, FIXTURES, fixturePairs, source } from '../fixture-files'

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

async function explainFrozen(left: ArtifactSource, right: ArtifactSource): Promise<{ compared: Report; analyzed: Report }> {
  const [leftReading, rightReading] = await Promise.all([left, right].map((side) => readArtifact(side, { retainMember: isPackageMetadataPath })))
  const compared = compareReadings(leftReading, rightReading)
  const evidence = { left: await gatherEvidence(left, leftReading, compared, 'left'), right: await gatherEvidence(right, rightReading, compared, 'right') }
  const page = structuredClone(compared)
  // A write into a frozen member throws (modules are strict): the analysis may only make new objects.
  const analyzed = analyzeReport(deepFreeze(compared), evidence)
  expect(applyAnalysis(page, structuredClone(analysisOf(compared, analyzed)))).toEqual(analyzed)
  return { compared, analyzed }
}

describe('an analysis over the page\'s compared report', () => {
  it.each(fixturePairs().map((pair) => [pair.kind, pair] as const))('%s: analyzeReport changes no member in place, and the analysis rebuilds its report', async (_kind, pair) => {
    await explainFrozen(await source(pair.left), await source(pair.right))
  })

  it('carries the members given a binary comparison (a shared object built in two directories)', async () => {
    const wheel = (side: string) => zipSync({ 'pkg/libdemo.so': new Uint8Array(readFileSync(join(FIXTURES, 'binaries', 'build-path', side, 'libdemo.so'))), 'pkg/__init__.py': strToU8('') })
    const { compared, analyzed } = await explainFrozen(bytesSource('left.zip', wheel('left')), bytesSource('right.zip', wheel('right')))
    const replaced = analysisOf(compared, analyzed).replaced
    expect(replaced.map(({ member }) => member.path)).toEqual(['pkg/libdemo.so'])
    expect(replaced[0].member.binary).toBeDefined()
  })
})
