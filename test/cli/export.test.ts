/** The CLI's exports (issue 11): --markdown on stdout, --html FILE, one stdout format per run, byte-identical runs. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SAMPLE_LEFT, SAMPLE_RIGHT } from '../core/export/export-fixtures'

const BIN = join(import.meta.dirname, '../../bin/reprodiff.mjs')
const GOLDEN = join(import.meta.dirname, '../fixtures/golden')

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const scratch = () => mkdtempSync(join(tmpdir(), 'reprodiff-export-'))

describe('reprodiff --markdown / --html', () => {
  it('prints the Markdown export of the sample pair, equal to the golden file, the same bytes on two runs', () => {
    const first = run(SAMPLE_LEFT, SAMPLE_RIGHT, '--markdown')
    expect(first.status).toBe(1)
    expect(first.stdout).toBe(readFileSync(join(GOLDEN, 'sample.md'), 'utf8'))
    expect(run('--markdown', SAMPLE_LEFT, SAMPLE_RIGHT).stdout).toBe(first.stdout)
  })

  it('writes the HTML file with --html FILE and --html=FILE, byte-identical, with the text diffs of changed members', () => {
    const dir = scratch()
    const a = run(SAMPLE_LEFT, SAMPLE_RIGHT, '--html', join(dir, 'a.html'))
    const b = run(SAMPLE_LEFT, SAMPLE_RIGHT, `--html=${join(dir, 'b.html')}`)
    expect([a.status, b.status]).toEqual([1, 1])
    // The summary still goes to stdout: --html writes a file, not a stdout format.
    expect(a.stdout).toMatch(/Contents differ/)
    const html = readFileSync(join(dir, 'a.html'), 'utf8')
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toBe(html)
    expect(html).toContain('<details open><summary>demo_pkg/core.py</summary><pre>')
    expect(html).toMatch(/<span class="line (add|del)">[+-]/)
    expect(html).toContain('up to 2,000,000 characters of diff in all')
    expect(html).toContain('<summary>demo_pkg/data/logo.bin</summary><p class="note">No text diff')
  })

  it('writes the same --json bytes on two runs', () => {
    expect(run('--json', SAMPLE_LEFT, SAMPLE_RIGHT).stdout).toBe(run('--json', SAMPLE_LEFT, SAMPLE_RIGHT).stdout)
  })

  it('refuses --json with --markdown (exit 2, named)', () => {
    const result = run('--json', '--markdown', SAMPLE_LEFT, SAMPLE_RIGHT)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/--json and --markdown cannot be used together/)
    expect(result.stdout).toBe('')
  })

  it('exits 2 naming the file when the HTML file cannot be written', () => {
    const result = run(SAMPLE_LEFT, SAMPLE_RIGHT, '--html', join(scratch(), 'missing-dir', 'x.html'))
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/x\.html cannot be written: ENOENT/)
  })

  it('names a missing --html value', () => {
    const result = run(SAMPLE_LEFT, SAMPLE_RIGHT, '--html')
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/--html needs a value/)
  })
})

describe('parseArguments for the exports', async () => {
  const { parseArguments } = await import('../../src/cli/args')
  it('takes --html as --html FILE and --html=FILE, and --markdown as a switch', () => {
    expect(parseArguments(['a', 'b', '--html', 'out.html'])).toMatchObject({ html: 'out.html', markdown: false, paths: ['a', 'b'], problems: [] })
    expect(parseArguments(['a', '--html=out.html', 'b', '--markdown'])).toMatchObject({ html: 'out.html', markdown: true, paths: ['a', 'b'], problems: [] })
    expect(parseArguments(['a', 'b', '--html', '--json']).problems).toContain('--html needs a value')
    expect(parseArguments(['a', 'b', '--html=']).problems).toContain('--html needs a file name')
    expect(parseArguments(['a', 'b', '--markdown=x']).problems).toContain('--markdown takes no value')
  })
})
