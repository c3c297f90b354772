/**
 * One fuzz case: read a (mutated) artefact with tight limits, compare it with the original and explain the
 * result. Every step must return data; nothing may throw, and the whole case must finish within the bound.
 */
import { analyzeReport, compareReadings, gatherEvidence, isPackageMetadataPath, readArtifact, type ArtifactReading, type Limits } from '../../src/core/index'

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
  return { ms: performance.now() - started, error: reading.error?.code ?? null, members: reading.members.length }
}
