/** Every typeflag as GNU tar and CPython's tarfile extract it (issue 7 item 1), and the raw name bytes (item 3). */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact } from '../../../src/core/index'
import { concat, gnuLongEntry, paxEntry, tarEntry, tarOf } from './build-tar'

const source = (name: string, bytes: Uint8Array<ArrayBuffer>) => ({ name, blob: new Blob([bytes]) })
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const hex = (text: string | Uint8Array) => Buffer.from(text).toString('hex')

describe('tar typeflags', () => {
  it('reads a member of unknown typeflag A as a file: different bytes of equal size are modified', async () => {
    const left = tarOf([tarEntry({ name: 'payload', typeflag: 'A' }, 'good bytes')])
    const right = tarOf([tarEntry({ name: 'payload', typeflag: 'A' }, 'evil bytes')])
    const reading = await readArtifact(source('left.tar', left))
    expect(reading.members[0]).toMatchObject({ type: 'file', size: 10, sha256: sha256('good bytes'), meta: { typeflag: 'A' } })
    const report = await compareArtifacts(source('left.tar', left), source('right.tar', right))
    expect(report.members.map((m) => [m.path, m.status])).toEqual([['payload', 'modified']])
    expect(report.verdict).toBe('content-differs')
  })

  it('reads contiguous files (7), the other letters and digits GNU tar extracts as files', async () => {
    const flags = ['7', 'N', 'Z', 'a', '9']
    const reading = await readArtifact(source('t.tar', tarOf(flags.map((flag) => tarEntry({ name: `m${flag}`, typeflag: flag }, `data ${flag}`)))))
    expect(reading.error).toBeUndefined()
    expect(reading.members.map((m) => [m.path, m.type, m.sha256, m.meta.typeflag])).toEqual(flags.map((flag) => [`m${flag}`, 'file', sha256(`data ${flag}`), flag]))
  })

  it('keeps directories, links, devices, FIFOs and dumpdirs; a multi-volume continuation is unread', async () => {
    const reading = await readArtifact(source('t.tar', tarOf([
      tarEntry({ name: 'dir/', typeflag: '5' }),
      tarEntry({ name: 'sym', typeflag: '2', linkname: 'dir' }),
      tarEntry({ name: 'hard', typeflag: '1', linkname: 'sym' }),
      tarEntry({ name: 'tty', typeflag: '3', patches: [[329, Buffer.from('0000004\0')], [337, Buffer.from('0000001\0')]] }),
      tarEntry({ name: 'fifo', typeflag: '6' }),
      tarEntry({ name: 'dump/', typeflag: 'D' }, 'Yfile\0\0'),
      tarEntry({ name: 'label', typeflag: 'V' }),
      tarEntry({ name: 'cont', typeflag: 'M' }, 'second half'),
      tarEntry({ name: 'after' }, 'still read'),
    ])))
    const shown = reading.members.map((m) => [m.path, m.type, m.sha256 !== null, m.error?.code ?? null])
    expect(shown).toEqual([
      ['dir/', 'dir', false, null], ['sym', 'symlink', false, null], ['hard', 'hardlink', false, null], ['tty', 'other', false, null],
      ['fifo', 'other', false, null], ['dump/', 'dir', true, null], ['label', 'other', false, null], ['cont', 'file', false, 'UNSUPPORTED_FORMAT'], ['after', 'file', true, null],
    ])
    expect(reading.members[3].meta.devices).toBe('4,1')
    expect(reading.members[7].error!.message).toMatch(/multi-volume continuation/)
  })

  it('two dumpdirs that differ only in their data are modified (CPython writes that data as a file)', async () => {
    const dump = (data: string) => tarOf([tarEntry({ name: 'd/', typeflag: 'D' }, data)])
    const report = await compareArtifacts(source('l.tar', dump('Yone\0\0')), source('r.tar', dump('Ytwo\0\0')))
    expect(report.members.map((m) => m.status)).toEqual(['modified'])
  })

  it('hashes and flags data declared on a directory, where a hidden header would be read by other extractors', async () => {
    const hidden = tarEntry({ name: 'hidden.py' }, 'import os')
    const tar = (inner: Uint8Array) => tarOf([tarEntry({ name: 'dir/', typeflag: '5' }, inner), tarEntry({ name: 'last' }, 'x')])
    const reading = await readArtifact(source('t.tar', tar(hidden)))
    expect(reading.members.map((m) => m.path)).toEqual(['dir/', 'last'])
    const anomaly = reading.anomalies.find((a) => a.code === 'TAR_NON_FILE_DATA')!
    expect(anomaly).toMatchObject({ offset: 512 })
    expect(anomaly.message).toMatch(/valid tar header/)
    const other = tarEntry({ name: 'hidden.py' }, 'import sys')
    const report = await compareArtifacts(source('l.tar', tar(hidden)), source('r.tar', tar(other)))
    expect(report.members.find((m) => m.path === 'dir/')!.status).toBe('modified')
  })

  it('reads Solaris X headers as pax records', async () => {
    const reading = await readArtifact(source('t.tar', tarOf([paxEntry([['path', 'real-name']], 'X'), tarEntry({ name: 'ustar-name' }, 'a')])))
    expect(reading.members.map((m) => m.path)).toEqual(['real-name'])
  })
})

describe('tar name bytes (nameHex)', () => {
  it('comes from the pax path, else the GNU long name, else prefix and name', async () => {
    const longName = `${'d'.repeat(120)}/file`
    const reading = await readArtifact(source('t.tar', tarOf([
      paxEntry([['path', 'pax-\u00e9.txt']]),
      tarEntry({ name: 'ustar.txt' }, 'a'),
      gnuLongEntry('L', longName),
      tarEntry({ name: longName.slice(0, 100), magic: 'gnu' }, 'b'),
      tarEntry({ name: 'leaf.txt', prefix: 'some/prefix' }, 'c'),
      tarEntry({ name: concat([Buffer.from('bad-'), new Uint8Array([0xff])]) }, 'd'),
    ])))
    expect(reading.members.map((m) => m.nameHex)).toEqual([hex('pax-\u00e9.txt'), hex(longName), hex('some/prefix/leaf.txt'), hex('bad-') + 'ff'])
  })
})
