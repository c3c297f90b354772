/**
 * One fuzz case: read a (mutated) artefact with tight limits, compare it with the original and explain the
 * result. Every step must return data; nothing may throw, the whole case must finish within the bound, and
 * the report must never claim a sameness the bytes do not have (checkTrust).
 */
import { analyzeReport, compareReadings, gatherEvidence, isPackageMetadataPath, readArtifact, type ArtifactReading, type Limits, type Report } from '../../src/core/index'

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * The invariants of a trustworthy report (issue "never say same without reading it"): "identical" only for
 * equal bytes; no member called the same whose bytes a side did not read; no "same contents" verdict while a
 * member is unread or differs; no two members with one report path. A violation throws, so both the seeded
 * test and `npm run fuzz` record it as a failure.
 */
export function checkTrust(report: Report, bytesEqual: boolean): void {
  const broken = (why: string) => {
    throw new Error(`trust invariant broken: ${why}`)
  }
  if (report.verdict === 'identical' && !bytesEqual) broken('verdict identical for different bytes')
  const paths = new Set<string>()
  for (const member of report.members) {
    if (paths.has(member.path)) broken(`two members share the report path ${JSON.stringify(member.path)}`)
    paths.add(member.path)
    const same = member.status === 'identical' || member.status === 'metadata'
    const unread = [member.left, member.right].some((side) => side?.type === 'file' && (side.sha256 === null || side.error !== undefined))
    if (same && unread) broken(`${member.path} is ${member.status} but a side's bytes were not read`)
    if (unread && member.left && member.right && !member.unread) broken(`${member.path} has an unread side but no unread flag`)
  }
  if (report.verdict === 'metadata-only' && report.members.some((m) => m.status !== 'identical' && m.status !== 'metadata')) {
    broken('verdict metadata-only while a member differs or is unread')
  }
}

/** Tight limits: the fuzzer must hit them, and they bound what one input can allocate. */
export const FUZZ_LIMITS: Partial<Limits> = { maxMemberBytes: 32 * 1024 ** 2, maxTotalBytes: 128 * 1024 ** 2, maxMembers: 20_000, maxRatio: 1000 }

export interface CaseOutcome {
  ms: number
  error: string | null
  members: number
}

export async function runCase(name: string, bytes: Uint8Array<ArrayBuffer>, original: ArtifactReading, originalBytes: Uint8Array<ArrayBuffer>): Promise<CaseOutcome> {
  const started = performance.now()
  const source = { name, blob: new Blob([bytes]) }
  const options = { limits: FUZZ_LIMITS, retainMember: isPackageMetadataPath, streamInflateThreshold: Infinity }
  const reading = await readArtifact(source, options)
  const report = compareReadings(original, reading)
  const evidence = {
    left: await gatherEvidence({ name, blob: new Blob([originalBytes]) }, original, report, 'left'),
    right: await gatherEvidence(source, reading, report, 'right'),
  }
  const analyzed = analyzeReport(report, evidence)
  JSON.stringify(analyzed) // the report must be plain data
  checkTrust(analyzed, sameBytes(bytes, originalBytes))
  return { ms: performance.now() - started, error: reading.error?.code ?? null, members: reading.members.length }
}
