/**
 * xz, bzip2 and Zstandard as outer wrappers, read like gzip (issue 8, "Every common compressor"): the same
 * tar as .tar.xz, .tar.bz2 and .tar.zst lists and hashes the same members as the .tar; a single compressed
 * file is one member; a cut is a coded error that keeps the members before it; a bomb stops at the ratio
 * limit; a .tar.xz against a .tar.gz of the same tar is the same contents with the wrapper as the cause.
 * Fixtures: test/fixtures/compressors (make-fixtures.py `compressors`, README.md there for the .zst files).
 */
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact, readMemberContent } from '../../../src/core/index'
import type { ArtifactReading } from '../../../src/core/types'
import { FIXTURES, bytesSource } from '../../fixture-files'
import { gzipOf } from './build-tar'

const DIR = join(FIXTURES, 'compressors')
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))
const read = (name: string, data = bytes(name)) => readArtifact(bytesSource(name, data))
const hashes = (reading: ArtifactReading) => new Map(reading.members.map((member) => [member.path, member.sha256]))

const WRAPPERS = [
  { suffix: 'xz', format: 'xz', tarFormat: 'tar+xz', field: 'xz.checkType', damage: scramble },
  { suffix: 'bz2', format: 'bzip2', tarFormat: 'tar+bzip2', field: 'bzip2.blockSize', damage: scramble },
  { suffix: 'zst', format: 'zstd', tarFormat: 'tar+zstd', field: 'zstd.checksumFlag', damage: scramble },
] as const

/** Bytes 2000–2063 flipped, inside the first block: the xz check, the bzip2 block CRC or the Zstandard content checksum fails. */
function scramble(data: Uint8Array): void {
  for (let i = 2000; i < 2064; i++) data[i] ^= 0xa5
}

describe.each(WRAPPERS)('.$suffix as an outer wrapper', ({ suffix, format, tarFormat, field, damage }) => {
  it(`.tar.${suffix} lists and hashes every member as the .tar does`, async () => {
    const tar = await read('members.tar')
    const reading = await read(`members.tar.${suffix}`)
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe(tarFormat)
    expect(reading.members.length).toBe(tar.members.length)
    expect(hashes(reading)).toEqual(hashes(tar))
    expect(reading.fields['tar.format']).toBe(tar.fields['tar.format'])
    expect(reading.fields).toHaveProperty([field])
  })

  it(`a single .${suffix} file is one member named without the suffix`, async () => {
    const reading = await read(`single.json.${suffix}`)
    const payload = bytes('single.json')
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe(format)
    expect(reading.members.map((m) => [m.path, m.size, m.sha256])).toEqual([
      ['single.json', payload.length, createHash('sha256').update(payload).digest('hex')],
    ])
  })

  it(`a member of a .tar.${suffix} and a single .${suffix} payload are read again for display, byte for byte`, async () => {
    const data = bytes(`members.tar.${suffix}`)
    const reading = await read(`members.tar.${suffix}`, data)
    const index = reading.members.findIndex((m) => m.path === 'pkg-1.0/data/blob-1.bin')
    const content = await readMemberContent(bytesSource(`members.tar.${suffix}`, data), reading, index)
    expect(createHash('sha256').update(content).digest('hex')).toBe(reading.members[index].sha256)
    const single = bytes(`single.json.${suffix}`)
    const singleReading = await read(`single.json.${suffix}`, single)
    expect(await readMemberContent(bytesSource(`single.json.${suffix}`, single), singleReading, 0)).toEqual(bytes('single.json'))
  })

  it(`a .tar.${suffix} against a .tar.gz with one member changed: that member modified, its evidence read`, async () => {
    const tar = bytes('members.tar')
    const reading = await read('members.tar')
    const blob = reading.members.find((m) => m.path === 'pkg-1.0/data/blob-1.bin')!
    tar[blob.dataOffset! + 10] ^= 0xff
    const report = await compareArtifacts(bytesSource(`pkg-1.0.tar.${suffix}`, bytes(`members.tar.${suffix}`)), bytesSource('pkg-1.0.tar.gz', gzipOf(tar)))
    expect(report.verdict).toBe('content-differs')
    expect(report.members.filter((m) => m.status !== 'identical').map((m) => [m.path, m.status])).toEqual([['pkg-1.0/data/blob-1.bin', 'modified']])
    expect(report.findings.some((f) => f.cause === 'content' && f.members.includes('pkg-1.0/data/blob-1.bin'))).toBe(true)
  })

  it(`a cut .tar.${suffix} is TRUNCATED, with the members before the cut listed and hashed`, async () => {
    const whole = bytes(`members.tar.${suffix}`)
    const reading = await read(`members.tar.${suffix}`, whole.slice(0, Math.floor(whole.length * 0.95)))
    expect(reading.error?.code).toBe('TRUNCATED')
    const tar = hashes(await read('members.tar'))
    const hashed = reading.members.filter((member) => member.sha256 !== null)
    // A cut at 95 % is in the last block of each (bzip2 -1: 100,000-byte blocks; zstd: at most 128 KiB): the sdist
    // files and the first 48 KiB blob come before.
    expect(hashed.map((m) => m.path)).toEqual(expect.arrayContaining(['pkg-1.0/PKG-INFO', 'pkg-1.0/pkg/core.py', 'pkg-1.0/data/blob-0.bin']))
    for (const member of hashed) expect(member.sha256).toBe(tar.get(member.path))
    expect(reading.members.find((m) => m.path === 'pkg-1.0/data/notes.txt')?.sha256 ?? null).toBeNull()
  })

  it(`a .${suffix} bomb (1 GiB of zeros) stops at the ratio limit without inflating it`, async () => {
    const reading = await read(`zeros.${suffix}`)
    expect(reading.error?.code).toBe('LIMIT_EXCEEDED')
    expect(reading.error?.message).toMatch(/past the 1000:1 ratio limit/)
    // Stopped within a few MiB of the limit, far from the 1 GiB it would inflate to.
    const inflated = /to more than ([\d.]+) (KiB|MiB|GiB)/.exec(reading.error!.message)!
    expect(inflated[2]).not.toBe('GiB')
    expect(reading.members.every((member) => member.sha256 === null)).toBe(true)
  })

  it(`corrupt data in a .tar.${suffix} is a coded error, never a crash`, async () => {
    const damaged = bytes(`members.tar.${suffix}`)
    damage(damaged)
    const reading = await read(`members.tar.${suffix}`, damaged)
    expect(reading.error?.code).toBe('DECOMPRESSION_FAILED')
    expect(reading.error?.message).toBeTruthy()
  })
})

