/**
 * Bytes that belong to no member are content too: two files that differ only there (another tar in front of
 * the same zip, other junk after it, other bytes between zip entries or after a tar's end marker) must show
 * that difference, never "same contents" with nothing to point at.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, type Report } from '../../../src/core/index'
import { blobSource, buildTar, buildZip, gzip } from './build-archives'

const ZIP = [{ name: 'pkg/__init__.py', data: 'print("zip")\n' }]
const text = (value: string) => new TextEncoder().encode(value)
const fields = (report: Report) => report.archive.map((difference) => difference.field)

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) (out.set(part, at), (at += part.length))
  return out
}

describe('bytes outside every member', () => {
  it('a different tar of the same length in front of the same zip is an archive difference', async () => {
    const left = buildZip(ZIP, { prefix: buildTar([{ name: 'setup.py', data: 'print("AAA")\n' }]) })
    const right = buildZip(ZIP, { prefix: buildTar([{ name: 'setup.py', data: 'print("BBB")\n' }]) })
    const report = await compareArtifacts(blobSource('a-1.0-py3-none-any.whl', left), blobSource('a-1.0-py3-none-any.whl', right))
    expect(fields(report)).toEqual(['outsideBytes.sha256'])
    const [difference] = report.archive
    expect(difference.left).toMatch(/^[0-9a-f]{64}$/)
    expect(difference.left).not.toBe(difference.right)
  })

  it('other junk after the zip end record', async () => {
    const left = buildZip(ZIP, { trailing: text('junkA') })
    const right = buildZip(ZIP, { trailing: text('junkB') })
    expect(fields(await compareArtifacts(blobSource('a.whl', left), blobSource('a.whl', right)))).toEqual(['outsideBytes.sha256'])
  })

  it('other bytes of the same length in a gap between zip entries', async () => {
    const left = buildZip([{ name: 'a.py', data: 'a' }, { name: 'b.py', data: 'b', gapBefore: 4 }])
    const right = left.slice()
    const gap = Buffer.from(right).indexOf('ZZZZ') // buildZip's filler
    right.set(text('YYYY'), gap)
    const report = await compareArtifacts(blobSource('a.zip', left), blobSource('a.zip', right))
    expect(fields(report)).toEqual(['outsideBytes.sha256'])
  })

  it('other bytes after a gzip stream', async () => {
    const stream = gzip(buildTar([{ name: 'pkg-1.0/setup.py', data: 'x' }]))
    const report = await compareArtifacts(blobSource('a.tar.gz', concat(stream, text('junkA'))), blobSource('a.tar.gz', concat(stream, text('junkB'))))
    expect(fields(report)).toEqual(['outsideBytes.sha256'])
  })

  it('other bytes after a tar end marker', async () => {
    const entries = [{ name: 'pkg-1.0/setup.py', data: 'x' }]
    const report = await compareArtifacts(blobSource('a.tar', buildTar(entries, text('junkA'))), blobSource('a.tar', buildTar(entries, text('junkB'))))
    expect(fields(report)).toEqual(['tar.afterEndSha256'])
  })

  it('files that are the same apart from their outside bytes compare identical', async () => {
    const left = buildZip(ZIP, { trailing: text('junk') })
    const report = await compareArtifacts(blobSource('a.whl', left), blobSource('b.whl', left.slice()))
    expect(report.verdict).toBe('identical')
  })
})
