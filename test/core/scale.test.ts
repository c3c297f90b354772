/**
 * No input blanks the answer (issue 7 item 12): 500,000 members and a 20,000-level deep path go through
 * pairing, comparison and every rule without overflowing the stack or throwing, and the report stays plain
 * data. (Speed is `npm run bench`'s business, not this test's.)
 */
import { describe, expect, it } from 'vitest'
import { analyzeReport, compareReadings, type ArtifactReading, type Member } from '../../src/core/index'

const MEMBERS = 500_000
const DEEP_PATH = `deep/${'d/'.repeat(20_000)}x.py`

function reading(name: string, mtime: number): ArtifactReading {
  const members: Member[] = []
  for (let i = 0; i < MEMBERS; i++) {
    members.push({ index: i, path: `pkg/d${i % 1000}/f${i}.py`, type: 'file', size: 10, sha256: 'a'.repeat(64), offset: i * 100, meta: { mtime, mode: 0o644 } })
  }
  members.push({ index: MEMBERS, path: DEEP_PATH, type: 'file', size: 1, sha256: (mtime === 1000 ? 'b' : 'c').repeat(64), offset: 0, meta: { mtime } })
  members.push({ index: MEMBERS + 1, path: `${DEEP_PATH}.link`, type: 'symlink', size: 0, sha256: null, linkTarget: '../'.repeat(20_005), offset: 0, meta: { mtime } })
  return { name, size: 1, sha256: name.repeat(64).slice(0, 64), format: 'zip', fields: {}, members, retained: {}, anomalies: [] }
}

describe('scale', () => {
  it('compares and explains 500,000 members and a 20,000-level path', () => {
    const report = analyzeReport(compareReadings(reading('l', 1000), reading('r', 2000)), { left: {}, right: {} })
    expect(report.members).toHaveLength(MEMBERS + 2)
    expect(report.verdict).toBe('content-differs')
    expect(report.members.find((m) => m.path === DEEP_PATH)?.status).toBe('modified')
    const causes = report.findings.map((f) => f.cause)
    expect(causes).toEqual(expect.arrayContaining(['timestamps', 'content', 'link-outside']))
    expect(causes).not.toContain('analysis-error')
    expect(JSON.parse(JSON.stringify(report.counts))).toEqual(report.counts)
  }, 180_000)
})
