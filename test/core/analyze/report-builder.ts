/**
 * Tiny builders of Report / MemberComparison / evidence objects for the explanation-rule tests: each test
 * states only the fields its rule reads. Member indices are given per side in listing order unless set.
 */
import type { AnalysisContext } from '../../../src/core/analyze/rule'
import type {
  ArchiveDifference, ArtifactSummary, Finding, MemberComparison, MemberEvidence, MemberSideReport, MemberStatus,
  PackageComparison, PackageFieldDifference, PackageSide, RecordCheck, Report, Side, SideEvidence, Verdict,
} from '../../../src/core/index'
import { compareArtifacts, REPORT_SCHEMA } from '../../../src/core/index'
import { fixturePairs, source } from '../../fixture-files'

/** One side of a member: the fields given (mtime, mode, compression, …) on top of a 10-byte file. */
export type SideFields = Partial<MemberSideReport>

export interface MemberSpec {
  status?: MemberStatus
  changed?: string[]
  type?: MemberComparison['type']
  /** Left side fields, or null for a right-only member. */
  left?: SideFields | null
  /** Right side fields, or null for a left-only member. */
  right?: SideFields | null
  /** Real paths when they differ from the pairing path (renamed dist-info, sdist roots, duplicates). */
  leftPath?: string
  rightPath?: string
}

export interface ReportSpec {
  verdict?: Verdict
  archive?: ArchiveDifference[]
  package?: PackageComparison | null
  left?: Partial<ArtifactSummary>
  right?: Partial<ArtifactSummary>
}

function sideReport(fields: SideFields, index: number): MemberSideReport {
  return { index, offset: index * 100, size: 10, sha256: 'ab'.repeat(32), type: 'file', ...fields } as MemberSideReport
}

/** A member comparison; `status` defaults to metadata when fields changed, identical otherwise. */
export function member(path: string, spec: MemberSpec = {}): MemberComparison {
  const changed = spec.changed ?? []
  const left = spec.left === null ? null : sideReport(spec.left ?? {}, -1)
  const right = spec.right === null ? null : sideReport(spec.right ?? {}, -1)
  const status = spec.status ?? (!left ? 'right-only' : !right ? 'left-only' : changed.length ? 'metadata' : 'identical')
  return {
    path,
    leftPath: left ? (spec.leftPath ?? path) : null,
    rightPath: right ? (spec.rightPath ?? path) : null,
    type: spec.type ?? (path.endsWith('/') ? 'dir' : 'file'),
    status,
    changed,
    left,
    right,
  }
}

/** Shorthand for a member whose content differs (sha256 differs on the two sides). */
export function modified(path: string, spec: Omit<MemberSpec, 'status'> = {}): MemberComparison {
  return member(path, {
    ...spec,
    status: 'modified',
    left: { sha256: '11'.repeat(32), ...(spec.left ?? {}) },
    right: { sha256: '22'.repeat(32), ...(spec.right ?? {}) },
  })
}

function summary(name: string, count: number, fields: Partial<ArtifactSummary> = {}): ArtifactSummary {
  // `as`: the summary may carry more fields (anomalies) than a given version of the type requires.
  return { name, size: 1000, sha256: name === 'left.whl' ? '01'.repeat(32) : '02'.repeat(32), format: 'zip', memberCount: count, anomalies: [], ...fields } as ArtifactSummary
}

function countStatuses(members: MemberComparison[]): Record<MemberStatus, number> {
  const counts: Record<MemberStatus, number> = { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }
  for (const m of members) counts[m.status]++
  return counts
}

