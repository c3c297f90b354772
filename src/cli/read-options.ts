/** How the CLI reads in Node: the same options on both sides, in the workers and in tests that compare with `compareArtifacts`. */
import type { ReadOptions } from '../core/types'

/** Node's DecompressionStream is a slow wrapper over zlib; fflate is faster here for every member size. */
export const NODE_READ_OPTIONS: ReadOptions = { streamInflateThreshold: Number.POSITIVE_INFINITY }
