/**
 * One side of a CLI comparison, in its own `worker_threads` worker (the split the page makes in
 * src/worker/client.ts): reads its artefact and posts the reading (plain data, structured-cloned), then
 * answers the one evidence request the main thread sends once it has compared both readings.
 */
import { openAsBlob } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import {
  gatherEvidence, isPackageMetadataPath, readArtifact, toCoreError,
  type ArtifactReading, type ArtifactSource, type CoreError, type Limits, type Report, type Side, type SideEvidence,
} from '../core/index'
import { NODE_KERNELS } from './node-kernels'
import { NODE_READ_OPTIONS } from './read-options'

export interface SideJob {
  path: string
  /** The name the report shows (the file's base name). */
  name: string
  side: Side
  limits: Partial<Limits>
}

export type SideRequest = { type: 'evidence'; report: Report }

export type SideResponse =
  | { type: 'reading'; reading: ArtifactReading }
  | { type: 'evidence'; evidence: SideEvidence }
  | { type: 'failed'; error: CoreError }

/**
 * Reads as `compareArtifacts` does (src/core/index.ts): package metadata retained, the CLI's Node options, and
 * Node's kernels (node:crypto, node:zlib: synchronous, so the worker no longer waits on the thread pool per member).
 */
async function readSide(source: ArtifactSource, limits: Partial<Limits>): Promise<ArtifactReading> {
  return readArtifact(source, { retainMember: isPackageMetadataPath, ...NODE_READ_OPTIONS, kernels: NODE_KERNELS, limits })
}

async function serve(job: SideJob): Promise<void> {
  const port = parentPort!
  const post = (message: SideResponse) => port.postMessage(message)
  try {
    const source: ArtifactSource = { name: job.name, blob: await openAsBlob(job.path) }
    const reading = await readSide(source, job.limits)
    port.once('message', (request: SideRequest) => {
      gatherEvidence(source, reading, request.report, job.side, NODE_KERNELS).then(
        (evidence) => post({ type: 'evidence', evidence }),
        (thrown) => post({ type: 'failed', error: toCoreError(thrown, 'READ_FAILED') }),
      )
    })
    post({ type: 'reading', reading })
  } catch (thrown) {
    post({ type: 'failed', error: toCoreError(thrown, 'READ_FAILED') })
  }
}

if (parentPort && workerData) void serve(workerData as SideJob)
