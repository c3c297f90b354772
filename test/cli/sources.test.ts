/**
 * CLI sides from an index or a URL, against the local index server (test/e2e/index-server.ts): resolved to
 * temporary files named as the index names them, checked against the published and expected digests, and a
 * mismatch is the `digest-mismatch` finding and exit 1.
 */
import { execFile } from 'node:child_process'
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareFiles, exitCodeFor } from '../../src/cli/run'
import { parseArguments } from '../../src/cli/args'
import { applySources, resolveSides, type ResolvedSides } from '../../src/cli/sources'
import type { Report } from '../../src/core/index'
import { startIndexServer, type IndexServer } from '../e2e/index-server'

let server: IndexServer
beforeAll(async () => {
  server = await startIndexServer()
})
afterAll(() => server.close())

async function resolved(specs: string[], flags: Parameters<typeof resolveSides>[1]['flags'] = {}): Promise<ResolvedSides> {
  const result = await resolveSides(specs, { flags: { indexUrl: server.cors, npmRegistry: `${server.cors}/npm`, ...flags }, limits: {} })
  if ('problem' in result) throw new Error(result.problem)
  return result
}

async function compared(sides: ResolvedSides) {
  try {
    // compareFiles returns the report, or (with the exports) { report, readings }.
    const result = (await compareFiles(sides.paths, {})) as unknown as Report | { report: Report }
    return applySources('report' in result ? result.report : result, sides)
  } finally {
    await sides.cleanup()
  }
}

describe('CLI sides from an index', () => {
  it('downloads pypi: sides under their release file names, verified, fetching only what was asked', async () => {
    server.requests.length = 0
    const sides = await resolved(['pypi:demo==1.0', 'pypi:demo==1.1:demo-1.1-py3-none-any.whl'])
    expect(sides.paths.map((path) => basename(path))).toEqual(['demo-1.0-py3-none-any.whl', 'demo-1.1-py3-none-any.whl'])
    expect(sides.sources.left).toEqual({ url: `${server.cors}/files/demo-1.0-py3-none-any.whl`, publishedDigest: `sha256:${server.files['demo-1.0-py3-none-any.whl'].sha256}`, digestOk: true })
    expect(server.requests).toEqual(['GET /cors/pypi/demo/1.0/json', 'GET /cors/files/demo-1.0-py3-none-any.whl', 'GET /cors/pypi/demo/1.1/json', 'GET /cors/files/demo-1.1-py3-none-any.whl'])
    const report = await compared(sides)
    expect(report.left.source?.digestOk).toBe(true)
    expect(report.findings.some((f) => f.cause === 'digest-mismatch')).toBe(false)
    expect(existsSync(sides.paths[0])).toBe(false)
  })

  it('raises digest-mismatch first and exits 1 when the index lists another digest, even for identical bytes', async () => {
    const report = await compared(await resolved(['pypi:tampered==1.0', 'pypi:demo==1.0']))
    expect(report.verdict).toBe('identical')
    expect(report.findings[0]).toMatchObject({ cause: 'digest-mismatch', severity: 'security', evidence: { side: 'left' } })
    expect(exitCodeFor(report)).toBe(1)
  })

  it('checks npm: sides against dist.integrity, and --expect-right against the file', async () => {
    const wrong = '0'.repeat(64)
    const report = await compared(await resolved(['npm:demo-pkg@1.0.0', `${server.cors}/npm/demo-pkg/-/demo-pkg-1.0.0.tgz`], { expectRight: wrong }))
    expect(report.left.source).toMatchObject({ publishedDigest: expect.stringMatching(/^sha512-/), digestOk: true })
    expect(report.right.source).toEqual({ url: `${server.cors}/npm/demo-pkg/-/demo-pkg-1.0.0.tgz`, expectedDigest: wrong, digestOk: false })
    expect(exitCodeFor(report)).toBe(1)
  })

  it('checks a local path against --expect-left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reprodiff-test-'))
    const path = join(dir, 'demo-1.0-py3-none-any.whl')
    writeFileSync(path, server.files['demo-1.0-py3-none-any.whl'].bytes)
    const sides = await resolved([path, path], { expectLeft: server.files['demo-1.0-py3-none-any.whl'].sha256 })
    expect(sides.paths).toEqual([path, path])
    expect(sides.sources).toEqual({ left: { expectedDigest: server.files['demo-1.0-py3-none-any.whl'].sha256, digestOk: true }, right: null })
  })

  it('names what was tried when a release or a host fails', async () => {
    const missing = await resolveSides(['pypi:nothing==1.0', 'x'], { flags: { indexUrl: server.cors }, limits: {} })
    expect(missing).toEqual({ problem: expect.stringContaining(`Tried GET ${server.cors}/pypi/nothing/1.0/json: the server answered HTTP 404`) })
    const down = await resolveSides(['https://127.0.0.1:1/a.whl', 'x'], { flags: {}, limits: {} })
    expect(down).toEqual({ problem: expect.stringContaining('refused cross-origin reads or unreachable') })
    expect(await resolveSides(['pypi:demo', 'x'], { flags: {}, limits: {} })).toEqual({ problem: expect.stringContaining('needs a version') })
  })

  it('takes --expect-left/--expect-right, --index-url and --npm-registry as --flag=value and --flag value', () => {
    const digest = 'ab'.repeat(32)
    const args = parseArguments(['a', 'b', '--expect-left', digest, `--expect-right=sha512-${'A'.repeat(86)}==`, '--index-url=http://127.0.0.1:3141/root/pypi', '--npm-registry', 'https://r.example'])
    expect(args.problems).toEqual([])
    expect(args.sources).toEqual({ expectLeft: digest, expectRight: `sha512-${'A'.repeat(86)}==`, indexUrl: 'http://127.0.0.1:3141/root/pypi', npmRegistry: 'https://r.example' })
    expect(parseArguments(['a', 'b', '--expect-left=abc']).problems).toEqual(['--expect-left needs a SHA-256 (64 hex digits) or an integrity string (sha512-…), got "abc"'])
  })
})

const BIN = join(import.meta.dirname, '../../bin/reprodiff.mjs')

describe('reprodiff with pypi: sides', () => {
  it('exits 1 with digest-mismatch in --json for a tampered release', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, '--json', 'pypi:tampered==1.0', 'pypi:demo==1.0', '--index-url', server.cors], { maxBuffer: 64 * 1024 * 1024 }, (_, stdout) => resolve({ code: child.exitCode, stdout }))
    })
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.left.source).toMatchObject({ url: `${server.cors}/files/demo-1.0-py3-none-any.whl`, digestOk: false })
    expect(report.findings[0].cause).toBe('digest-mismatch')
  })
})
