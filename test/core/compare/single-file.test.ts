/** Issue 7 item 4: a compressed single file pairs its payload with the other side's, whatever the names say. */
import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { compareArtifacts } from '../../../src/core/index'
import { blobSource, buildTar, gzip } from '../archive/build-archives'

const payload = new TextEncoder().encode('the same payload\n'.repeat(20))
const gz = (data: Uint8Array, filename?: string, mtime = 0) => gzipSync(data, { mtime, filename }) as Uint8Array<ArrayBuffer>

describe('single-file gzip', () => {
  it('is metadata-only for the same payload under two FNAMEs and two artefact names: one member pair', async () => {
    const report = await compareArtifacts(blobSource('x.gz', gz(payload, 'a.txt')), blobSource('y.gz', gz(payload, 'b.txt')))
    expect(report.left.format).toBe('gzip')
    expect(report.members.map((m) => [m.leftPath, m.rightPath, m.status])).toEqual([['a.txt', 'b.txt', 'identical']])
    expect(report.counts).toMatchObject({ 'left-only': 0, 'right-only': 0 })
    expect(report.archive.map((d) => d.field)).toContain('gzip.fname')
    expect(report.verdict).toBe('metadata-only')
  })

  it('pairs payloads named by the artefact names (no FNAME), and says when they differ', async () => {
    const other = new TextEncoder().encode('another payload\n')
    const report = await compareArtifacts(blobSource('x.txt.gz', gz(payload, undefined, 1)), blobSource('y.txt.gz', gz(other, undefined, 2)))
    expect(report.members.map((m) => [m.leftPath, m.rightPath, m.status])).toEqual([['x.txt', 'y.txt', 'modified']])
    expect(report.verdict).toBe('content-differs')
  })

  it('still pairs tar.gz members by name', async () => {
    const left = gzip(buildTar([{ name: 'a', data: 'same' }]))
    const right = gzip(buildTar([{ name: 'b', data: 'same' }]))
    const report = await compareArtifacts(blobSource('x.tar.gz', left), blobSource('y.tar.gz', right))
    expect(report.members.map((m) => m.status).sort()).toEqual(['left-only', 'right-only'])
  })
})
