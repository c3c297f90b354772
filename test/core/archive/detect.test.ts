/** Format detection from bytes, never from names. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../../src/core/archive/detect'
import { readArtifact } from '../../../src/core/index'
import { FIXTURES, PAIRS, source } from '../../fixture-files'

const head = (path: string) => new Uint8Array(readFileSync(path)).subarray(0, 512)

describe('detectFormat', () => {
  it('recognises zip, gzip and tar by their bytes', () => {
    expect(detectFormat(head(join(PAIRS, 'content-wheel/left.whl')))).toBe('zip')
    expect(detectFormat(head(join(PAIRS, 'owner-sdist/left.tar.gz')))).toBe('gzip')
    expect(detectFormat(head(join(PAIRS, 'pax-long-names-sdist/left.tar')))).toBe('tar')
  })
  it('recognises compressions it cannot read yet', () => {
    expect(detectFormat(new Uint8Array([0x42, 0x5a, 0x68, 0x39]))).toBe('bzip2')
    expect(detectFormat(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))).toBe('xz')
    expect(detectFormat(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]))).toBe('zstd')
  })
  it('refuses text and a PNG renamed to .whl', () => {
    expect(detectFormat(head(join(FIXTURES, 'bad/not-an-archive.txt')))).toBeNull()
    expect(detectFormat(head(join(FIXTURES, 'bad/png-renamed.whl')))).toBeNull()
  })
})

describe('readArtifact errors name the problem', () => {
  const cases: [string, string, RegExp][] = [
    ['bad/not-an-archive.txt', 'NOT_AN_ARCHIVE', /not an archive.*match no zip, gzip or tar signature/],
    ['bad/png-renamed.whl', 'NOT_AN_ARCHIVE', /89504e47/],
    ['bad/empty.whl', 'EMPTY_FILE', /empty \(0 bytes\)/],
  ]
  for (const [file, code, message] of cases) {
    it(`${file}: ${code}`, async () => {
      const reading = await readArtifact(await source(join(FIXTURES, file)))
      expect(reading.error?.code).toBe(code)
      expect(reading.error?.message).toMatch(message)
      expect(reading.members).toEqual([])
    })
  }
  it('says when a compression is known but not supported yet', async () => {
    const reading = await readArtifact({ name: 'x.tar.xz', blob: new Blob([new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2])]) })
    expect(reading.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' })
    expect(reading.error?.message).toMatch(/xz/)
  })
})
