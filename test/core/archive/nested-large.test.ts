/**
 * Brief F item 4: a member that is an archive but is too large to hold (at or above `streamHashThreshold`, hashed
 * in chunks) is never silently compared by its hash: it is opened, or its side carries a LIMIT_EXCEEDED reading
 * that names why it was not (nested.ts), so the report and the page say its contents were not compared.
 * A small `streamHashThreshold` stands in for the 256 MiB default.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact } from '../../../src/core/index'
import { collectCandidates, newNestingLevel, readNestedMembers, type ReadLevel } from '../../../src/core/archive/nested'
import { resolveLimits } from '../../../src/core/limits'
import type { ArtifactReading, Member } from '../../../src/core/types'
import { blobSource, buildZip, gzip } from './build-archives'
import { buildAr } from './build-ar'
import { tarEntry, tarOf } from './build-tar'
import { wheel } from './nested-builders'

const THRESHOLD = 1024
const NOT_OPENED = /is an archive \(zip\) of [\d,]+ bytes, at or above the [\d,]+ bytes from which members are hashed in chunks \(streamHashThreshold\): not opened/

/** A wheel of more than THRESHOLD bytes (incompressible module text), differing by `value`. */
function bigWheel(value: number): Uint8Array<ArrayBuffer> {
  const noise = Array.from({ length: 400 }, (_, i) => ((i * 7919 + value) % 65521).toString(36)).join(' ')
  const bytes = wheel('1.0', 1_700_000_000, { 'x/__init__.py': `VALUE = ${value}\n# ${noise}\n` })
  expect(bytes.length).toBeGreaterThan(THRESHOLD)
  return bytes
}

describe('containers at or above streamHashThreshold', () => {
  it('names a container member whose head was seen but that is too large to open, instead of opening it', async () => {
    // What the readers hand to noteMemberBytes for a chunk-hashed member: its first chunk only.
    const bytes = bigWheel(1)
    const member: Member = { index: 0, path: 'big.whl', type: 'file', size: bytes.length, sha256: 'a'.repeat(64), offset: 0, dataOffset: 0, meta: {} }
    const reading: ArtifactReading = { name: 't.tar', size: 0, sha256: null, format: 'tar', fields: {}, members: [member], retained: {}, anomalies: [] }
    const level = newNestingLevel(0, { outerFileSize: 10_000, totalBytes: 0, members: 0 })
    collectCandidates(level)(member, bytes.subarray(0, 512))
    let opened = 0
    const readLevel: ReadLevel = async () => {
      opened++
      return reading
    }
    await readNestedMembers(new Blob([]), reading, { streamHashThreshold: THRESHOLD }, resolveLimits({}), level, readLevel)
    expect(opened).toBe(0)
    expect(reading.nested?.[0]).toMatchObject({ depth: 1, members: [], error: { code: 'LIMIT_EXCEEDED', path: 'big.whl' } })
    expect(reading.nested![0].error!.message).toMatch(NOT_OPENED)
  })

  it('looks at the head of a single compressed payload above the threshold and names it (x.whl.gz)', async () => {
    const reading = await readArtifact(blobSource('x.whl.gz', gzip(bigWheel(1))), { streamHashThreshold: THRESHOLD })
    expect(reading.format).toBe('gzip')
    expect(reading.nested?.[0]?.error?.message).toMatch(NOT_OPENED)
  })

  it('still opens a single compressed payload below the threshold', async () => {
    const reading = await readArtifact(blobSource('x.whl.gz', gzip(bigWheel(1))))
    expect(reading.nested?.[0]).toMatchObject({ format: 'zip', depth: 1 })
    expect(reading.nested![0].members.length).toBe(2)
  })

  it('reports the container as modified with the reason on both sides, its bytes compared by hash', async () => {
    const options = { streamHashThreshold: THRESHOLD }
    const report = await compareArtifacts(blobSource('l.whl.gz', gzip(bigWheel(1))), blobSource('r.whl.gz', gzip(bigWheel(2))), options)
    const container = report.members.find((m) => m.path === 'l.whl')!
    expect(container).toMatchObject({ status: 'modified', left: { error: { code: 'LIMIT_EXCEEDED' } }, right: { error: { code: 'LIMIT_EXCEEDED' } } })
    expect(report.findings.find((f) => f.cause === 'limit-exceeded')?.members).toContain('l.whl')
  })

  // The readers hand the first bytes of a chunk-hashed member to noteMemberBytes (read-context.ts memberHeadNoter),
  // so a container member over the threshold is found and named, whatever the outer format.
  for (const [name, build] of [
    ['t.tar', (value: number) => tarOf([tarEntry({ name: 'big.whl' }, bigWheel(value))])],
    ['t.zip', (value: number) => buildZip([{ name: 'big.whl', data: bigWheel(value) }])],
    ['deflated.zip', (value: number) => buildZip([{ name: 'big.whl', data: bigWheel(value), deflate: true }])],
    ['t.a', (value: number) => buildAr([{ name: 'big.whl', data: bigWheel(value) }])],
  ] as const) {
    it(`a member of ${name} over the threshold that is an archive is named`, async () => {
      // The file name picks the outer reading: a tar or ar holding only a zip also parses as that zip.
      const reading = await readArtifact(blobSource(name, build(1)), { streamHashThreshold: THRESHOLD })
      expect(reading.members.map((m) => m.path)).toEqual(['big.whl'])
      expect(reading.members[0].sha256).not.toBeNull()
      expect(reading.nested?.[0]?.error?.message).toMatch(NOT_OPENED)
    })
  }
})
