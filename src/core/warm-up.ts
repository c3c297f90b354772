/**
 * Warm-up for a fresh worker: V8 compiles the readers' hot loops (inflate, CRC-32, header parsing) only
 * after they have run for a while, and a cold first comparison of a 2 MB wheel pair took about 3x longer
 * than a warm one (measured: 604 ms cold, 226 ms on the 4th run, docs/performance.md). So each worker
 * reads a generated wheel-like zip a few times while the user is still choosing files.
 */
import { strToU8, zipSync, type Zippable } from 'fflate'
import { readArtifact } from './archive/read-artifact'
import { compareReadings } from './compare/compare-artifacts'

const MEMBERS = 240
const PASSES = 3

/** Python-like text, varied enough that deflate uses both literal and match paths. */
function makeMember(index: number): Uint8Array {
  const lines: string[] = [`"""Module ${index}."""`, 'from __future__ import annotations', '']
  for (let i = 0; i < 20 + (index % 60); i++) {
    lines.push(`def function_${index}_${i}(value: int = ${(index * 31 + i * 7) % 997}) -> int:`)
    lines.push(`    return value * ${i + 1} + ${(index ^ i) & 0xff}  # ${'x'.repeat((index + i) % 40)}`)
  }
  return strToU8(lines.join('\n'))
}

export function makeWarmUpZip(): Uint8Array<ArrayBuffer> {
  const files: Zippable = {}
  for (let i = 0; i < MEMBERS; i++) files[`warm/pkg/module_${i}.py`] = [makeMember(i), { level: (i % 9) + 1 as 1 }]
  return zipSync(files, { mtime: new Date(Date.UTC(2020, 0, 1)) }) as Uint8Array<ArrayBuffer>
}

/** Reads and compares the generated zip a few times; returns the time each pass took, in ms. */
export async function warmUp(): Promise<number[]> {
  const blob = new Blob([makeWarmUpZip()])
  const times: number[] = []
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now()
    const reading = await readArtifact({ name: 'warm-up.whl', blob })
    compareReadings(reading, reading)
    times.push(performance.now() - started)
  }
  return times
}
