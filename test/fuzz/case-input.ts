/** Case number → (seed file, mutated bytes): each case is independent, so any one can be replayed alone. */
import { mutate, random } from './mutate'

export interface SeedFile {
  name: string
  bytes: Uint8Array<ArrayBuffer>
}

export function caseInput(seeds: SeedFile[], seed: number, index: number): { seed: SeedFile; bytes: Uint8Array<ArrayBuffer> } {
  const file = seeds[index % seeds.length]
  return { seed: file, bytes: mutate(file.bytes, random(seed + index * 7919)) }
}