describe('across wrappers', () => {
  it('a .tar.xz against a .tar.gz of the same tar: same contents, the wrapper named as the cause', async () => {
    const report = await compareArtifacts(bytesSource('pkg-1.0.tar.xz', bytes('members.tar.xz')), bytesSource('pkg-1.0.tar.gz', gzipOf(bytes('members.tar'))))
    expect(report.verdict).toBe('metadata-only')
    expect(report.counts.identical).toBe(report.members.length)
    expect(report.archive).toContainEqual({ field: 'format', left: 'tar+xz', right: 'tar+gzip' })
    const compression = report.findings.find((f) => f.cause === 'compression')
    expect(compression?.fields).toContain('format')
    expect(compression?.title).toMatch(/tar\+xz on the left, tar\+gzip on the right/)
    expect(report.findings.find((f) => f.cause === 'archive-writer')?.fields ?? []).not.toContain('format')
    // No gzip header to compare on the xz side: not a gzip-header cause; the one-sided gzip fields are the wrapper's.
    expect(report.findings.map((f) => f.cause)).not.toContain('gzip-header')
    expect(compression?.fields).toEqual(expect.arrayContaining(report.archive.filter((d) => d.field.startsWith('gzip.')).map((d) => d.field)))
  })

  it('two single compressed files of one payload pair their payloads, whatever the wrapper', async () => {
    const report = await compareArtifacts(bytesSource('left.json.xz', bytes('single.json.xz')), bytesSource('right.json.zst', bytes('single.json.zst')))
    expect(report.verdict).toBe('metadata-only')
    expect(report.members.map((m) => [m.path, m.status])).toEqual([['left.json', 'identical']])
  })

  it('two xz files that differ in their check type name it under compression', async () => {
    const report = await compareArtifacts(bytesSource('a.json.xz', bytes('single.json.xz')), bytesSource('b.json.xz', XZ_CRC64_SINGLE))
    expect(report.archive).toContainEqual({ field: 'xz.checkType', left: 'CRC32', right: 'CRC64' })
    expect(report.findings.find((f) => f.cause === 'compression')?.fields).toContain('xz.checkType')
  })
})

/** single.json compressed by Python's lzma.compress (preset 6, check CRC64), base64: the committed single.json.xz uses CRC32. */
const XZ_CRC64_SINGLE = new Uint8Array(Buffer.from(
  '/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj4AKnACtdAD2IicZUNsMXT+KeZOSl8Sf3u/u71qwSWJL8MKoBFUWcRE8ik1HeyWpqAAAAAHaCWMzmCI48AAFHqAUAAABsyoGmscRn+wIAAAAABFla',
  'base64',
))
