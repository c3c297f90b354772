/** Runs fuzz cases for scripts/fuzz.mts in a worker thread, so a hung case can be stopped from outside. */
import { parentPort, workerData } from 'node:worker_threads'
import { readArtifact } from '../src/core/index'
import { caseInput } from '../test/fuzz/case-input'
import { seedFiles } from '../test/fuzz/corpus'
import { FUZZ_LIMITS, runCase } from '../test/fuzz/harness'

const { seed, start, end } = workerData as { seed: number; start: number; end: number }
const seeds = seedFiles()
const originals = await Promise.all(seeds.map((file) => readArtifact({ name: file.name, blob: new Blob([file.bytes]) }, { limits: FUZZ_LIMITS })))
for (let index = start; index < end; index++) {
  parentPort!.postMessage({ kind: 'start', index })
  const { seed: file, bytes } = caseInput(seeds, seed, index)
  try {
    const outcome = await runCase(`${file.name}#${index}`, bytes, originals[index % seeds.length], file.bytes)
    parentPort!.postMessage({ kind: 'done', index, ms: outcome.ms, refused: outcome.error !== null })
  } catch (thrown) {
    parentPort!.postMessage({ kind: 'failed', index, message: thrown instanceof Error ? `${thrown.message}\n${thrown.stack}` : String(thrown) })
  }
}
parentPort!.postMessage({ kind: 'finished' })
