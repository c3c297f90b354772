/**
 * The reading path of the core, for a compare worker at start: read, compare, warm up. A subset of index.ts
 * (which stays the one full entry point), kept apart so that a worker's first script holds only what the warm-up
 * warms; what a comparison needs later (explanation rules, binary parsers, content and hex views) it loads from
 * index.ts by a dynamic import on first use (docs/performance.md, page weight). Bundlers put everything a
 * statically imported file re-exports into the first chunk, so this file re-exports only the reading path.
 */
export { readArtifact, readArtifactOuter, readMemberContent, type OuterReading } from './archive/read-artifact'
export { adoptNested, planOpening, type OpeningPlan } from './compare/same-bytes'
export { compareReadings } from './compare/compare-artifacts'
export { isSourceBuildPair } from './trace/pairing'
export { isSourceMetadataPath } from './trace/retained'
export { isPackageMetadataPath } from './compare/package'
export { toCoreError, type CoreError } from './errors'
export { warmUp } from './warm-up'
export { DEFAULT_KERNELS } from './kernels'
export type { ArtifactReading, ReadProgress } from './types'
