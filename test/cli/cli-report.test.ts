/**
 * The CLI's two-worker path gives the report `compareArtifacts` gives in one thread (issue 9, item 2), and the
 * bundle it ships works on its own and answers --help without the core (item 1).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { NODE_READ_OPTIONS } from '../../src/cli/read-options'
import { evidenceRequests, needsEvidence } from '../../src/core/compare/evidence'
import { compareArtifacts } from '../../src/core/index'
import { buildZip } from '../core/archive/build-archives'
import { fixturePairs, PAIRS, source } from '../fixture-files'

const ROOT = join(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/reprodiff.mjs')

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The one-thread report as JSON would carry it (undefined fields dropped). */
async function coreReport(left: string, right: string, limits = {}) {
  return JSON.parse(JSON.stringify(await compareArtifacts(await source(left), await source(right), { ...NODE_READ_OPTIONS, limits })))
}

const pair = (kind: string, extension: string) => [kind, join(PAIRS, kind, `left.${extension}`), join(PAIRS, kind, `right.${extension}`)]
const CHOSEN = [
  pair('content-wheel', 'whl'), pair('compression-wheel', 'whl'), pair('build-path-wheel', 'whl'), pair('pyc-header-wheel', 'whl'),
  pair('tampered-wheel', 'whl'), pair('owner-sdist', 'tar.gz'), pair('line-endings-sdist', 'tar.gz'), pair('added-removed-sdist', 'tar.gz'),
]

describe('reprodiff CLI: two worker threads, the same report as compareArtifacts', () => {
  it.each(CHOSEN)('%s', async (_kind, left, right) => {
    const cli = run(['--json', left, right])
    expect(JSON.parse(cli.stdout)).toEqual(await coreReport(left, right))
  }, 30_000)

  it('the same for nested archives under a depth limit, and for a side it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reprodiff-cli-report-'))
    const file = (name: string, bytes: Uint8Array | string) => (writeFileSync(join(dir, name), bytes), join(dir, name))
    const nested = (payload: string) => buildZip([{ name: 'outer.zip', data: buildZip([{ name: 'inner.zip', data: buildZip([{ name: 'deep.txt', data: payload }]) }]) }])
    const left = file('left.zip', nested('a'))
    const right = file('right.zip', nested('b'))
    expect(JSON.parse(run(['--json', '--max-depth', '1', left, right]).stdout)).toEqual(await coreReport(left, right, { maxDepth: 1 }))
    const cpio = file('sample.cpio', '070701' + '0'.repeat(200))
    const unreadable = run(['--json', cpio, right])
    expect(unreadable.status).toBe(2)
    expect(JSON.parse(unreadable.stdout)).toEqual(await coreReport(cpio, right))
  }, 30_000)

  it('leaves closed the containers with the same bytes on both sides, as compareArtifacts does; --open-same-bytes opens them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reprodiff-cli-same-'))
    const file = (name: string, bytes: Uint8Array) => (writeFileSync(join(dir, name), bytes), join(dir, name))
    const same = buildZip([{ name: 'a.txt', data: 'same' }])
    const side = (text: string) => buildZip([{ name: 'same.zip', data: same }, { name: 'changed.zip', data: buildZip([{ name: 'b.txt', data: text }]) }])
    const [left, right] = [file('left.zip', side('l')), file('right.zip', side('r'))]
    const closed = JSON.parse(run(['--json', left, right]).stdout)
    expect(closed).toEqual(await coreReport(left, right))
    expect(closed.members.find((member: { path: string }) => member.path === 'same.zip').notOpenedInside).toBe('same-bytes')
    expect(closed.members.map((member: { path: string }) => member.path)).toEqual(['changed.zip', 'changed.zip!/b.txt', 'same.zip'])
    expect(run([left, right]).stdout).toMatch(/^1 archive inside with the same bytes on both sides not opened \(--open-same-bytes opens them\)$/m)
    const opened = JSON.parse(run(['--json', '--open-same-bytes', left, right]).stdout)
    expect(opened).toEqual(JSON.parse(JSON.stringify(await compareArtifacts(await source(left), await source(right), { ...NODE_READ_OPTIONS, openSameBytes: true }))))
    expect(opened.members.map((member: { path: string }) => member.path)).toEqual(['changed.zip', 'changed.zip!/b.txt', 'same.zip', 'same.zip!/a.txt'])
  }, 30_000)

  it('posts the workers only members that can need evidence: the requests stay the same for every fixture pair', async () => {
    for (const { kind, left, right } of fixturePairs()) {
      const report = await compareArtifacts(await source(left), await source(right), NODE_READ_OPTIONS)
      const asked = { ...report, members: report.members.filter(needsEvidence) }
      for (const side of ['left', 'right'] as const) expect(evidenceRequests(asked, side), `${kind} ${side}`).toEqual(evidenceRequests(report, side))
    }
  }, 60_000)

  it('reads each side in its own worker thread (REPRODIFF_DEBUG=1 names them)', () => {
    const [, left, right] = CHOSEN[0]
    const { stderr } = run([left, right], { REPRODIFF_DEBUG: '1' })
    const threads = [...stderr.matchAll(/reprodiff: \d+ ms: (left|right) \S+ read in worker thread (\d+)/g)].map((match) => [match[1], match[2]])
    expect(threads.map(([side]) => side).sort()).toEqual(['left', 'right'])
    expect(threads[0][1]).not.toBe(threads[1][1])
  })
})

describe('the CLI bundle (scripts/build-cli.mjs)', () => {
  // Under node_modules/, so the bundle's external imports (fflate, …) resolve as they do from dist-cli/.
  const cache = join(ROOT, 'node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  const outDir = mkdtempSync(join(cache, 'reprodiff-test-bundle-'))
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))
  /** Runs the bundle's main as the bin does, from a runner file (a worker would inherit `-e`'s flags). */
  const runBundle = (args: string[]) => {
    const runner = join(outDir, 'run-test.mjs')
    writeFileSync(runner, `const { main } = await import(${JSON.stringify(pathToFileURL(join(outDir, 'reprodiff.mjs')).href)})\nprocess.exitCode = await main(process.argv.slice(2))\n`)
    const result = spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  it('compares with its own workers, then answers --help with every chunk but its entry removed (the core is not loaded)', async () => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--out-dir', outDir], { encoding: 'utf8', cwd: ROOT })
    expect(built.status, built.stderr).toBe(0)
    const [, left, right] = CHOSEN[0]
    const compared = runBundle(['--json', left, right])
    expect(compared.status, compared.stderr).toBe(1)
    expect(JSON.parse(compared.stdout)).toEqual(await coreReport(left, right))
    for (const file of readdirSync(outDir)) if (file !== 'reprodiff.mjs' && !file.startsWith('limits-')) rmSync(join(outDir, file))
    const help = runBundle(['--help'])
    expect(help.stderr).toBe('')
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/--max-depth=N\s+levels of archives inside archives that are opened \(default 5\)/)
    expect(runBundle(['--max-depth', 'x', 'a', 'b']).stderr).toMatch(/--max-depth needs a positive value, got "x"/)
  }, 60_000)
})
