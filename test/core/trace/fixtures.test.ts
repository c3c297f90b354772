/**
 * Issue 12, done-when "the fixture script builds sdist/wheel pairs with the real build backends … tests check every
 * status and the verdict line": each pair test/fixtures/trace_pairs.py wrote (setuptools, hatchling, gcc; the
 * hostile wheels edited after the build with RECORD regenerated) is read from the committed files and traced;
 * every wheel member's status, the counts, the verdict, the verdict line and the `untraceable-member` finding are
 * checked against its expected.json. The backends are not needed here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeReport, isPackageMetadataPath, isSourceBuildPair, isSourceMetadataPath, readArtifact, traceReadings } from '../../../src/core/index'
import type { ArtifactReading, MemberComparison, Report, TraceStatus } from '../../../src/core/types'
import { FIXTURES, source } from '../../fixture-files'

const TRACE = join(FIXTURES, 'trace')

interface ExpectedTrace {
  kind: string
  sdist: string
  wheel: string
  verdict: 'traced' | 'untraceable-content'
  counts: Record<TraceStatus, number>
  members: Record<string, { status: TraceStatus; sources?: string[]; generator?: string }>
}

const pairs = readdirSync(TRACE).sort().map((kind) => JSON.parse(readFileSync(join(TRACE, kind, 'expected.json'), 'utf8')) as ExpectedTrace)

/** What the page's worker keeps while reading: the package metadata and the sdist's build configuration. */
const retainMember = (path: string, size: number) => isPackageMetadataPath(path, size) || isSourceMetadataPath(path, size)

async function read(kind: string, file: string): Promise<ArtifactReading> {
  return readArtifact(await source(join(TRACE, kind, file)), { retainMember })
}

/** The wheel member a trace entry is about: its name in the wheel. */
const wheelName = (member: MemberComparison) => member.rightPath ?? member.path

function wheelMembers(report: Report): MemberComparison[] {
  return report.members.filter((member) => member.right && member.type === 'file')
}

describe('trace pairs built with the real backends (test/fixtures/trace)', () => {
  it('has every kind the issue asks for', () => {
    expect(pairs.map((pair) => pair.kind)).toEqual(['c-extension', 'changed-line', 'clean', 'data-files', 'injected-module', 'pth-file', 'src-layout'])
  })

  for (const expected of pairs) {
    describe(expected.kind, async () => {
      const sdist = await read(expected.kind, expected.sdist)
      const wheel = await read(expected.kind, expected.wheel)
      const report = analyzeReport(traceReadings(sdist, wheel))

      it('is recognised as a source/build pair, either way round', () => {
        expect(isSourceBuildPair(sdist, wheel)).toBe('left-is-source')
        expect(isSourceBuildPair(wheel, sdist)).toBe('right-is-source')
      })

      it('gives every wheel member its expected trace status', () => {
        const statuses = Object.fromEntries(wheelMembers(report).map((member) => [wheelName(member), member.trace?.status]))
        const wanted = Object.fromEntries(Object.entries(expected.members).map(([name, entry]) => [name, entry.status]))
        expect(statuses).toEqual(wanted)
      })

      it('names the sources of compiled members', () => {
        for (const [name, entry] of Object.entries(expected.members)) {
          if (entry.status !== 'compiled') continue
          const member = wheelMembers(report).find((m) => wheelName(m) === name)!
          const named = [...(member.trace?.sources ?? []), ...(member.trace?.source ? [member.trace.source] : [])]
          for (const path of entry.sources ?? []) expect(named.some((n) => n.endsWith(path)), `${name} from ${path}`).toBe(true)
        }
      })

      it('has the expected mode, counts, verdict and verdict line', () => {
        expect(report.mode).toBe('trace')
        expect(report.trace?.verdict).toBe(expected.verdict)
        expect(report.trace?.counts).toEqual(expected.counts)
        const total = Object.keys(expected.members).length
        const line = report.trace?.line ?? ''
        expect(line).toContain(`${expected.counts['from-source']} of ${total} wheel files match the source byte for byte`)
        expect(line).toContain(`${expected.counts.untraceable} untraceable`)
      })

      it('raises untraceable-member (security) for exactly the untraceable and differing members', () => {
        const flagged = Object.entries(expected.members)
          .filter(([, entry]) => entry.status === 'untraceable' || entry.status === 'differs-from-source')
          .map(([name]) => name)
        const findings = report.findings.filter((f) => f.cause === 'untraceable-member')
        expect(findings.every((f) => f.severity === 'security')).toBe(true)
        const paths = new Set(findings.flatMap((f) => f.members))
        const named = report.members.filter((m) => paths.has(m.path)).map(wheelName)
        expect(named.sort()).toEqual(flagged.sort())
      })
    })
  }
})
