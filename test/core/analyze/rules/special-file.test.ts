/** special-file (security): setuid/setgid/sticky/world-writable modes, devices, FIFOs and sockets (issue 7 item 6). */
import { describe, expect, it } from 'vitest'
import { specialFileRule } from '../../../../src/core/analyze/rules/special-file'
import { compareArtifacts } from '../../../../src/core/index'
import { blobSource, buildZip, gzip } from '../../archive/build-archives'
import { buildSpecialTar } from '../build-special'
import { context, member, report } from '../report-builder'

const both = (path: string, fields: Record<string, unknown>, type: 'file' | 'dir' | 'symlink' | 'other' = 'file') =>
  member(path, { type, left: { type, sha256: null, ...fields }, right: { type, sha256: null, ...fields } })
const leftOnly = (path: string, fields: Record<string, unknown>, type: 'file' | 'dir' | 'symlink' | 'other' = 'file') =>
  member(path, { type, left: { type, ...fields }, right: null })

describe('special-file rule', () => {
  it('names each special mode and file type with its side, offset and why', () => {
    const r = report([
      leftOnly('pkg/tool', { mode: 0o104755, offset: 0 }),
      leftOnly('pkg/group-tool', { mode: 0o2755 }),
      leftOnly('pkg/sticky.txt', { mode: 0o1644 }),
      leftOnly('pkg/open.txt', { mode: 0o666 }),
      leftOnly('pkg/tmp/', { mode: 0o1777 }, 'dir'),
      leftOnly('dev/mem', { typeflag: '3', devices: '1,1', mode: 0o640, offset: 500 }, 'other'),
      leftOnly('dev/sda', { typeflag: '4', devices: '8,0', mode: 0o660 }, 'other'),
      leftOnly('pkg/pipe', { typeflag: '6', mode: 0o644 }, 'other'),
      leftOnly('pkg/zip-fifo', { mode: 0o010644 }),
      leftOnly('pkg/zip-socket', { mode: 0o140755 }),
      leftOnly('pkg/zip-char', { mode: 0o020644 }),
      leftOnly('pkg/zip-block', { mode: 0o060644 }),
    ])
    const [f, ...rest] = specialFileRule.explain(context(r))
    expect(rest).toEqual([])
    expect(f).toMatchObject({ cause: 'special-file', severity: 'security' })
    const entries = f.evidence.members as { side: string; path: string; offset: number; kinds: string[]; why: string[] }[]
    expect(entries.map((e) => [e.path, e.kinds])).toEqual([
      ['pkg/tool', ['setuid']],
      ['pkg/group-tool', ['setgid']],
      ['pkg/sticky.txt', ['sticky']],
      ['pkg/open.txt', ['world-writable']],
      ['pkg/tmp/', ['world-writable']],
      ['dev/mem', ['character-device']],
      ['dev/sda', ['block-device']],
      ['pkg/pipe', ['fifo']],
      ['pkg/zip-fifo', ['fifo']],
      ['pkg/zip-socket', ['socket']],
      ['pkg/zip-char', ['character-device']],
      ['pkg/zip-block', ['block-device']],
    ])
    expect(entries.every((e) => e.side === 'left')).toBe(true)
    expect(entries[0].offset).toBe(0)
    expect(entries[5].offset).toBe(500)
    expect(entries[0].why[0]).toMatch(/runs as its owner.*root/)
    expect(entries[5].why[0]).toMatch(/character device 1,1.*device node/)
    expect(f.members).toHaveLength(12)
    expect(f.title).toMatch(/^12 special files or modes in the left archive: pkg\/tool \(setuid\), pkg\/group-tool \(setgid\), pkg\/sticky.txt \(sticky\) and 9 more$/)
  })

  it('leaves ordinary modes, symlinks, setgid or sticky-only directories and modeless zips alone', () => {
    const r = report([
      both('pkg/a.py', { mode: 0o100644 }),
      both('pkg/run.sh', { mode: 0o755 }),
      both('pkg/link', { mode: 0o120777 }, 'symlink'),
      both('pkg/shared/', { mode: 0o2775 }, 'dir'),
      both('pkg/sticky/', { mode: 0o1755 }, 'dir'),
      both('pkg/win.txt', { mode: null }),
    ])
    expect(specialFileRule.explain(context(r))).toEqual([])
  })

  it('is one finding naming both archives when both sides carry the file', () => {
    const [f] = specialFileRule.explain(context(report([both('pkg/tool', { mode: 0o4755 })])))
    expect(f.title).toBe('1 special file or mode in both archives: pkg/tool (setuid)')
    expect((f.evidence.members as { side: string }[]).map((e) => e.side)).toEqual(['left', 'right'])
  })
})

describe('special-file through compareArtifacts', () => {
  it('flags devices, FIFOs and setuid files of two byte-identical tarballs (a security finding even for identical files)', async () => {
    const tar = gzip(buildSpecialTar([
      { name: 'pkg/', typeflag: '5' },
      { name: 'pkg/ok.py', data: 'print(1)\n' },
      { name: 'pkg/su', data: '#!/bin/sh\n', mode: 0o4755 },
      { name: 'pkg/null', typeflag: '3', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'pkg/disk', typeflag: '4', devmajor: 8, devminor: 0 },
      { name: 'pkg/fifo', typeflag: '6' },
    ]))
    const r = await compareArtifacts(blobSource('a.tar.gz', tar), blobSource('b.tar.gz', tar.slice()))
    expect(r.verdict).toBe('identical')
    const found = r.findings.filter((f) => f.cause === 'special-file')
    expect(found).toHaveLength(1)
    const entries = found[0].evidence.members as { side: string; path: string; kinds: string[]; offset: number }[]
    expect(entries.filter((e) => e.side === 'left').map((e) => [e.path, e.kinds, e.offset])).toEqual([
      ['pkg/su', ['setuid'], 1536],
      ['pkg/null', ['character-device', 'world-writable'], 2560],
      ['pkg/disk', ['block-device'], 3072],
      ['pkg/fifo', ['fifo'], 3584],
    ])
  })

  it('flags a zip member whose Unix mode says FIFO or setuid', async () => {
    const zip = buildZip([{ name: 'pkg/a.py', data: 'a' }, { name: 'pkg/fifo', data: '', mode: 0o010644 }, { name: 'pkg/su', data: 'x', mode: 0o104755 }])
    const r = await compareArtifacts(blobSource('a.zip', zip), blobSource('b.zip', zip.slice()))
    const [f] = r.findings.filter((finding) => finding.cause === 'special-file')
    expect(f.members).toEqual(['pkg/fifo', 'pkg/su'])
  })
})
