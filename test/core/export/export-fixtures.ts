/** The reports the export tests render: the sample pair, and a pair whose names and contents are hostile. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { compareArtifacts, type Report } from '../../../src/core/index'
import { source } from '../../fixture-files'
import { blobSource, buildZip } from '../archive/build-archives'

const SAMPLE = join(import.meta.dirname, '../../../public/sample')
export const SAMPLE_WHEEL = 'demo_pkg-1.0.0-py3-none-any.whl'
export const SAMPLE_LEFT = join(SAMPLE, 'left', SAMPLE_WHEEL)
export const SAMPLE_RIGHT = join(SAMPLE, 'right', SAMPLE_WHEEL)

const GOLDEN = join(import.meta.dirname, '../../fixtures/golden')

/** Compares with the committed file in test/fixtures/golden; REPRODIFF_UPDATE_GOLDEN=1 rewrites it instead (then review the diff). */
export function expectGolden(name: string, text: string): void {
  const path = join(GOLDEN, name)
  if (process.env.REPRODIFF_UPDATE_GOLDEN === '1') writeFileSync(path, text)
  expect(text).toBe(readFileSync(path, 'utf8'))
}

/** The sample pair the page opens with `?sample` (public/sample). */
export async function sampleReport(): Promise<Report> {
  return compareArtifacts(await source(SAMPLE_LEFT), await source(SAMPLE_RIGHT))
}

/** Names that would become markup, links, images or reordered text if an export wrote them as they are. */
export const HOSTILE_NAMES = [
  '[click](https://evil.test/x).py',
  '![logo](http://evil.test/p.png)',
  '<script>alert(1)</script>.py',
  '<img src=x onerror=alert(1)>.txt',
  'pipe|in|name.py',
  'back`tick`.py',
  'pkg/\u202egnp.py',
  'pkg/in\u200bit.py',
  'pkg/sеtup.py',
  'www.evil.test.py',
  'mail user@evil.test.py',
  '# heading.py',
  '- item.py',
  '1. ordered.py',
  '*em* _em_ ~~del~~ $x$.txt',
  'a &amp; b.txt',
  'back\\slash.py',
]

/** Contents differ on each side so every hostile name is a modified member with a text diff. */
export async function hostileReport(): Promise<Report> {
  const side = (suffix: string) => buildZip(HOSTILE_NAMES.map((name, i) => ({
    name, data: `line 1\n<b>member ${i}</b> [x](javascript:alert(1)) \u202e${suffix}\nline 3\n`,
  })))
  return compareArtifacts(blobSource('left <b>.zip', side('left')), blobSource('right [x](y).zip', side('right')))
}
