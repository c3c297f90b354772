/**
 * The only entry point other layers import. Plain TypeScript: runs unchanged in Node (CLI, tests),
 * a Web Worker and the browser.
 */
import { analyzeReport } from './analyze/analyze-report'
import { readArtifactOuter, type ArtifactSource } from './archive/read-artifact'
import { compareReadings } from './compare/compare-artifacts'
import { planOpening } from './compare/same-bytes'
import { collectEvidence, evidenceRequests, MAX_SECTION_STRINGS_BYTES } from './compare/evidence'
import { resolveKernels, type Kernels } from './kernels'
import { isPackageMetadataPath } from './compare/package'
import type { ArtifactReading, ReadOptions, Report, Side, SideEvidence } from './types'

export { readArtifact, readArtifactOuter, readMemberContent, type ArtifactSource, type OuterReading } from './archive/read-artifact'
export { adoptNested, planOpening, type OpeningPlan } from './compare/same-bytes'
export { detectFormat } from './archive/detect'
export { compareReadings } from './compare/compare-artifacts'
export { traceReadings, isSourceBuildPair, isSourceMetadataPath } from './trace/index'
export { pairMembers, pairingKeys } from './compare/pair-members'
export { describeContentPair, describeUnloadedPair, isTooLargeToLoad, WHOLE_CONTENT_LIMIT, type ContentPair } from './compare/content'
export { readMemberRange, memberChunkDigests, type MemberRange } from './archive/member-range'
export { byteRuns, chunkRanges, differingChunks, HEX_CHUNK_SIZE, type ByteRun, type ChunkSide } from './compare/hex-diff'
export { isPackageMetadataPath } from './compare/package'
export { needsEvidence } from './compare/evidence'
export { analyzeReport } from './analyze/analyze-report'
export { VERDICT_WORDS } from './analyze/summary'
export { EXPLANATION_RULES } from './analyze/explain'
export { formatMetaValue, formatTimestamp } from './format'
export { jsonChunks, jsonPieces, JSON_CHUNK_CHARACTERS, renderMarkdown, MARKDOWN_MAX_CHARACTERS, renderHtml, HTML_CSP, HTML_DIFF_BUDGET, summaryText, planTextDiffs, textDiffOf, unreadDiff, type HtmlDiff, type DiffPlan } from './export/index'
export { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, formatBytes, parseSize } from './limits'
export { sha256OfBlob } from './util/hash'
export { sliceBounds } from './util/blob-slice'
export { warmUp } from './warm-up'
export { toCoreError, type CoreError, type CoreErrorCode } from './errors'
export * from './types'
export * from './source/index'

/**
 * Evidence for the explanation rules from one side: re-reads that side's differing members once. A failure
 * here loses only evidence (rules then say less), never the comparison.
 */
export async function gatherEvidence(source: ArtifactSource, reading: ArtifactReading, report: Report, side: Side, kernels?: Partial<Kernels>): Promise<SideEvidence> {
  try {
    return await collectEvidence(source, reading, evidenceRequests(report, side), MAX_SECTION_STRINGS_BYTES, resolveKernels(kernels))
  } catch {
    return {}
  }
}

export interface CompareOptions extends ReadOptions {
  /** Also open the container members whose bytes are the same on both sides (listing what is inside them); slower. */
  openSameBytes?: boolean
}

/**
 * Reads both artefacts (concurrently), compares them and explains the differences. Container members with the
 * same bytes on both sides are not opened (compare/same-bytes.ts) unless `openSameBytes` is set.
 * @example
 *   const report = await compareArtifacts({ name: 'a.whl', blob: fileA }, { name: 'b.whl', blob: fileB })
 *   report.verdict // 'identical' | 'metadata-only' | 'content-differs' | 'error'
 */
export async function compareArtifacts(left: ArtifactSource, right: ArtifactSource, options: CompareOptions = {}): Promise<Report> {
  const read = (source: ArtifactSource, side: Side) =>
    readArtifactOuter(source, { retainMember: isPackageMetadataPath, ...options, onProgress: (p) => options.onProgress?.({ ...p, side }) })
  const [leftOuter, rightOuter] = await Promise.all([read(left, 'left'), read(right, 'right')])
  const plan = planOpening(leftOuter.reading, rightOuter.reading, options.openSameBytes === true)
  await Promise.all([leftOuter.openContainers(plan.left), rightOuter.openContainers(plan.right)])
  const [leftReading, rightReading] = [leftOuter.reading, rightOuter.reading]
  const report = compareReadings(leftReading, rightReading, plan.pairs)
  const [leftEvidence, rightEvidence] = await Promise.all([
    gatherEvidence(left, leftReading, report, 'left', options.kernels),
    gatherEvidence(right, rightReading, report, 'right', options.kernels),
  ])
  return analyzeReport(report, { left: leftEvidence, right: rightEvidence })
}
