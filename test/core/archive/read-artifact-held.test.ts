/**
 * A small zip is read in one piece and its members from memory (archive/held-file.ts): the same reading as slice by
 * slice, with one read of the file instead of one per slice; a gzip is not held, so a cut one still lists what
 * came before the cut.
 */
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { blobSource, buildTar, buildZip, gzip } from './build-archives'

/** A Blob that counts how it is read. */
function counted(bytes: Uint8Array<ArrayBuffer>) {
  const blob = new Blob([bytes])
  const reads = { slices: 0, whole: 0 }
  const wrap = (inner: Blob, top: boolean): Blob => ({
    size: inner.size,
    type: '',
    slice: (start?: number, end?: number) => ((reads.slices += 1), wrap(inner.slice(start, end), false)),
    arrayBuffer: () => ((reads.whole += top ? 1 : 0), inner.arrayBuffer()),
    stream: () => inner.stream(),
    text: () => inner.text(),
    bytes: () => inner.bytes(),
  }) as Blob
  return { blob: wrap(blob, true), reads }
}

describe('a small artefact held in memory for its reading', () => {
  const zip = buildZip(Array.from({ length: 40 }, (_, i) => ({ name: `pkg/m${i}.py`, data: `VALUE = ${i}\n`.repeat(50 + i), deflate: i % 3 !== 0 })))

  it('reads a zip once, and gives the reading it gives slice by slice', async () => {
    const held = counted(zip)
    const sliced = counted(zip)
    const [inMemory, bySlices] = await Promise.all([
      readArtifact({ name: 'x.whl', blob: held.blob }),
      readArtifact({ name: 'x.whl', blob: sliced.blob }, { holdFileBelow: 0 }),
    ])
    expect(inMemory).toEqual(bySlices)
    expect(inMemory.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(held.reads).toEqual({ slices: 0, whole: 1 })
    expect(sliced.reads.slices).toBeGreaterThan(2)
  })

  it('does not hold a gzip: a cut tar.gz still lists the members before its cut', async () => {
    const tarGz = gzip(buildTar(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.bin`, data: new Uint8Array(20_000).map((_, j) => (i * 7 + j * 13) & 0xff) }))))
    const cut = tarGz.slice(0, Math.floor(tarGz.length * 0.8))
    const [held, bySlices] = await Promise.all([readArtifact(blobSource('x.tar.gz', cut)), readArtifact(blobSource('x.tar.gz', cut), { holdFileBelow: 0 })])
    expect(held.error?.code).toBe('TRUNCATED')
    expect(held.members.filter((member) => member.sha256 !== null).length).toBeGreaterThan(5)
    expect(held).toEqual(bySlices)
  })
})
