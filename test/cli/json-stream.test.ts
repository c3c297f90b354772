/** The streamed `--json` writer (issue 9, item 3): valid JSON, equal to JSON.stringify's, written in pieces. */
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { writeJson } from '../../src/cli/json-stream'

/** A sink that keeps every chunk, and can be slow to drain (returns false from write until it drains). */
function sink(options: { highWaterMark?: number; slow?: boolean } = {}) {
  const chunks: string[] = []
  const stream = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      chunks.push(chunk.toString())
      if (options.slow) setImmediate(done)
      else done()
    },
  })
  return { stream, chunks, text: () => chunks.join('') }
}

function syntheticReport(memberCount: number) {
  const members = Array.from({ length: memberCount }, (_, i) => ({
    path: `pkg/module_${i}.py`,
    status: i % 7 === 0 ? 'modified' : 'identical',
    changed: i % 7 === 0 ? ['sha256'] : [],
    left: { index: i, size: i * 3, sha256: (i * 2654435761 >>> 0).toString(16).padStart(64, '0'), mode: 0o644, mtime: undefined },
    right: i % 11 === 0 ? null : { index: i, size: i * 3, sha256: null, name: 'e\u0301 "quoted" \\ \n' },
  }))
  return {
    schema: 'reprodiff-report/2', verdict: 'content-differs', left: { name: 'a.whl', size: 1 }, right: { name: 'b.whl', size: 2 },
    archive: [{ field: 'comment', left: null, right: 'x' }], members, counts: { identical: 1 }, package: null,
    findings: [], skipped: undefined, summary: 'Contents differ',
  }
}

describe('writeJson', () => {
  it('writes 200,000 members as JSON equal to JSON.stringify, one member per line, in chunks far smaller than the whole', async () => {
    const report = syntheticReport(200_000)
    const out = sink()
    await writeJson(out.stream, report)
    const text = out.text()
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)))
    const lines = text.split('\n')
    expect(lines.filter((line) => line.startsWith('{"path":"pkg/module_')).length).toBe(200_000)
    const largest = out.chunks.reduce((most, chunk) => Math.max(most, chunk.length), 0)
    expect(largest).toBeLessThan(256 * 1024)
    expect(out.chunks.length).toBeGreaterThan(100)
  }, 60_000)

  it('keeps the key order, drops undefined keys and writes undefined array entries as null, as JSON.stringify does', async () => {
    const value = { b: 1, a: [1, undefined, { x: undefined, y: 'z' }], c: undefined, d: [], e: {}, f: 'end' }
    const out = sink()
    await writeJson(out.stream, value)
    expect(out.text().replace(/\n/g, '')).toBe(JSON.stringify(value))
  })

  it('waits for the sink to drain (backpressure) and still writes everything in order', async () => {
    const report = syntheticReport(5_000)
    const out = sink({ highWaterMark: 1024, slow: true })
    let drains = 0
    out.stream.on('drain', () => drains++)
    await writeJson(out.stream, report)
    expect(drains).toBeGreaterThan(10)
    expect(JSON.parse(out.text())).toEqual(JSON.parse(JSON.stringify(report)))
  })

  it('stops with the error when the sink fails (a closed pipe), instead of writing forever', async () => {
    const stream = new Writable({ write: (_chunk, _encoding, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) })
    stream.on('error', () => {})
    await expect(writeJson(stream, syntheticReport(50_000))).rejects.toThrow(/EPIPE/)
  })
})
