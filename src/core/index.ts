/**
 * The only entry point other layers import. Plain TypeScript: runs unchanged in Node (CLI, tests),
 * a Web Worker and the browser.
 */
import { readArtifact, type ArtifactSource } from './archive/read-artifact'
import { compareReadings } from './compare/compare-artifacts'
import type { ReadOptions, Report } from './types'

export { readArtifact, readMemberContent, type ArtifactSource } from './archive/read-artifact'
export { detectFormat } from './archive/detect'
export { compareReadings } from './compare/compare-artifacts'
export { pairMembers, pairingKeys } from './compare/pair-members'
export { describeContentPair, type ContentPair } from './compare/content'
export { formatMetaValue, formatTimestamp } from './format'
export { DEFAULT_LIMITS, formatBytes } from './limits'
export { warmUp } from './warm-up'
export { toCoreError, type CoreError, type CoreErrorCode } from './errors'
export * from './types'

/**
 * Reads both artefacts (concurrently) and compares them.
 * @example
 *   const report = await compareArtifacts({ name: 'a.whl', blob: fileA }, { name: 'b.whl', blob: fileB })
 *   report.verdict // 'identical' | 'metadata-only' | 'content-differs' | 'error'
 */
export async function compareArtifacts(left: ArtifactSource, right: ArtifactSource, options: ReadOptions = {}): Promise<Report> {
  const [leftReading, rightReading] = await Promise.all([
    readArtifact(left, { ...options, onProgress: (p) => options.onProgress?.({ ...p, side: 'left' }) }),
    readArtifact(right, { ...options, onProgress: (p) => options.onProgress?.({ ...p, side: 'right' }) }),
  ])
  return compareReadings(leftReading, rightReading)
}
