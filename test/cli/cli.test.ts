/** The CLI as a user runs it: summary, --json report, and exit statuses 0 / 1 / 2. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildZip } from '../core/archive/build-archives'
import { describe, expect, it } from 'vitest'
import { FIXTURES, PAIRS } from '../fixture-files'

const BIN = join(import.meta.dirname, '../../bin/reprodiff.mjs')

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('reprodiff CLI', () => {
  it('exits 0 for byte-identical artefacts', () => {
    const result = run(join(PAIRS, 'identical-wheel/left.whl'), join(PAIRS, 'identical-wheel/right.whl'))
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/Bit-for-bit identical/)
  })

  it('exits 1 and lists what differs', () => {
    const result = run(join(PAIRS, 'content-wheel/left.whl'), join(PAIRS, 'content-wheel/right.whl'))
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/Contents differ/)
    expect(result.stdout).toMatch(/≠ pkg\/core\.py/)
    expect(result.stdout).toMatch(/Why they differ:\n  · \[content\] 2 members changed in content \(pkg\/core\.py, pkg\/data\.bin\)/)
    expect(result.stdout).toMatch(/↳ \[content\] pkg-1\.0\.dist-info\/RECORD changes only because 2 listed files changed/)
  })

  it('prints the version-2 report with --json, every member included', () => {
    const result = run('--json', join(PAIRS, 'timestamps-wheel/left.whl'), join(PAIRS, 'timestamps-wheel/right.whl'))
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.schema).toBe('reprodiff-report/2')
    expect(report.verdict).toBe('metadata-only')
    expect(report.left).toMatchObject({ name: 'left.whl', format: 'zip' })
    expect(report.left.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(report.members.length).toBe(report.left.memberCount)
    expect(report.members[0]).toHaveProperty('left.mtime')
    expect(report.findings.map((f: { cause: string }) => f.cause)).toEqual(['timestamps'])
    expect(report.summary).toMatch(/^Same contents, different packaging: \d+ members differ in timestamps only/)
  })

  it('exits 2 naming the problem when a side is a format it does not read, and still reports the other side', () => {
    const cpio = join(mkdtempSync(join(tmpdir(), 'reprodiff-cli-')), 'sample.cpio')
    writeFileSync(cpio, '070701' + '0'.repeat(200))
    const result = run('--json', cpio, join(PAIRS, 'content-wheel/left.whl'))
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/not supported yet/)
    const report = JSON.parse(result.stdout)
    expect(report.verdict).toBe('error')
    expect(report.left.error.code).toBe('UNSUPPORTED_FORMAT')
    expect(report.right.memberCount).toBe(6)
  })

  it('compares two plain files as one member each (issue 8, "Two plain files"), exit 1 when they differ', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reprodiff-cli-'))
    writeFileSync(join(dir, 'left.py'), 'print(1)\n')
    writeFileSync(join(dir, 'right.py'), 'print(2)\n')
    const result = run('--json', join(dir, 'left.py'), join(dir, 'right.py'))
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.verdict).toBe('content-differs')
    expect(report.left).toMatchObject({ name: 'left.py', format: 'file', memberCount: 1 })
    expect(report.members).toMatchObject([{ leftPath: 'left.py', rightPath: 'right.py', status: 'modified' }])
    expect(run(join(dir, 'left.py'), join(dir, 'left.py')).status).toBe(0)
  })

  it('exits 2 for an empty file, a truncated archive and a missing path', () => {
    expect(run(join(FIXTURES, 'bad/empty.whl'), join(PAIRS, 'content-wheel/left.whl')).stderr).toMatch(/empty/)
    const truncated = run(join(FIXTURES, 'bad/truncated.tar.gz'), join(PAIRS, 'owner-sdist/left.tar.gz'))
    expect(truncated.status).toBe(2)
    expect(truncated.stderr).toMatch(/cut short/)
    const missing = run(join(FIXTURES, 'does-not-exist.whl'), join(PAIRS, 'content-wheel/left.whl'))
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/cannot be opened: ENOENT/)
  })

  it('exits 2 with usage on wrong arguments', () => {
    expect(run('only-one.whl').status).toBe(2)
  })
})

describe('reprodiff CLI limits and hostile input', () => {
  it('takes limits as flags and names the one reached', () => {
    const result = run('--json', '--max-member-size=100', join(PAIRS, 'content-wheel/left.whl'), join(PAIRS, 'content-wheel/right.whl'))
    const report = JSON.parse(result.stdout)
    const limited = report.members.filter((m: { left: { error?: { code: string } } | null }) => m.left?.error?.code === 'LIMIT_EXCEEDED')
    expect(limited.length).toBeGreaterThan(0)
    expect(limited[0].left.error.message).toMatch(/past the 100 B member limit/)
    expect(report.findings.map((f: { cause: string }) => f.cause)).toContain('limit-exceeded')
  })

  it('refuses a malformed limit with exit 2', () => {
    const result = run('--max-ratio=lots', join(PAIRS, 'content-wheel/left.whl'), join(PAIRS, 'content-wheel/right.whl'))
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/--max-ratio needs a positive value, got "lots"/)
  })

  it('exits 1 for byte-identical archives that hold a member failing its CRC, and lists it', () => {
    const result = run('--json', join(FIXTURES, 'bad/crc-mismatch.whl'), join(FIXTURES, 'bad/crc-mismatch.whl'))
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.verdict).toBe('identical')
    expect(report.findings.map((f: { cause: string }) => f.cause)).toEqual(expect.arrayContaining(['crc-mismatch', 'record-mismatch']))
  })
})

describe('reprodiff CLI: no wrong "same", no input too big to print', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprodiff-cli-'))
  const file = (name: string, bytes: Uint8Array) => (writeFileSync(join(dir, name), bytes), join(dir, name))

  it('exits 0 for two byte-identical files of a format it does not read, and says their contents were not inspected', () => {
    // cpio "newc" (magic 070701): recognised, not read.
    const cpio = new TextEncoder().encode('070701' + '0'.repeat(104) + 'TRAILER!!!\0')
    const result = run('--json', file('a.cpio', cpio), file('b.cpio', cpio))
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.verdict).toBe('identical')
    expect(report.left.error.code).toBe('UNSUPPORTED_FORMAT')
    expect(report.summary).toMatch(/not inspected/)
  })

  it('prints a 200,000-member comparison with --all (no spreading of the member list into one call)', () => {
    const entries = Array.from({ length: 200_000 }, (_, i) => ({ name: `m/${i}`, data: '' }))
    const left = file('many-left.zip', buildZip(entries))
    const right = file('many-right.zip', buildZip(entries.map((e, i) => (i === 7 ? { ...e, data: 'x' } : e))))
    const result = run('--all', left, right)
    expect(result.stderr).not.toMatch(/Maximum call stack/)
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/≠ m\/7\n/)
    expect(result.stdout.split('\n').filter((line) => line.startsWith('  = m/')).length).toBe(199_999)
  }, 120_000)
})

describe('reprodiff CLI: nested archives (issue 8)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprodiff-cli-nested-'))
  const file = (name: string, bytes: Uint8Array) => (writeFileSync(join(dir, name), bytes), join(dir, name))
  const nested = (payload: string) => buildZip([{ name: 'outer.zip', data: buildZip([{ name: 'inner.zip', data: buildZip([{ name: 'deep.txt', data: payload }]) }]) }])

  it('opens nested archives by default and none past --max-depth=1, which it names', () => {
    const left = file('left.zip', nested('a'))
    const right = file('right.zip', nested('b'))
    const opened = JSON.parse(run('--json', left, right).stdout)
    expect(opened.members.map((m: { path: string }) => m.path)).toContain('outer.zip!/inner.zip!/deep.txt')
    const result = run('--json', '--max-depth=1', left, right)
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    const paths = report.members.map((m: { path: string }) => m.path)
    expect(paths).toContain('outer.zip!/inner.zip')
    expect(paths).not.toContain('outer.zip!/inner.zip!/deep.txt')
    const limited = report.members.find((m: { path: string }) => m.path === 'outer.zip!/inner.zip')
    expect(limited.left.error).toMatchObject({ code: 'LIMIT_EXCEEDED' })
    expect(limited.left.error.message).toMatch(/depth limit \(maxDepth 1\)/)
    expect(report.findings.map((f: { cause: string }) => f.cause)).toContain('limit-exceeded')
  })

  it('lists --max-depth in its help', () => {
    expect(run('--help').stdout).toMatch(/--max-depth=N\s+levels of archives inside archives that are opened \(default 5\)/)
  })
})
