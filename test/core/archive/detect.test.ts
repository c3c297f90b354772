/** Format detection from bytes, never from names. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../../src/core/archive/detect'
import { readArtifact } from '../../../src/core/index'
import { FIXTURES, PAIRS, bytesSource, source } from '../../fixture-files'

const head = (path: string) => new Uint8Array(readFileSync(path)).subarray(0, 512)

describe('detectFormat', () => {
  it('recognises zip, gzip and tar by their bytes', () => {
    expect(detectFormat(head(join(PAIRS, 'content-wheel/left.whl')))).toBe('zip')
    expect(detectFormat(head(join(PAIRS, 'owner-sdist/left.tar.gz')))).toBe('gzip')
    expect(detectFormat(head(join(PAIRS, 'pax-long-names-sdist/left.tar')))).toBe('tar')
  })
  it('recognises xz, bzip2 and Zstandard by their magic', () => {
    expect(detectFormat(new Uint8Array([0x42, 0x5a, 0x68, 0x39]))).toBe('bzip2')
    expect(detectFormat(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))).toBe('xz')
    expect(detectFormat(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]))).toBe('zstd')
  })
  it('finds no container in text or a PNG renamed to .whl (they are read as plain files)', () => {
    expect(detectFormat(head(join(FIXTURES, 'bad/not-an-archive.txt')))).toBeNull()
    expect(detectFormat(head(join(FIXTURES, 'bad/png-renamed.whl')))).toBeNull()
  })
})

describe('readArtifact errors name the problem', () => {
  const cases: [string, string, RegExp][] = [
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
    const reading = await readArtifact({ name: 'x.tar.lz', blob: new Blob([new Uint8Array([0x4c, 0x5a, 0x49, 0x50, 1, 2])]) })
    expect(reading.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' })
    expect(reading.error?.message).toMatch(/lzip/)
  })
  it('reads xz, bzip2 and Zstandard now: a bare magic is a cut stream, not an unsupported format', async () => {
    for (const magic of [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2], [0x42, 0x5a, 0x68, 0x39], [0x28, 0xb5, 0x2f, 0xfd, 0, 0]]) {
      const reading = await readArtifact({ name: 'x.tar.xz', blob: new Blob([new Uint8Array(magic)]) })
      expect(reading.error?.code).not.toBe('UNSUPPORTED_FORMAT')
      expect(['TRUNCATED', 'DECOMPRESSION_FAILED']).toContain(reading.error?.code)
    }
  })
  it('a tar whose first member is named "BZh…" is a tar, not bzip2', () => {
    const header = new Uint8Array(512)
    header.set(new TextEncoder().encode('BZh9-notes.txt'), 0)
    header.set(new TextEncoder().encode('0000644\0'), 100)
    header.set(new TextEncoder().encode('00000000000\0'), 124)
    header[156] = 0x30
    header.set(new TextEncoder().encode('ustar\x0000'), 257)
    let sum = 0
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]
    header.set(new TextEncoder().encode(sum.toString(8).padStart(6, '0') + '\0 '), 148)
    expect(detectFormat(header)).toBe('tar')
  })
})

const ascii = (text: string) => new TextEncoder().encode(text)
const withTail = (magic: Uint8Array | number[]) => {
  const bytes = new Uint8Array(600).fill(0x41)
  bytes.set(magic, 0)
  return bytes
}

/** Formats we recognise but do not read (issue 7 item 5): one sample head each, and the words that name it. */
const UNREAD: [string, Uint8Array, string, RegExp][] = [
  ['odc cpio', withTail(ascii('070707')), 'cpio', /a cpio archive \(odc\)/],
  ['newc cpio', withTail(ascii('070701')), 'cpio', /a cpio archive \(newc\)/],
  ['crc cpio', withTail(ascii('070702')), 'cpio', /a cpio archive \(newc with CRC\)/],
  ['binary cpio (LE)', withTail([0xc7, 0x71]), 'cpio', /a cpio archive \(old binary/],
  ['binary cpio (BE)', withTail([0x71, 0xc7]), 'cpio', /a cpio archive \(old binary/],
  ['rpm', withTail([0xed, 0xab, 0xee, 0xdb]), 'rpm', /an RPM package/],
  ['7z', withTail([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), '7z', /a 7z archive/],
  ['lz4 frame', withTail([0x04, 0x22, 0x4d, 0x18]), 'lz4', /an LZ4 frame/],
  ['squashfs (LE)', withTail(ascii('hsqs')), 'squashfs', /a squashfs image/],
  ['squashfs (BE)', withTail(ascii('sqsh')), 'squashfs', /a squashfs image/],
  ['lzip', withTail(ascii('LZIP')), 'lzip', /lzip/],
  ['rar', withTail([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), 'rar', /a RAR archive/],
  ['cab', withTail([...ascii('MSCF'), 0, 0, 0, 0]), 'cab', /cabinet/],
]

describe('formats we recognise but do not read', () => {
  for (const [label, bytes, format, words] of UNREAD) {
    it(`${label}: UNSUPPORTED_FORMAT naming it, with the file's SHA-256`, async () => {
      expect(detectFormat(bytes.subarray(0, 512))).toBe(format)
      const reading = await readArtifact(bytesSource(`sample.${format}`, bytes))
      expect(reading.error?.code).toBe('UNSUPPORTED_FORMAT')
      expect(reading.error?.message).toMatch(words)
      expect(reading.error?.message).toMatch(/not supported yet/)
      expect(reading.sha256).toMatch(/^[0-9a-f]{64}$/)
    })
  }

  it('two byte-identical files of such a format have the same, non-null SHA-256 (so they can compare identical)', async () => {
    const cpio = withTail(ascii('070701'))
    const [left, right] = await Promise.all([readArtifact(bytesSource('a.cpio', cpio)), readArtifact(bytesSource('b.cpio', cpio.slice()))])
    expect(left.sha256).not.toBeNull()
    expect(left.sha256).toBe(right.sha256)
  })

  it('a file of no format at all is a plain file (issue 8): its one member has the file\'s SHA-256', async () => {
    const reading = await readArtifact(bytesSource('notes.txt', ascii('just some text, no archive here\n')))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('file')
    expect(reading.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(reading.members.map((member) => [member.path, member.sha256])).toEqual([['notes.txt', reading.sha256]])
  })

  it('bad/not-an-archive.txt and bad/png-renamed.whl read as plain files, not NOT_AN_ARCHIVE', async () => {
    for (const file of ['bad/not-an-archive.txt', 'bad/png-renamed.whl']) {
      const reading = await readArtifact(await source(join(FIXTURES, file)))
      expect(reading.error).toBeUndefined()
      expect(reading).toMatchObject({ format: 'file', members: [{ path: file.slice(4), offset: 0 }] })
    }
  })

  it('an empty file is EMPTY_FILE with the SHA-256 of no bytes', async () => {
    const reading = await readArtifact(bytesSource('empty.whl', new Uint8Array(0)))
    expect(reading.error?.code).toBe('EMPTY_FILE')
    expect(reading.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})
