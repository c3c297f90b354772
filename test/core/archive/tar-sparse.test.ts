/**
 * GNU sparse members hashed as the file an extractor writes (issue 7 item 1). The builder writes the
 * formats of the GNU tar manual's "Sparse Formats" appendix; GNU tar 1.34 and CPython's tarfile extract
 * the same bytes from such archives (checked by hand, see the report of this change).
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact, readMemberContent } from '../../../src/core/index'
import { concat, expandedFile, gzipOf, oldGnuSparseEntry, paxEntry, paxSparseEntry, tarEntry, tarOf, type Segment } from './build-tar'

const source = (name: string, bytes: Uint8Array<ArrayBuffer>) => ({ name, blob: new Blob([bytes]) })
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Seven segments (the old GNU header holds four: the rest go to an extension block), whole blocks but the last. */
const SEGMENTS: Segment[] = [
  { offset: 0, data: 'h'.repeat(512) }, { offset: 5120, data: 'm'.repeat(1024) }, { offset: 70144, data: 'x'.repeat(512) },
  { offset: 100352, data: 'a'.repeat(512) }, { offset: 120320, data: 'b'.repeat(512) }, { offset: 130048, data: 'c'.repeat(700) }, { offset: 150000, data: '' },
]
const REAL_SIZE = 150000
const EXPANDED = expandedFile(SEGMENTS, REAL_SIZE)

describe('sparse tar members', () => {
  for (const [format, entry] of [
    ['old GNU (S, with an extension block)', oldGnuSparseEntry('sparse.bin', SEGMENTS, REAL_SIZE)],
    ['pax 0.0', paxSparseEntry('sparse.bin', SEGMENTS, REAL_SIZE, '0.0')],
    ['pax 0.1', paxSparseEntry('sparse.bin', SEGMENTS, REAL_SIZE, '0.1')],
    ['pax 1.0', paxSparseEntry('sparse.bin', SEGMENTS, REAL_SIZE, '1.0')],
  ] as const) {
    it(`hashes ${format} as the expanded file, and shows the expanded bytes`, async () => {
      const tar = source('s.tar.gz', gzipOf(tarOf([entry, tarEntry({ name: 'after' }, 'after')])))
      const reading = await readArtifact(tar)
      expect(reading.error).toBeUndefined()
      expect(reading.members.map((m) => [m.path, m.type, m.size, m.sha256])).toEqual([
        ['sparse.bin', 'file', REAL_SIZE, sha256(EXPANDED)],
        ['after', 'file', 5, sha256(Buffer.from('after'))],
      ])
      expect(sha256(await readMemberContent(tar, reading, 0))).toBe(sha256(EXPANDED))
      expect(Buffer.from(await readMemberContent(tar, reading, 1)).toString()).toBe('after')
    })
  }

  it('reads an uncompressed tar sparse member again from its header for display', async () => {
    const tar = source('s.tar', tarOf([tarEntry({ name: 'first' }, 'x'), paxSparseEntry('sparse.bin', SEGMENTS, REAL_SIZE, '1.0')]))
    const reading = await readArtifact(tar)
    expect(sha256(await readMemberContent(tar, reading, 1))).toBe(sha256(EXPANDED))
  })

  it('compares sparse members by their expanded bytes: a changed byte in a segment is modified', async () => {
    const changed = SEGMENTS.map((s, i) => (i === 2 ? { ...s, data: 'y'.repeat(512) } : s))
    const report = await compareArtifacts(
      source('l.tar', tarOf([oldGnuSparseEntry('f', SEGMENTS, REAL_SIZE)])),
      source('r.tar', tarOf([oldGnuSparseEntry('f', changed, REAL_SIZE)])),
    )
    expect(report.members.map((m) => m.status)).toEqual(['modified'])
  })

  it('leaves a member with an unreadable map unread, with its offset, and reads the rest', async () => {
    const badEntry = oldGnuSparseEntry('bad.bin', SEGMENTS.slice(0, 2), 6144, (entry, index) => {
      if (index === 1) entry.set(Buffer.from('zz'), 0)
    })
    const badPax = concat([paxEntry([['GNU.sparse.size', '100'], ['GNU.sparse.map', '0,abc'], ['GNU.sparse.name', 'bad01']]), tarEntry({ name: 'GNUSparseFile.1/bad01' }, 'abc')])
    const badMap10 = paxSparseEntry('bad10', [{ offset: 0, data: 'x'.repeat(10) }], 10, '1.0', '1\n0\nten\n')
    const overlapping = paxSparseEntry('overlap', [{ offset: 0, data: 'a'.repeat(512) }, { offset: 100, data: 'b' }], 1000, '0.1')
    const unaligned = paxSparseEntry('unaligned', [{ offset: 0, data: 'a' }, { offset: 1000, data: 'b' }], 2000, '0.1')
    const unknownVersion = concat([paxEntry([['GNU.sparse.major', '2'], ['GNU.sparse.minor', '0']]), tarEntry({ name: 'v2' }, 'abc')])
    const reading = await readArtifact(source('s.tar', tarOf([badEntry, badPax, badMap10, overlapping, unaligned, unknownVersion, tarEntry({ name: 'after' }, 'ok')])))
    expect(reading.error).toBeUndefined()
    const rows = reading.members.map((m) => [m.path, m.sha256 === null, m.error?.code ?? null])
    expect(rows).toEqual([
      ['bad.bin', true, 'CORRUPT_STRUCTURE'], ['bad01', true, 'CORRUPT_STRUCTURE'], ['bad10', true, 'CORRUPT_STRUCTURE'],
      ['overlap', true, 'CORRUPT_STRUCTURE'], ['unaligned', true, 'CORRUPT_STRUCTURE'], ['v2', true, 'CORRUPT_STRUCTURE'], ['after', false, null],
    ])
    expect(reading.members[0].error).toMatchObject({ offset: 0, message: expect.stringMatching(/sparse map cannot be read/) })
    expect(reading.members[4].error!.message).toMatch(/GNU tar and CPython's tarfile would write different files/)
    const report = await compareArtifacts(source('l.tar', tarOf([badEntry])), source('r.tar', tarOf([badEntry])))
    expect(report.members[0].status).toBe('modified')
  })

  it('applies the member limit to the real size: a sparse bomb is a named LIMIT_EXCEEDED, quickly', async () => {
    const TiB = 2 ** 40
    const bomb = paxSparseEntry('bomb.img', [{ offset: TiB - 1024, data: 'z'.repeat(1024) }, { offset: TiB, data: '' }], TiB, '1.0')
    const started = Date.now()
    const reading = await readArtifact(source('bomb.tar', tarOf([bomb, tarEntry({ name: 'after' }, 'ok')])))
    expect(Date.now() - started).toBeLessThan(2000)
    expect(reading.members[0]).toMatchObject({ path: 'bomb.img', size: TiB, sha256: null, error: { code: 'LIMIT_EXCEEDED' } })
    expect(reading.members[1].sha256).not.toBeNull()
  })

  it('streams a large sparse file through the incremental hash (no buffer of its real size)', async () => {
    const real = 40 * 1024 * 1024
    const segments = [{ offset: real - 512, data: 'q'.repeat(512) }]
    const reading = await readArtifact(source('s.tar', tarOf([paxSparseEntry('big.img', segments, real, '0.1')])))
    expect(reading.members[0].sha256).toBe(sha256(expandedFile(segments, real)))
  })
})
