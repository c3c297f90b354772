/** The trace of a very large pair: no spread of the member list, nothing quadratic in the number of members. */
import { describe, expect, it } from 'vitest'
import { traceReadings } from '../../../src/core/index'
import type { ArtifactReading, Member } from '../../../src/core/types'

const member = (index: number, path: string, sha256: string): Member => ({ index, path, type: 'file', size: 1, sha256, offset: index, meta: {} })

function reading(name: string, format: ArtifactReading['format'], members: Member[]): ArtifactReading {
  return { name, size: 1, sha256: name, format, fields: {}, members, retained: {}, anomalies: [] }
}

describe('traceReadings at scale', () => {
  it('traces 250,000 wheel members, all named __init__.py under data/, in one pass', () => {
    const count = 250_000
    const source: Member[] = []
    const built: Member[] = []
    for (let i = 0; i < count; i++) {
      source.push(member(i, `pkg-1.0/pkg/m${i}/__init__.py`, `s${i}`))
      built.push(member(i, i % 2 ? `pkg/m${i}/__init__.py` : `pkg-1.0.data/data/share/d${i}/__init__.py`, `s${i}`))
    }
    const started = Date.now()
    const report = traceReadings(reading('pkg-1.0.tar.gz', 'tar+gzip', source), reading('pkg-1.0-py3-none-any.whl', 'zip', built))
    // The data files with the bytes of one of the first 64 `__init__.py` of the sdist (i < 64, even) are found by name and bytes.
    expect(report.trace!.counts["from-source"]).toBe(count / 2 + 32)
    expect(report.trace!.counts.untraceable).toBe(count / 2 - 32)
    expect(Date.now() - started).toBeLessThan(60_000)
  }, 120_000)
})
