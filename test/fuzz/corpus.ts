/** The fuzz seeds: every committed fixture archive, plus every input that once failed (regressions/). */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
export const REGRESSIONS = join(import.meta.dirname, 'regressions')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

export function seedFiles(): { name: string; bytes: Uint8Array<ArrayBuffer> }[] {
  return filesUnder(FIXTURES)
    .filter((path) => /\.(whl|zip|tar|gz|tgz|xz|bz2|zst)$/.test(path))
    .sort()
    .map((path) => ({ name: path.slice(FIXTURES.length + 1), bytes: new Uint8Array(readFileSync(path)) }))
}

export function regressionFiles(): { name: string; bytes: Uint8Array<ArrayBuffer> }[] {
  return readdirSync(REGRESSIONS).filter((f) => f.endsWith('.bin')).sort().map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(REGRESSIONS, f))) }))
}
