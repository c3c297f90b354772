/** The tar reader: pax, GNU and ustar details, links, and broken streams. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { FIXTURES, PAIRS, source } from '../../fixture-files'

describe('tar reader', () => {
  it('reads pax long paths and fractional pax mtimes', async () => {
    const reading = await readArtifact(await source(join(PAIRS, 'pax-long-names-sdist/left.tar')))
    expect(reading.format).toBe('tar')
    expect(reading.fields['tar.format']).toBe('pax')
    const long = reading.members.find((m) => m.path.length > 150)!
    expect(long).toBeDefined()
    expect(long.meta.mtime).toBe(1700000000.25)
    expect(String(long.meta.paxHeaders)).toContain('mtime=1700000000.25')
  })

  it('reads GNU long names and long link targets', async () => {
    const reading = await readArtifact(await source(join(PAIRS, 'gnu-long-names-sdist/left.tar.gz')))
    expect(reading.format).toBe('tar+gzip')
    expect(reading.fields['tar.format']).toBe('gnu')
    expect(reading.members.some((m) => m.path.length > 100)).toBe(true)
    const link = reading.members.find((m) => m.type === 'symlink')!
    expect(link.linkTarget!.length).toBeGreaterThan(100)
  })

  it('reads symlink and hard-link targets, owners and modes', async () => {
    const reading = await readArtifact(await source(join(PAIRS, 'symlink-sdist/left.tar.gz')))
    const symlink = reading.members.find((m) => m.type === 'symlink')!
    const hardlink = reading.members.find((m) => m.type === 'hardlink')!
    expect(symlink.linkTarget).toBe('../LICENSE')
    expect(hardlink.linkTarget).toBe('pkg-1.0/LICENSE')
    const owner = await readArtifact(await source(join(PAIRS, 'owner-sdist/right.tar.gz')))
    expect(owner.members[0].meta).toMatchObject({ uid: 1001, gid: 127, uname: 'runner', gname: 'docker' })
    expect(typeof owner.members[0].meta.mode).toBe('number')
  })

  it('stops at a header with a bad checksum, keeping what came before', async () => {
    const reading = await readArtifact(await source(join(FIXTURES, 'bad/bad-tar-checksum.tar')))
    expect(reading.error).toMatchObject({ code: 'TAR_CHECKSUM', offset: 512 })
    expect(reading.members.length).toBe(1)
  })

  it('reports a gzip stream cut short as TRUNCATED and marks the member being read', async () => {
    const reading = await readArtifact(await source(join(FIXTURES, 'bad/truncated.tar.gz')))
    expect(reading.error?.code).toBe('TRUNCATED')
    const unread = reading.members.filter((m) => m.error)
    expect(unread.length).toBeGreaterThan(0)
    for (const member of unread) expect(member.error!.message).toMatch(/Not read/)
  })

  it('reads the end padding after the last member', async () => {
    const reading = await readArtifact(await source(join(PAIRS, 'order-sdist/left.tar.gz')))
    expect(Number(reading.fields['tar.bytesAfterLastMember'])).toBeGreaterThanOrEqual(1024)
  })
})
