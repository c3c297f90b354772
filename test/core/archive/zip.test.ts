/** The zip reader against JSZip, an independent reader, on every zip fixture; plus broken zips. */
import JSZip from 'jszip'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { FIXTURES, PAIRS, fixturePairs, source } from '../../fixture-files'

const zipFiles = fixturePairs().flatMap((pair) => [pair.left, pair.right]).filter((path) => /\.(whl|zip)$/.test(path))
/** A wheel with members both below and above 100 bytes (the member-limit case needs both). */
const SMALL_WHEEL = join(PAIRS, 'compression-wheel/left.whl')

describe('zip reader agrees with JSZip', () => {
  for (const path of zipFiles) {
    it(path.split('/').slice(-2).join('/'), async () => {
      const reading = await readArtifact(await source(path))
      const jszip = await JSZip.loadAsync(readFileSync(path))
      const theirs = Object.values(jszip.files)
      expect(reading.error).toBeUndefined()
      expect(reading.format).toBe('zip')
      // JSZip keeps one entry per name: at the first one's position, with the last one's data (duplicate-name-wheel).
      const byName = new Map<string, (typeof reading.members)[number]>()
      for (const member of reading.members) byName.set(member.path, member)
      const ours = [...byName.values()]
      expect(reading.members.length - ours.length).toBe(path.includes('duplicate-name-wheel/right') ? 1 : 0)
      expect(ours.map((m) => m.path)).toEqual(theirs.map((f) => f.name))
      for (const [i, file] of theirs.entries()) {
        const member = ours[i]
        expect(member.type === 'dir').toBe(file.dir)
        if (file.dir) continue
        const bytes = await file.async('uint8array')
        expect(member.size).toBe(bytes.length)
        expect(member.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
        expect(member.meta.mode === null ? null : Number(member.meta.mode) & 0o7777).toBe(file.unixPermissions === null ? null : Number(file.unixPermissions) & 0o7777)
        // JSZip reads the DOS time as UTC too (its `date`), so both give the same instant.
        expect(member.meta.mtime).toBe(file.date.getTime() / 1000)
      }
    })
  }
})

describe('zip reader on broken input', () => {
  it('keeps reading past a member whose CRC-32 is wrong, and names it', async () => {
    const reading = await readArtifact(await source(join(FIXTURES, 'bad/crc-mismatch.whl')))
    expect(reading.error).toBeUndefined()
    const broken = reading.members.filter((m) => m.error)
    expect(broken.map((m) => [m.path, m.error!.code])).toEqual([['pkg/core.py', 'CRC_MISMATCH']])
    expect(reading.members.filter((m) => !m.error && m.sha256).length).toBe(reading.members.length - 1)
  })

  it('reports a zip cut short as TRUNCATED', async () => {
    const reading = await readArtifact(await source(join(FIXTURES, 'bad/truncated.whl')))
    expect(reading.error?.code).toBe('TRUNCATED')
    expect(reading.error?.message).toMatch(/end-of-central-directory record is missing/)
  })

  it('reports an entry count that disagrees with the central directory', async () => {
    const bytes = new Uint8Array(readFileSync(SMALL_WHEEL))
    const end = bytes.length - 22
    bytes[end + 10] += 1 // total entries in the end record (APPNOTE 4.3.16)
    const reading = await readArtifact({ name: 'x.whl', blob: new Blob([bytes]) })
    expect(reading.error?.code).toBe('CORRUPT_STRUCTURE')
    expect(reading.error?.message).toMatch(/declares \d+ entries/)
  })

  it('makes a member larger than the member limit that member\'s error, and reads the rest', async () => {
    const reading = await readArtifact(await source(SMALL_WHEEL), { limits: { maxMemberBytes: 100 } })
    expect(reading.error).toBeUndefined()
    const limited = reading.members.filter((m) => m.error?.code === 'LIMIT_EXCEEDED')
    expect(limited.length).toBeGreaterThan(0)
    expect(limited[0].error!.message).toMatch(/past the 100 B member limit \(ratio \d+:1\)/)
    expect(reading.members.some((m) => m.sha256 !== null)).toBe(true)
  })
})
