/**
 * The main thread's handle on one side worker (side-worker.ts). Run from the bundle, the worker is the
 * bundled side-worker.mjs next to this chunk; run from source (tsx), it is side-worker.ts, loaded through
 * tsx inside the worker, since a loader registered on the main thread does not reach worker threads.
 */
import { Worker } from 'node:worker_threads'
import type { ArtifactReading, CoreError, Report, SideEvidence } from '../core/index'
import type { SideJob, SideRequest, SideResponse } from './side-worker'

type Waiting = { type: SideResponse['type']; resolve: (response: SideResponse) => void; reject: (error: CoreError) => void }

function startWorker(job: SideJob): Worker {
  const here = import.meta.url
  if (!here.endsWith('.ts')) return new Worker(new URL('./side-worker.mjs', here), { workerData: job })
  const tsx = import.meta.resolve('tsx/esm/api')
  const entry = new URL('./side-worker.ts', here).href
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(boot, { eval: true, workerData: job })
}

export class SideWorker {
  private readonly worker: Worker
  private waiting: Waiting[] = []
  private stopped: CoreError | null = null
  /** Resolves with the side's reading; rejects (a CoreError) when the worker fails or stops first. */
  readonly reading: Promise<ArtifactReading>

  constructor(readonly job: SideJob) {
    this.worker = startWorker(job)
    this.worker.on('message', (response: SideResponse) => this.receive(response))
    this.worker.on('error', (error) => this.stop({ code: 'READ_FAILED', message: `the worker reading ${job.name} failed: ${error.message}` }))
    this.worker.on('exit', (code) => this.stop({ code: 'READ_FAILED', message: `the worker reading ${job.name} stopped (exit code ${code})` }))
    this.reading = this.expect('reading').then((response) => (response as Extract<SideResponse, { type: 'reading' }>).reading)
    // When the other side fails first, nobody awaits this one any more: its rejection must not end the process.
    this.reading.catch(() => {})
  }

  /** The worker's thread id (REPRODIFF_DEBUG=1 names it). */
  get threadId(): number {
    return this.worker.threadId
  }

  /** Opens this side's containers but those listed (null: every one), and answers their readings (side-worker.ts). */
  async openContainers(sameBytes: number[] | null): Promise<ArtifactReading['nested'] | null> {
    const answer = this.expect('nested')
    this.worker.postMessage({ type: 'open', sameBytes } satisfies SideRequest)
    return ((await answer) as Extract<SideResponse, { type: 'nested' }>).nested
  }

  /** Evidence for the rules from this side's differing members (gatherEvidence in the worker). */
  async evidence(report: Report): Promise<SideEvidence> {
    const answer = this.expect('evidence')
    this.worker.postMessage({ type: 'evidence', report } satisfies SideRequest)
    return ((await answer) as Extract<SideResponse, { type: 'evidence' }>).evidence
  }

  /** Stops the worker (idempotent); anything still awaited from it fails. */
  async terminate(): Promise<void> {
    this.stop({ code: 'CANCELLED', message: `the worker reading ${this.job.name} was stopped` })
    await this.worker.terminate()
  }

  private expect(type: SideResponse['type']): Promise<SideResponse> {
    if (this.stopped) return Promise.reject(this.stopped)
    return new Promise((resolve, reject) => this.waiting.push({ type, resolve, reject }))
  }

  private receive(response: SideResponse): void {
    const waiting = this.waiting.shift()
    if (!waiting) return
    if (response.type === 'failed') waiting.reject(response.error)
    else if (response.type !== waiting.type) waiting.reject({ code: 'READ_FAILED', message: `the worker reading ${this.job.name} answered ${response.type}, not ${waiting.type}` })
    else waiting.resolve(response)
  }

  private stop(error: CoreError): void {
    this.stopped ??= error
    for (const waiting of this.waiting.splice(0)) waiting.reject(error)
  }
}
