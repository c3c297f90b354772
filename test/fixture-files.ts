/** Helpers for tests: fixtures live in test/fixtures, made by test/fixtures/make-fixtures.py. */
import { openAsBlob } from 'node:fs'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { ArtifactSource } from '../src/core/index'

export const FIXTURES = join(import.meta.dirname, 'fixtures')
export const PAIRS = join(FIXTURES, 'pairs')

export interface ExpectedPair {
  kind: string
  verdict: string
  /** Keyed by report path (`a.whl!/x` inside a container); `unread` and `error` (a side's error code) only where set. */
  members: Record<string, { status: string; changed: string[]; unread?: true; error?: string; notOpenedInside?: 'same-bytes' }>
  archive: string[]
  /** The finding causes (sorted, unique) the pair must produce. */
  causes: string[]
  /** Members a `limit-exceeded` finding names, with the limit (`maxDepth`, `maxRatio`, …) its evidence names. */
  limits?: { member: string; limit: string }[]
}

export async function source(path: string): Promise<ArtifactSource> {
  return { name: basename(path), blob: await openAsBlob(path) }
}

export function bytesSource(name: string, bytes: Uint8Array): ArtifactSource {
  return { name, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }
}

/** Every fixture pair: its directory, its two files and its expected.json. */
export function fixturePairs(): { kind: string; left: string; right: string; expected: ExpectedPair }[] {
  return readdirSync(PAIRS).sort().map((kind) => {
    const dir = join(PAIRS, kind)
    const files = readdirSync(dir)
    const pick = (side: string) => join(dir, files.find((file) => file.startsWith(`${side}.`))!)
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedPair
    return { kind, left: pick('left'), right: pick('right'), expected }
  })
}
