/** xz header fields, and the xz files the decoder cannot read whole refused by name (xz file format 1.2.1). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { readerFor } from '../../../src/core/archive/readers'
import { FIXTURES, bytesSource } from '../../fixture-files'
import { concat } from './build-tar'

const DIR = join(FIXTURES, 'compressors')
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))
const base64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'))

/** Python's lzma.compress(b'x\n', check=lzma.CHECK_SHA256). */
const SHA256_CHECK = base64('/Td6WFoAAArh+wyhAgAhARYAAAB0L+WjAQABeAoAAABzyzhYpoeoSUyjMjBTAWKC89rTnULPYspOed2iqsfZrAABMgJ2gPgjGJtLmgEAAAAAClla')
/** Python's lzma.compress(b'hello\n', filters=[x86 BCJ, LZMA2 preset 1]). */
const BCJ_FILTERS = base64('/Td6WFoAAATm1rRGAgEEACEBEACLIW9JAQAFaGVsbG8KAAAApWCX8ZT2/eAAAR4GwS+kHR+2830BAAAAAARZWg==')

describe('xz header fields', () => {
  it('reads the check type, the filter chain, stored block sizes and the block count', async () => {
    const reading = await readArtifact(bytesSource('members.tar.xz', bytes('members.tar.xz')))
    expect(reading.fields).toMatchObject({ 'xz.checkType': 'CRC64', 'xz.filters': 'LZMA2 (dictionary 8 MiB)', 'xz.blockSizesStored': 'neither', 'xz.blocks': 1 })
    const single = await readArtifact(bytesSource('single.json.xz', bytes('single.json.xz')))
    expect(single.fields['xz.checkType']).toBe('CRC32')
  })
  it('names every filter of the chain, and refuses those the decoder lacks (BCJ) by name', async () => {
    const reading = await readArtifact(bytesSource('hello.xz', BCJ_FILTERS))
    expect(reading.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' })
    expect(reading.error?.message).toMatch(/x86 \+ LZMA2 \(dictionary 1 MiB\)/)
  })
  it('reads concatenated streams (as xz(1) does) and counts them', async () => {
    const reading = await readArtifact(bytesSource('two.json.xz', concat([bytes('single.json.xz'), new Uint8Array(4), bytes('single.json.xz')])))
    expect(reading.error).toBeUndefined()
    expect(reading.fields).toMatchObject({ 'xz.streams': 2, 'xz.blocks': 2, 'xz.streamPadding': 4 })
    expect(reading.members.map((m) => [m.path, m.size])).toEqual([['two.json', 2 * bytes('single.json').length]])
  })
  it('counts stream padding, however long, and calls zeros that are not a multiple of 4 trailing bytes', { timeout: 10_000 }, async () => {
    const reading = await readArtifact(bytesSource('single.json.xz', concat([bytes('single.json.xz'), new Uint8Array(8)])))
    expect(reading.error).toBeUndefined()
    expect(reading.fields['xz.streamPadding']).toBe(8)
    const long = await readArtifact(bytesSource('single.json.xz', concat([bytes('single.json.xz'), new Uint8Array(16 * 1024 * 1024)])))
    expect(long.fields['xz.streamPadding']).toBe(16 * 1024 * 1024)
    const odd = await readArtifact(bytesSource('single.json.xz', concat([bytes('single.json.xz'), new Uint8Array(7)])))
    expect(odd.error).toBeUndefined()
    expect(odd.anomalies).toContainEqual(expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES', offset: bytes('single.json.xz').length + 4 }))
  })
})

describe('xz files not read whole are refused, never half read', () => {
  it('the SHA-256 check, which xz-embedded cannot verify, is UNSUPPORTED_FORMAT naming it', async () => {
    const reading = await readArtifact(bytesSource('x.xz', SHA256_CHECK))
    expect(reading.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' })
    expect(reading.error?.message).toMatch(/SHA-256/)
  })
  it('bytes after the stream are trailing bytes with their offset, hashed into the archive fields', async () => {
    const xz = bytes('single.json.xz')
    const reading = await readArtifact(bytesSource('single.json.xz', concat([xz, new TextEncoder().encode('not xz at all')])))
    expect(reading.error).toBeUndefined()
    expect(reading.anomalies).toContainEqual(expect.objectContaining({ code: 'ARCHIVE_TRAILING_BYTES', offset: xz.length }))
    expect(reading.fields['outsideBytes.length']).toBe(13)
  })
})

describe('the xz decoder (one stream at a time) never waits forever', () => {
  it('a visit that reads another xz file while members of an xz file are handed on (a nested .tar.xz)', { timeout: 20_000 }, async () => {
    const outer = bytesSource('members.tar.xz', bytes('members.tar.xz'))
    const reading = await readArtifact(outer)
    const inner: string[] = []
    const wanted = reading.members.filter((m) => m.type === 'file' && m.size > 0)
    await readerFor(reading.format).readMembersBytes(outer.blob, wanted, reading.format!, async (member) => {
      const nested = await readArtifact(bytesSource('single.json.xz', bytes('single.json.xz')))
      inner.push(`${member.path}: ${nested.format} ${nested.error?.code ?? 'ok'}`)
    })
    expect(inner).toHaveLength(wanted.length)
    expect(inner.every((line) => line.endsWith('xz ok'))).toBe(true)
  })

  it('reads after a failed read, and two files at once', { timeout: 20_000 }, async () => {
    const whole = bytes('members.tar.xz')
    const cut = await readArtifact(bytesSource('cut.tar.xz', whole.slice(0, 5000)))
    expect(cut.error?.code).toBe('TRUNCATED')
    const both = await Promise.all([
      readArtifact(bytesSource('a.tar.xz', whole)),
      readArtifact(bytesSource('b.tar.xz', whole)),
    ])
    expect(both.map((reading) => [reading.error, reading.format])).toEqual([[undefined, 'tar+xz'], [undefined, 'tar+xz']])
  })
})
