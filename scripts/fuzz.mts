/**
 * The long fuzz run: `npm run fuzz -- [--cases 20000] [--seed 1] [--bound-ms 10000]`.
 * Cases run in a worker thread watched from here: a case that throws, or that takes longer than the bound
 * (a hang), is saved to test/fuzz/regressions/ (replayed by `npm test` from then on) and the run goes on.
 * Prints inputs tried, time, failures, the slowest case and peak memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { caseInput } from '../test/fuzz/case-input'
import { REGRESSIONS, seedFiles } from '../test/fuzz/corpus'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback)
const CASES = option('--cases', 20_000)
const SEED = option('--seed', 1)
const BOUND_MS = option('--bound-ms', 10_000)

const seeds = seedFiles()
const failures: { index: number; why: string }[] = []
let slowest = { index: -1, ms: 0 }
let refused = 0
let done = 0

function saveRegression(index: number, why: string): void {
  mkdirSync(REGRESSIONS, { recursive: true })
  const { seed, bytes } = caseInput(seeds, SEED, index)
  const file = join(REGRESSIONS, `seed${SEED}-case${index}.bin`)
  writeFileSync(file, bytes)
  failures.push({ index, why: `${why} (from ${seed.name}; saved as ${file})` })
}

/** Runs cases [start, CASES) in one worker; resolves with the index to resume from, or CASES when finished. */
function runWorker(start: number): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { workerData: { seed: SEED, start, end: CASES } })
    let current = start
    let started = false
    let timer: NodeJS.Timeout | undefined
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        saveRegression(current, `no answer within ${BOUND_MS} ms (hang)`)
        void worker.terminate()
        resolve(current + 1)
      }, BOUND_MS + 5_000) // the first case also pays for reading the seeds
    }
    arm()
    worker.on('message', (message: { kind: string; index: number; ms?: number; refused?: boolean; message?: string }) => {
      if (message.kind === 'start') return ((started = true), (current = message.index), arm())
      if (message.kind === 'finished') return (clearTimeout(timer), void worker.terminate(), resolve(CASES))
      done++
      if (message.kind === 'failed') saveRegression(message.index, `threw: ${message.message}`)
      else {
        if (message.refused) refused++
        if (message.ms! > slowest.ms) slowest = { index: message.index, ms: message.ms! }
        if (message.ms! > BOUND_MS) saveRegression(message.index, `took ${Math.round(message.ms!)} ms, past the ${BOUND_MS} ms bound`)
      }
      if (done % 1000 === 0) console.log(`  ${done} cases, ${failures.length} failures`)
    })
    worker.on('error', (error) => {
      clearTimeout(timer)
      if (!started) {
        // The worker never ran a case: a set-up problem, not a finding about an input.
        console.error(`fuzz: the worker could not start: ${error.message}`)
        process.exit(2)
      }
      saveRegression(current, `worker crashed: ${error.message}`)
      resolve(current + 1)
    })
  })
}

const started = performance.now()
for (let next = 0; next < CASES; ) next = await runWorker(next)
const seconds = (performance.now() - started) / 1000
console.log(`fuzz: ${CASES} inputs from ${seeds.length} seed files (seed ${SEED}) in ${seconds.toFixed(1)} s`)
console.log(`      ${refused} refused with a named error, ${failures.length} failures; slowest case ${Math.round(slowest.ms)} ms (#${slowest.index}); peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
for (const failure of failures) console.log(`  FAIL #${failure.index}: ${failure.why.split('\n')[0]}`)
process.exit(failures.length ? 1 : 0)
