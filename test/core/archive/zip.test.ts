/** The zip reader against JSZip, an independent reader, on every zip fixture; plus broken zips. */
import JSZip from 'jszip'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { FIXTURES, fixturePairs, source } from '../../fixture-files'

const zipFiles = fixturePairs().flatMap((pair) => [pair.left, pair.right]).filter((path) => /\.(whl|zip)$/.test(path))

describe('zip reader agrees with JSZip', () => {
  for (const path of zipFiles) {
    it(path.split('/').slice(-2).join('/'), async () => {
      const reading = await readArtifact(await source(path))
      const jszip = await JSZip.loadAsync(readFileSync(path))
      const theirs = Object.values(jszip.files)
      expect(reading.error).toBeUndefined()
      expect(reading.format).toBe('zip')
      expect(reading.members.map((m) => m.path)).toEqual(theirs.map((f) => f.name))
      for (const [i, file] of theirs.entries()) {
        const member = reading.members[i]
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
    const bytes = new Uint8Array(readFileSync(zipFiles[0]))
    const end = bytes.length - 22
    bytes[end + 10] += 1 // total entries in the end record (APPNOTE 4.3.16)
    const reading = await readArtifact({ name: 'x.whl', blob: new Blob([bytes]) })
    expect(reading.error?.code).toBe('CORRUPT_STRUCTURE')
    expect(reading.error?.message).toMatch(/declares \d+ entries/)
  })

  it('makes a member larger than the member limit that member\'s error, and reads the rest', async () => {
    const reading = await readArtifact(await source(zipFiles[0]), { limits: { maxMemberBytes: 100 } })
    expect(reading.error).toBeUndefined()
    const limited = reading.members.filter((m) => m.error?.code === 'LIMIT_EXCEEDED')
    expect(limited.length).toBeGreaterThan(0)
    expect(limited[0].error!.message).toMatch(/past the 100 B member limit \(ratio \d+:1\)/)
    expect(reading.members.some((m) => m.sha256 !== null)).toBe(true)
  })
})
