/** gzip headers of every legal size, FHCRC checked, FNAME shown escaped and kept as bytes (issue 7 items 3, 10). */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact } from '../../../src/core/index'
import { gzipWithHeader, tarEntry, tarOf } from './build-tar'

const source = (name: string, bytes: Uint8Array<ArrayBuffer>) => ({ name, blob: new Blob([bytes]) })
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const TAR = tarOf([tarEntry({ name: 'pkg/a.py' }, 'print(1)\n')])

describe('gzip header sizes', () => {
  it('reads a 70 KB FNAME and a 65,535-byte FEXTRA', async () => {
    const fname = `${'n'.repeat(70 * 1024)}.tar`
    const extra = new Uint8Array(65535).fill(0x41)
    const reading = await readArtifact(source('big-header.tar.gz', gzipWithHeader(TAR, { extra, fname, fcomment: 'c'.repeat(70 * 1024) })))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('tar+gzip')
    expect(reading.fields['gzip.fname']).toBe(fname)
    expect(String(reading.fields['gzip.extra']).length).toBe(65535 * 2)
    expect(String(reading.fields['gzip.fcomment']).length).toBe(70 * 1024)
    expect(reading.members.map((m) => [m.path, m.sha256])).toEqual([['pkg/a.py', sha256('print(1)\n')]])
  })

  it('names a FNAME longer than the total-size limit as LIMIT_EXCEEDED', async () => {
    const reading = await readArtifact(source('x.gz', gzipWithHeader(TAR, { fname: 'n'.repeat(300 * 1024) })), { limits: { maxTotalBytes: 100 * 1024 } })
    expect(reading.error?.code).toBe('LIMIT_EXCEEDED')
  })

  it('names a FNAME without its terminating zero as TRUNCATED', async () => {
    const bytes = new Uint8Array([0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3, ...Buffer.from('no-terminator')])
    const reading = await readArtifact(source('x.gz', bytes))
    expect(reading.error).toMatchObject({ code: 'TRUNCATED', offset: 10 })
  })
})

describe('gzip FHCRC', () => {
  it('accepts a matching header CRC and flags a wrong one as an anomaly with its offset', async () => {
    const good = await readArtifact(source('g.tar.gz', gzipWithHeader(TAR, { fname: 'g.tar', fhcrc: true })))
    expect(good.error).toBeUndefined()
    expect(good.anomalies).toEqual([])
    const bad = await readArtifact(source('b.tar.gz', gzipWithHeader(TAR, { fname: 'g.tar', fhcrc: 0x1234 })))
    expect(bad.error).toBeUndefined()
    expect(bad.fields['gzip.fhcrc']).toBe(0x1234)
    expect(bad.anomalies).toEqual([expect.objectContaining({ code: 'GZIP_HEADER_CRC', offset: 16 })])
    expect(bad.members).toHaveLength(1)
  })
})

describe('gzip FNAME', () => {
  it('is Latin-1, shown escaped; a single-file payload carries the FNAME bytes as nameHex', async () => {
    const fname = new Uint8Array([...Buffer.from('caf'), 0xe9, 0x1b, 0x5c, ...Buffer.from('.txt')])
    const reading = await readArtifact(source('x.gz', gzipWithHeader(Buffer.from('hello'), { fname })))
    expect(reading.fields['gzip.fname']).toBe('caf\u00e9\\x1b\\\\.txt')
    expect(reading.members.map((m) => [m.path, m.nameHex])).toEqual([['caf\u00e9\\x1b\\\\.txt', Buffer.from(fname).toString('hex')]])
  })

  it('keeps a real ESC apart from the text "\\x1b" in FNAME', async () => {
    const esc = gzipWithHeader(Buffer.from('same'), { fname: new Uint8Array([0x61, 0x1b]) })
    const text = gzipWithHeader(Buffer.from('same'), { fname: 'a\\x1b' })
    const report = await compareArtifacts(source('l.gz', esc), source('r.gz', text))
    expect(report.archive.find((d) => d.field === 'gzip.fname')).toMatchObject({ left: 'a\\x1b', right: 'a\\\\x1b' })
  })
})
