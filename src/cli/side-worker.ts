/**
 * One side of a CLI comparison, in its own `worker_threads` worker (the split the page makes in
 * src/worker/client.ts): reads its artefact and posts the reading (plain data, structured-cloned) with its
 * containers not yet opened; then opens the containers the main thread asks for (all but those with the same bytes
 * on the other side, src/core/compare/same-bytes.ts) and posts their readings; then answers the one evidence
 * request the main thread sends once it has compared both readings.
 */
import { parentPort, workerData } from 'node:worker_threads'
import {
  gatherEvidence, isPackageMetadataPath, readArtifactOuter, toCoreError,
  type ArtifactReading, type ArtifactSource, type CoreError, type Limits, type OuterReading, type Report, type Side, type SideEvidence,
} from '../core/index'
import { openFileBlob } from './file-blob'
import { NODE_KERNELS } from './node-kernels'
import { NODE_READ_OPTIONS } from './read-options'

export interface SideJob {
  path: string
  /** The name the report shows (the file's base name). */
  name: string
  side: Side
  limits: Partial<Limits>
}

/** `open`: the member indexes to leave closed (the same bytes on the other side), or null to open every container. */
export type SideRequest = { type: 'open'; sameBytes: number[] | null } | { type: 'evidence'; report: Report }

export type SideResponse =
  | { type: 'reading'; reading: ArtifactReading }
  | { type: 'nested'; nested: ArtifactReading['nested'] | null }
  | { type: 'evidence'; evidence: SideEvidence }
  | { type: 'failed'; error: CoreError }

/**
 * Reads as `compareArtifacts` does (src/core/index.ts): package metadata retained, the CLI's Node options, and
 * Node's kernels (node:crypto, node:zlib: synchronous, so the worker no longer waits on the thread pool per member).
 */
async function readSide(source: ArtifactSource, limits: Partial<Limits>): Promise<OuterReading> {
  return readArtifactOuter(source, { retainMember: isPackageMetadataPath, ...NODE_READ_OPTIONS, kernels: NODE_KERNELS, limits })
}

/** The answer to one request of the main thread (they come in order: open, then evidence). */
async function answer(request: SideRequest, source: ArtifactSource, outer: OuterReading, side: Side): Promise<SideResponse> {
  if (request.type === 'open') {
    return { type: 'nested', nested: await outer.openContainers(request.sameBytes) }
  }
  return { type: 'evidence', evidence: await gatherEvidence(source, outer.reading, request.report, side, NODE_KERNELS) }
}

async function serve(job: SideJob): Promise<void> {
  const port = parentPort!
  const post = (message: SideResponse) => port.postMessage(message)
  try {
    // Synchronous reads from the file (file-blob.ts): no thread-pool round trip per slice, as openAsBlob makes.
    const source: ArtifactSource = { name: job.name, blob: openFileBlob(job.path) }
    const outer = await readSide(source, job.limits)
    port.on('message', (request: SideRequest) => {
      answer(request, source, outer, job.side).then(post, (thrown) => post({ type: 'failed', error: toCoreError(thrown, 'READ_FAILED') }))
    })
    post({ type: 'reading', reading: outer.reading })
  } catch (thrown) {
    post({ type: 'failed', error: toCoreError(thrown, 'READ_FAILED') })
  }
}

if (parentPort && workerData) void serve(workerData as SideJob)
