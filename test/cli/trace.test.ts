/** `reprodiff --source SDIST WHEEL`: the source trace on the CLI, its summary line and its exit statuses 0 / 1 / 2. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArguments } from '../../src/cli/args'
import { PKG_INFO, sdistBytes, wheelBytes } from '../core/trace/build-pair'

const BIN = join(import.meta.dirname, '../../bin/reprodiff.mjs')
const SOURCE = { 'PKG-INFO': PKG_INFO, 'pkg/__init__.py': 'x = 1\n' }

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function files(wheel: Uint8Array): { sdist: string; wheel: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reprodiff-trace-'))
  const paths = { sdist: join(dir, 'pkg-1.0.tar.gz'), wheel: join(dir, 'pkg-1.0-py3-none-any.whl') }
  writeFileSync(paths.sdist, sdistBytes(SOURCE))
  writeFileSync(paths.wheel, wheel)
  return paths
}

describe('reprodiff --source', () => {
  it('parses --source as a switch before or after the paths', () => {
    expect(parseArguments(['--source', 'a.tar.gz', 'b.whl'])).toMatchObject({ source: true, paths: ['a.tar.gz', 'b.whl'], problems: [] })
    expect(parseArguments(['a.tar.gz', 'b.whl'])).toMatchObject({ source: false })
    expect(parseArguments(['--source=x', 'a', 'b']).problems).toEqual(['--source takes no value'])
  })

  it('exits 0 and prints the verdict line for a traced wheel', () => {
    const paths = files(wheelBytes({ 'pkg/__init__.py': 'x = 1\n' }))
    const result = run('--source', paths.sdist, paths.wheel)
    expect(result.stdout).toContain('Source trace: traceable: 1 of 4 wheel files match the source byte for byte; 3 generated as expected; 0 untraceable')
    expect(result.status).toBe(0)
  })

  it('exits 1 for a traced wheel that is not the expected file (a security finding counts in trace mode too)', () => {
    const paths = files(wheelBytes({ 'pkg/__init__.py': 'x = 1\n' }))
    const result = run('--source', paths.sdist, paths.wheel, '--expect-right', '0'.repeat(64))
    expect(result.stdout).toContain('Source trace: traceable:')
    expect(result.status).toBe(1)
  })

  it('exits 1 for an injected module, and the JSON report is a trace report', () => {
    const paths = files(wheelBytes({ 'pkg/__init__.py': 'x = 1\n', 'pkg/evil.py': 'import os\n' }))
    const summary = run('--source', paths.sdist, paths.wheel)
    expect(summary.status).toBe(1)
    expect(summary.stdout).toContain('[untraceable] pkg/evil.py')
    expect(summary.stdout).toMatch(/! \[untraceable-member\] pkg\/evil\.py is a file with no counterpart in the source/)
    const json = run('--json', '--source', paths.sdist, paths.wheel)
    const report = JSON.parse(json.stdout)
    expect(report).toMatchObject({ mode: 'trace', trace: { verdict: 'untraceable-content' } })
    expect(report.members.find((m: { rightPath: string }) => m.rightPath === 'pkg/evil.py').trace).toEqual({ status: 'untraceable' })
    expect(json.status).toBe(1)
  })

  it('exits 2 when the wheel cannot be read completely', () => {
    const whole = wheelBytes({ 'pkg/__init__.py': 'x = 1\n' })
    const paths = files(whole.slice(0, 40))
    const result = run('--source', paths.sdist, paths.wheel)
    expect(result.status).toBe(2)
  })

  it('without --source, the same pair is a two-builds comparison with no trace', () => {
    const paths = files(wheelBytes({ 'pkg/__init__.py': 'x = 1\n', 'pkg/evil.py': 'import os\n' }))
    const report = JSON.parse(run('--json', paths.sdist, paths.wheel).stdout)
    expect(report.mode).toBeUndefined()
    expect(report.trace).toBeUndefined()
  })
})
