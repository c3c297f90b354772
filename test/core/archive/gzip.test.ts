/** gzip header fields (RFC 1952 2.3), from fixtures and from a hand-built header with every optional field. */
import { gzipSync } from 'fflate'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readGzipHeader } from '../../../src/core/archive/gzip'
import { readArtifact } from '../../../src/core/index'
import { PAIRS, source } from '../../fixture-files'

describe('gzip header', () => {
  it('reads MTIME, OS and FNAME of both sides of the gzip-header pair', async () => {
    const left = await readArtifact(await source(join(PAIRS, 'gzip-header-sdist/left.tar.gz')))
    const right = await readArtifact(await source(join(PAIRS, 'gzip-header-sdist/right.tar.gz')))
    expect(left.fields['gzip.fname']).toBe('pkg-1.0.tar')
    expect(left.fields['gzip.os']).toBe(255)
    expect(right.fields['gzip.os']).toBe(3)
    expect(left.fields['gzip.mtime']).not.toBe(right.fields['gzip.mtime'])
  })

  it('reads FEXTRA, FNAME, FCOMMENT and FHCRC in order', async () => {
    const header = [0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0x10, 0, 0, 0, 2, 3, 2, 0, 0xab, 0xcd]
    const bytes = new Uint8Array([...header, ...Buffer.from('a.tar\0note\0'), 0x34, 0x12])
    expect((await readGzipHeader(new Blob([bytes]))).fields).toEqual({
      'gzip.mtime': 16, 'gzip.xfl': 2, 'gzip.os': 3, 'gzip.flags': 0x1e, 'gzip.extra': 'abcd', 'gzip.fname': 'a.tar', 'gzip.fcomment': 'note', 'gzip.fhcrc': 0x1234,
    })
  })

  it('treats a gzip that holds no tar as one member named by FNAME', async () => {
    const bytes = gzipSync(new TextEncoder().encode('hello\n'), { filename: 'hello.txt', mtime: 0 })
    const reading = await readArtifact({ name: 'x.gz', blob: new Blob([bytes]) })
    expect(reading.format).toBe('gzip')
    expect(reading.members.map((m) => [m.path, m.size])).toEqual([['hello.txt', 6]])
  })
})