/** A report over the given members; side indices are assigned in listing order where not set explicitly. */
export function report(members: MemberComparison[], spec: ReportSpec = {}): Report {
  let leftIndex = 0
  let rightIndex = 0
  for (const m of members) {
    if (m.left && m.left.index === -1) m.left.index = leftIndex
    if (m.right && m.right.index === -1) m.right.index = rightIndex
    if (m.left) leftIndex = Math.max(leftIndex, m.left.index) + 1
    if (m.right) rightIndex = Math.max(rightIndex, m.right.index) + 1
  }
  const differs = members.some((m) => m.status === 'modified' || m.status === 'left-only' || m.status === 'right-only')
  return {
    schema: REPORT_SCHEMA,
    verdict: spec.verdict ?? (differs ? 'content-differs' : 'metadata-only'),
    left: summary('left.whl', members.filter((m) => m.left).length, spec.left),
    right: summary('right.whl', members.filter((m) => m.right).length, spec.right),
    archive: spec.archive ?? [],
    members,
    counts: countStatuses(members),
    package: spec.package ?? null,
    findings: [],
    summary: '',
  }
}

export function recordCheck(check: Partial<RecordCheck> = {}): RecordCheck {
  return { path: 'pkg-1.0.dist-info/RECORD', rows: 5, hashMismatch: [], sizeMismatch: [], listedButMissing: [], notListed: [], unverified: [], ...check }
}

export function packageSide(side: Partial<PackageSide> = {}): PackageSide {
  return { kind: 'wheel', name: 'pkg', version: '1.0', generator: 'bdist_wheel (0.42.0)', metadataVersion: '2.1', record: recordCheck(), ...side }
}

export function field(source: string, name: string, left: string[], right: string[], orderOnly = false): PackageFieldDifference {
  return { source, field: name, left, right, orderOnly }
}

export function packageComparison(spec: { left?: Partial<PackageSide>; right?: Partial<PackageSide>; fields?: PackageFieldDifference[] } = {}): PackageComparison {
  return { left: packageSide(spec.left), right: packageSide(spec.right), fields: spec.fields ?? [] }
}

/** Per-side evidence by member pairing path: { 'pkg/x.so': { left: {strings}, right: {strings} } }. */
export function evidence(of: Report, byPath: Record<string, Partial<Record<Side, MemberEvidence>>>): Record<Side, SideEvidence> {
  const out: Record<Side, SideEvidence> = { left: {}, right: {} }
  for (const [path, sides] of Object.entries(byPath)) {
    const m = of.members.find((candidate) => candidate.path === path)
    if (!m) throw new Error(`no member ${path} in the report`)
    for (const side of ['left', 'right'] as Side[]) {
      const own = m[side]
      if (own && sides[side]) out[side][own.index] = sides[side]!
    }
  }
  return out
}

export function context(of: Report, sideEvidence: Record<Side, SideEvidence> = { left: {}, right: {} }, earlier: Finding[] = []): AnalysisContext {
  return { report: of, evidence: sideEvidence, earlier }
}

/** An earlier finding, as a rule that ran before would have given it. */
export function earlierFinding(cause: string, members: string[], fields: string[], derived = false): Finding {
  return { cause, title: cause, derived, members, fields, evidence: {}, remedy: '', severity: 'cause' }
}

/** Text evidence for a member: counts of CRLF and lone LF, BOM, and the normalised text's hash. */
export function textEvidence(crlf: number, lf: number, bom: boolean, normalizedSha256: string): MemberEvidence {
  return { text: { crlf, lf, bom, normalizedSha256 } }
}

/** DOS/epoch seconds of a UTC date, for mtime fields. */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000
}

const fixtureReports = new Map<string, Promise<Report>>()

/** compareArtifacts over a committed fixture pair (test/fixtures/pairs/<kind>), read once per test file. */
export function fixtureReport(kind: string): Promise<Report> {
  if (!fixtureReports.has(kind)) {
    const pair = fixturePairs().find((candidate) => candidate.kind === kind)
    if (!pair) throw new Error(`no fixture pair ${kind}`)
    fixtureReports.set(kind, (async () => compareArtifacts(await source(pair.left), await source(pair.right)))())
  }
  return fixtureReports.get(kind)!
}

/** The findings of one cause in a report. */
export function findingsOf(of: Report, cause: string): Finding[] {
  return of.findings.filter((f) => f.cause === cause)
}
