/** Which CLI the bin runs: the bundle only when nothing under src/ changed after it was built (issue 9, item 1). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain JavaScript module of the bin, without type declarations
import { pickEntry } from '../../bin/pick-entry.mjs'

const BUILT_AT = Date.UTC(2026, 0, 2) // ms

/** A project tree: src/ files a day before the bundle's build, and a bundle with its stamp. */
function tree() {
  const root = mkdtempSync(join(tmpdir(), 'reprodiff-pick-'))
  const at = (path: string, ms: number) => utimesSync(join(root, path), ms / 1000, ms / 1000)
  mkdirSync(join(root, 'src/core/util'), { recursive: true })
  mkdirSync(join(root, 'dist-cli'))
  for (const file of ['src/cli.ts', 'src/core/index.ts', 'src/core/util/bytes.ts']) writeFileSync(join(root, file), '')
  writeFileSync(join(root, 'dist-cli/reprodiff.mjs'), '')
  writeFileSync(join(root, 'dist-cli/built.json'), JSON.stringify({ sourcesBefore: BUILT_AT }))
  for (const path of ['src/cli.ts', 'src/core/index.ts', 'src/core/util/bytes.ts', 'src/core/util', 'src/core', 'src']) at(path, BUILT_AT - 86_400_000)
  return { root, at, pick: () => pickEntry(pathToFileURL(`${root}/`)) }
}

describe('pickEntry', () => {
  it('runs the bundle when it was built after every file and folder under src/', () => {
    const { root, pick } = tree()
    expect(pick()).toMatchObject({ kind: 'bundle', url: pathToFileURL(join(root, 'dist-cli/reprodiff.mjs')).href })
  })

  it('runs the source through tsx when a file deep under src/ is newer, and names it', () => {
    const { at, pick } = tree()
    at('src/core/util/bytes.ts', BUILT_AT + 1000)
    const picked = pick()
    expect(picked.kind).toBe('tsx')
    expect(picked.reason).toMatch(/src\/core\/util\/bytes\.ts changed after the bundle was built/)
  })

  it('notices a deleted source file (its folder is newer) and a missing bundle', () => {
    const { root, at, pick } = tree()
    rmSync(join(root, 'src/core/index.ts'))
    at('src/core', BUILT_AT + 1000)
    expect(pick()).toMatchObject({ kind: 'tsx', reason: expect.stringMatching(/src\/core changed/) })
    rmSync(join(root, 'dist-cli/built.json'))
    expect(pick()).toMatchObject({ kind: 'tsx', reason: expect.stringMatching(/no bundle/) })
  })
})
