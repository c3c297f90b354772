/** link-outside (security): symlinks or hard links whose target leaves the archive. */
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { linkOutsideRule } from '../../../../src/core/analyze/rules/link-outside'
import type { LinkFinding } from '../../../../src/core/analyze/link-chains'
import { compareArtifacts } from '../../../../src/core/index'
import { blobSource } from '../../archive/build-archives'
import { buildSpecialTar, type SpecialTarEntry } from '../build-special'
import { context, member, report } from '../report-builder'

const link = (path: string, target: string, type: 'symlink' | 'hardlink' = 'symlink') =>
  member(path, { type, left: { type, linkTarget: target, sha256: null }, right: { type, linkTarget: target, sha256: null } })

describe('link-outside rule', () => {
  it('names links that leave the archive, per side', () => {
    const r = report([link('pkg-1.0/pkg/LICENSE', '../LICENSE'), link('pkg-1.0/evil', '../../../home/user/.bashrc')])
    const found = linkOutsideRule.explain(context(r))
    expect(found.map((f) => f.evidence.side)).toEqual(['left', 'right'])
    const [f] = found
    expect(f).toMatchObject({ cause: 'link-outside', severity: 'security', members: ['pkg-1.0/evil'] })
    expect(f.title).toBe('In the left archive, a link points outside the archive: pkg-1.0/evil → ../../../home/user/.bashrc')
  })

  it('gives nothing for links that stay inside', () => {
    expect(linkOutsideRule.explain(context(report([link('pkg-1.0/pkg/LICENSE', '../LICENSE'), link('pkg-1.0/COPYING', 'pkg-1.0/LICENSE', 'hardlink'), member('pkg-1.0/LICENSE')])))).toEqual([])
  })
})

// Issue 7 item 8: chains of links, judged once the earlier links are in place.
describe('link-outside rule: link chains', () => {
  it('flags a → . followed by a/b → .., with the chain, though a/.. alone stays inside', () => {
    const r = report([link('a', '.'), link('a/b', '..'), member('a/c.py', { left: { offset: 1024 }, right: { offset: 1024 } })])
    const [f, ...rest] = linkOutsideRule.explain(context(r))
    expect(rest).toHaveLength(1) // the right side, identical
    expect(f.members).toEqual(['a/b', 'a/c.py'])
    expect(f.title).toBe('In the left archive, 1 member leaves the target directory once earlier links are in place: a/b → .. (through a → .); '
      + '1 member is written through a symlink member: a/c.py (through a → .)')
    expect(f.evidence).toMatchObject({ side: 'left', links: [{ path: 'a/b', target: '..' }] })
    expect((f.evidence.leaving as LinkFinding[])[0]).toMatchObject({ path: 'a/b', problem: 'points-outside', chain: ['a → .'], offset: r.members[1].left!.offset })
    expect((f.evidence.throughLinks as LinkFinding[])[0]).toMatchObject({ path: 'a/c.py', problem: 'through-link', offset: 1024 })
  })

  it('simulates in archive order (the side index), not in report order', () => {
    // Report order is by pairing key; the archive wrote b/x before the link b → ..
    const r = report([member('b/x', { left: { index: 0 }, right: { index: 0 } }), link('b', 'pkg')])
    r.members[1].left!.index = 1
    r.members[1].right!.index = 1
    expect(linkOutsideRule.explain(context(r))).toEqual([])
  })
})

/**
 * The reference: Python's tarfile `data` filter (PEP 706) extracting each archive member by member into
 * an empty directory; a member is refused when extract() raises tarfile.FilterError.
 */
const PYTHON_EXTRACT = `
import json, os, shutil, sys, tarfile, tempfile
result = {}
for path in sys.argv[1:]:
    base = tempfile.mkdtemp()
    dest = os.path.join(base, 'sandbox', 'dest')
    os.makedirs(dest)
    refused, failed = [], []
    with tarfile.open(path) as tar:
        for index, member in enumerate(tar.getmembers()):
            try:
                tar.extract(member, dest, filter='data')
            except tarfile.FilterError as error:
                refused.append(index)
            except OSError as error:
                failed.append([index, str(error)])
    shutil.rmtree(base)
    result[os.path.basename(path)] = {'refused': refused, 'failed': failed}
print(json.dumps(result))
`

const sym = (name: string, linkname: string): SpecialTarEntry => ({ name, typeflag: '2', linkname })
const hard = (name: string, linkname: string): SpecialTarEntry => ({ name, typeflag: '1', linkname })
const dirEntry = (name: string): SpecialTarEntry => ({ name, typeflag: '5' })
const fileEntry = (name: string): SpecialTarEntry => ({ name, data: `${name}\n` })

const REFERENCE_TARS: Record<string, SpecialTarEntry[]> = {
  'chain.tar': [sym('a', '.'), sym('a/b', '..'), fileEntry('a/b/x.txt'), sym('x', '.'), sym('x/y', '.'), sym('x/y/z', '..'), fileEntry('x/y/../../w.txt'), sym('c', 'a/..')],
  'absolute.tar': [sym('s1', '/etc/passwd'), hard('h1', '/etc/passwd'), hard('h2', '../outside'), sym('s2', '../../x'), fileEntry('../escape.txt'), fileEntry('ok.txt')],
  'under-symlink.tar': [dirEntry('pkg/'), sym('up', '..'), sym('tmp', '/tmp'), sym('inner', 'pkg'), fileEntry('inner/file.py'), dirEntry('inner/sub/'), fileEntry('inner/../../x.txt'), sym('l', '.'), hard('l/h', 'l/../../etc'), fileEntry('tmp/x.txt')],
  'benign.tar': [dirEntry('pkg/'), fileEntry('pkg/a.py'), sym('pkg/LICENSE', '../LICENSE'), fileEntry('LICENSE'), hard('pkg/COPYING', 'pkg/a.py'), sym('docs', 'pkg'), sym('docs2', 'docs/../pkg'), sym('pkg/self', '.')],
}

describe('link-outside against tarfile filter="data" (PEP 706)', () => {
  it('flags as leaving exactly the members Python refuses, member by member', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'reprodiff-links-'))
    try {
      const paths = Object.entries(REFERENCE_TARS).map(([name, entries]) => {
        const path = join(folder, name)
        writeFileSync(path, buildSpecialTar(entries))
        return path
      })
      const python = JSON.parse(execFileSync('python3', ['-c', PYTHON_EXTRACT, ...paths], { encoding: 'utf8' })) as Record<string, { refused: number[]; failed: unknown[] }>
      for (const [name, entries] of Object.entries(REFERENCE_TARS)) {
        const bytes = buildSpecialTar(entries)
        const r = await compareArtifacts(blobSource(name, bytes), blobSource(name, bytes.slice()))
        const left = r.findings.find((f) => f.cause === 'link-outside' && f.evidence.side === 'left')
        const flagged = ((left?.evidence.leaving ?? []) as LinkFinding[]).map((f) => f.index)
        expect(python[name].failed, name).toEqual([])
        expect({ name, flagged }).toEqual({ name, flagged: python[name].refused })
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

