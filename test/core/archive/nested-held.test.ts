/**
 * Nested containers are opened from the bytes the first pass read (a copy, within a per-level budget), not read and
 * inflated again from the file around them; the readings are the same either way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ARCHIVE_READERS } from '../../../src/core/archive/readers'
import { readArtifact } from '../../../src/core/index'
import { blobSource, buildZip, gzip } from './build-archives'
import { npmTarball, wheel } from './nested-builders'

const text = new TextEncoder()
const zipEntry = ARCHIVE_READERS.find((entry) => entry.format === 'zip')!
const gzipEntry = ARCHIVE_READERS.find((entry) => entry.format === 'gzip')!

afterEach(() => vi.restoreAllMocks())

describe('nested containers opened from the first pass', () => {
  const outer = () => blobSource('a.zip', buildZip([
    { name: 'docs/a.txt.gz', data: gzip(text.encode('alpha\n')) },
    { name: 'inner.whl', data: wheel('1.0', 1_600_000_000) },
    { name: 'docs/b.txt.gz', data: gzip(text.encode('beta\n')) },
  ]))

  it('does not read the outer zip again to open its containers', async () => {
    const again = vi.spyOn(zipEntry, 'readMembersBytes')
    const reading = await readArtifact(outer())
    expect(again).not.toHaveBeenCalled()
    expect(Object.keys(reading.nested ?? {}).sort()).toEqual(['0', '1', '2'])
    expect(reading.nested?.[1]?.members.map((member) => member.path).sort()).toEqual(['x-1.0.dist-info/WHEEL', 'x/__init__.py'])
    expect(reading.nested?.[0]?.members[0]).toMatchObject({ path: 'a.txt', size: 6 })
  })

  it('gives the same readings as a second pass over the outer file', async () => {
    const held = await readArtifact(outer())
    // A level whose copies are gone is read again from the file, as before the copies were kept.
    const collect = await import('../../../src/core/archive/nested')
    vi.spyOn(collect, 'collectCandidates').mockImplementation((level) => (member, bytes) => {
      const format = bytes.length > 0 && member.type === 'file' ? (bytes[0] === 0x1f ? 'gzip' : bytes[0] === 0x50 ? 'zip' : null) : null
      if (format) level.candidates.push({ index: member.index, format })
    })
    const again = vi.spyOn(zipEntry, 'readMembersBytes')
    const reread = await readArtifact(outer())
    expect(again).toHaveBeenCalledTimes(1)
    expect(reread).toEqual(held)
  })

  it('a tarball with a wheel inside opens it without decompressing the tarball again', async () => {
    const again = vi.spyOn(gzipEntry, 'readMembersBytes')
    const reading = await readArtifact(blobSource('x-0.8.5.tgz', npmTarball('x-0.8.5-py3-none-any.whl', wheel('0.8.5', 1_600_000_000), 1_600_000_000)))
    expect(again).not.toHaveBeenCalled()
    expect(Object.values(reading.nested ?? {}).map((inner) => inner.format)).toEqual(['zip'])
  })
})
