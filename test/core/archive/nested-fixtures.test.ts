/**
 * Issue 8, done-when "fixtures that the fixture script builds cover each new format and nesting": what the pairs
 * test (compare/compare-artifacts.test.ts, every expected.json) cannot say in a status, asserted on the pairs
 * that make-fixtures.py writes from nested_pairs.py. The byte-identical .deb, .tar.zst and .conda go through the CLI.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareArtifacts } from '../../../src/core/index'
import type { MemberComparison, Report } from '../../../src/core/types'
import { PAIRS, source } from '../../fixture-files'

async function comparePair(kind: string, left: string, right = left): Promise<Report> {
  return compareArtifacts(await source(join(PAIRS, kind, `left.${left}`)), await source(join(PAIRS, kind, `right.${right}`)))
}

const byPath = (report: Report, path: string): MemberComparison => {
  const member = report.members.find((m) => m.path === path)
  expect(member, path).toBeDefined()
  return member!
}

describe('nested and new-format fixture pairs', () => {
  it('nested-npm-wheel: pairs the 0.8.5 and 0.8.6 wheels, each inner member naming both containers; timestamps only', async () => {
    const report = await comparePair('nested-npm-wheel', 'tgz')
    const left = 'package/pypi/demo-0.8.5-py3-none-any.whl'
    const right = 'package/pypi/demo-0.8.6-py3-none-any.whl'
    expect(byPath(report, left)).toMatchObject({ leftPath: left, rightPath: right, status: 'metadata', changed: ['content (container)'] })
    expect(byPath(report, `${left}!/demo/core.py`)).toMatchObject({
      leftPath: `${left}!/demo/core.py`, rightPath: `${right}!/demo/core.py`, container: left, leftContainer: left, rightContainer: right, depth: 1,
    })
    expect(byPath(report, `${left}!/demo-0.8.5.dist-info/WHEEL`).rightPath).toBe(`${right}!/demo-0.8.6.dist-info/WHEEL`)
    expect(report.verdict).toBe('metadata-only')
    const timestamps = report.findings.find((f) => f.cause === 'timestamps')!
    expect([...timestamps.members].sort()).toEqual(report.members.filter((m) => m.depth === 1).map((m) => m.path).sort())
  })

  it('nested-depth-zip: opens five levels, compares the sixth by its hash, read (not unread), naming maxDepth', async () => {
    const report = await comparePair('nested-depth-zip', 'zip')
    expect(report.members.reduce((deepest, m) => Math.max(deepest, m.depth ?? 0), 0)).toBe(5)
    const past = report.members.find((m) => m.path.endsWith('!/level7.zip'))!
    expect(past).toMatchObject({ status: 'modified', depth: 5, left: { error: { code: 'LIMIT_EXCEEDED' } }, right: { error: { code: 'LIMIT_EXCEEDED' } } })
    expect(past.unread).toBeUndefined()
    expect(past.left!.sha256).not.toBe(past.right!.sha256)
    expect(report.members.some((m) => m.path.includes('deep.txt'))).toBe(false)
  })

  it('nested-bomb-tar: the bomb stops on the ratio against the outer file on each side, ok.whl is still compared', async () => {
    const report = await comparePair('nested-bomb-tar', 'tar.gz')
    const bomb = byPath(report, 'bomb.zip')
    for (const side of [bomb.left!, bomb.right!]) expect(side.error!.message).toMatch(/against the outer file's .* past the 1000:1 ratio limit/)
    expect(byPath(report, 'ok.whl!/ok/__init__.py')).toMatchObject({ status: 'modified', left: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } })
    expect(byPath(report, 'ok.whl!/ok-1.0.dist-info/WHEEL').status).toBe('identical')
    // Unread members are never "the same content", even where both sides stopped alike.
    expect(report.members.filter((m) => m.unread).every((m) => m.status === 'modified')).toBe(true)
  })

  it('nested-corrupt-sibling: the cut b.whl is unread on the right only, with why; a.whl compares as usual', async () => {
    const report = await comparePair('nested-corrupt-sibling', 'tar.gz')
    const broken = byPath(report, 'b.whl')
    expect(broken.left!.error).toBeUndefined()
    expect(broken.right).toMatchObject({ unread: true, error: { code: 'TRUNCATED' } })
    expect(byPath(report, 'a.whl!/a/__init__.py')).toMatchObject({ status: 'modified', container: 'a.whl', depth: 1 })
    expect(report.findings.find((f) => f.cause === 'unreadable-member')!.members).toEqual(['b.whl'])
  })

  it('wrapper-xz-gz-sdist: compares the tar members and names the wrapper, with no content change', async () => {
    const report = await comparePair('wrapper-xz-gz-sdist', 'tar.xz', 'tar.gz')
    expect(report.left.format).toBe('tar+xz')
    expect(report.right.format).toBe('tar+gzip')
    expect(report.members.every((m) => m.status === 'identical')).toBe(true)
    expect(report.findings.map((f) => f.cause)).toEqual(['compression'])
    expect(report.findings[0].title).toMatch(/tar\+xz on the left, tar\+gzip on the right/)
  })

  it('deb-pair and conda-pair: a difference inside data.tar.xz / pkg-*.tar.zst is listed under its container', async () => {
    const deb = await comparePair('deb-pair', 'deb')
    expect(deb.left.format).toBe('ar')
    expect(byPath(deb, 'data.tar.xz!/./usr/bin/demo')).toMatchObject({ status: 'metadata', changed: ['mtime'], container: 'data.tar.xz' })
    const conda = await comparePair('conda-pair', 'conda')
    const inner = 'pkg-demo-1.0-py_0.tar.zst!/site-packages/demo/core.py'
    expect(byPath(conda, inner)).toMatchObject({ status: 'modified', container: 'pkg-demo-1.0-py_0.tar.zst' })
    expect(conda.findings.find((f) => f.cause === 'content')!.members).toContain(inner)
  })

  it('says identical, exit status 0, for byte-identical .deb, .tar.zst and .conda files (CLI)', () => {
    const bin = join(import.meta.dirname, '../../../bin/reprodiff.mjs')
    for (const [kind, ext, inside] of [['identical-deb', 'deb', 'data.tar.xz!/./usr/bin/demo'], ['identical-tar-zst', 'tar.zst', 'pkg-1.0/pkg/__init__.py'], ['identical-conda', 'conda', 'pkg-demo-1.0-py_0.tar.zst!/site-packages/demo/core.py']]) {
      const files = [join(PAIRS, kind, `left.${ext}`), join(PAIRS, kind, `right.${ext}`)]
      const run = spawnSync(process.execPath, [bin, '--all', '--open-same-bytes', ...files], { encoding: 'utf8' })
      expect(run.status, `${kind}: ${run.stderr}`).toBe(0)
      expect(run.stdout).toMatch(/Bit-for-bit identical/)
      // Read inside, not only hashed: the innermost members are listed.
      expect(run.stdout).toContain(`= ${inside}`)
      // By default the archives inside, the same bytes on both sides, are not opened, and the summary says so.
      const closed = spawnSync(process.execPath, [bin, '--all', ...files], { encoding: 'utf8' })
      expect(closed.status, `${kind}: ${closed.stderr}`).toBe(0)
      if (kind === 'identical-tar-zst') continue // a compressed tar: its members are the artefact's own
      expect(closed.stdout).not.toContain(`= ${inside}`)
      expect(closed.stdout).toMatch(/2 archives inside with the same bytes on both sides not opened/)
    }
  })
})
