/**
 * Seeded, bounded fuzzing inside `npm test`: mutations of every fixture archive, plus every input that
 * ever failed. No exception, every case within the time bound. `npm run fuzz` runs the long version.
 */
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../src/core/index'
import { regressionFiles, seedFiles } from './corpus'
import { FUZZ_LIMITS, runCase } from './harness'
import { mutate, random } from './mutate'

const SEED = 20261125
const CASES_PER_SEED_FILE = 12
/** Generous for a shared CI machine; the real cases take milliseconds. */
const CASE_BOUND_MS = 5_000

describe('fuzz (seeded)', () => {
  it(`${CASES_PER_SEED_FILE} mutations of each fixture archive read, compare and explain without throwing`, async () => {
    const next = random(SEED)
    let cases = 0
    let refused = 0
    for (const seed of seedFiles()) {
      const original = await readArtifact({ name: seed.name, blob: new Blob([seed.bytes]) }, { limits: FUZZ_LIMITS })
      for (let i = 0; i < CASES_PER_SEED_FILE; i++) {
        const outcome = await runCase(`${seed.name}#${i}`, mutate(seed.bytes, next), original, seed.bytes)
        expect(outcome.ms, `${seed.name} mutation ${i}`).toBeLessThan(CASE_BOUND_MS)
        cases++
        if (outcome.error) refused++
      }
    }
    // The mutations must really break things, or this test would prove nothing.
    expect(cases).toBeGreaterThan(300)
    expect(refused).toBeGreaterThan(cases / 10)
  }, 120_000)

  it('replays every input that ever failed', async () => {
    for (const regression of regressionFiles()) {
      const empty = await readArtifact({ name: 'empty', blob: new Blob([]) })
      const outcome = await runCase(regression.name, regression.bytes, empty, new Uint8Array(0))
      expect(outcome.ms, regression.name).toBeLessThan(CASE_BOUND_MS)
    }
  }, 60_000)
})
