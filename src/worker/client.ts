/**
 * Main-thread API over two compare workers, one per artefact, started with the page (not on drop) and
 * warmed up at once. The workers pass readings and evidence to each other through their own port (peer.ts); the
 * page receives only reports, in parts (report-parts.ts), so no whole reading is ever cloned to the main thread. A new comparison stops the previous one with a message (the workers stay warm);
 * the user's Cancel terminates both workers and starts fresh ones, which stops even a long synchronous
 * inflate that a message could not interrupt.
 */
import type { ContentPair, CoreError, Limits, ReadProgress, Report, Side } from '../core/types-public'
import { PROTOCOL_VERSION, type CompareMode, type SourcePairing, type WorkerRequest, type WorkerResponse } from './protocol'
import { applyAnalysis, ReportAssembler } from './report-parts'

/** Each side's enclosing container indexes of a nested member, outermost first. */
export interface ContainerChains {
  left?: number[]
  right?: number[]
}

type Pending = { resolve: (response: WorkerResponse) => void; reject: (error: CoreError) => void; onProgress?: (p: ReadProgress) => void; parts?: ReportAssembler }

/** Distributive Omit, so each member of the request union keeps its own fields. */
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'version' | 'requestId'> : never) : never

class WorkerChannel {
  private worker: Worker
  private nextId = 1
  private pending = new Map<number, Pending>()

  constructor() {
    this.worker = this.start()
  }

  private start(): Worker {
    const worker = new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module', name: 'reprodiff-compare' })
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.receive(event.data)
    worker.onerror = (event) => this.failAll({ code: 'READ_FAILED', message: `The compare worker stopped: ${event.message}` })
    return worker
  }

  private receive(response: WorkerResponse): void {
    const pending = this.pending.get(response.requestId)
    if (!pending) return
    if (response.type === 'progress') return pending.onProgress?.(response.progress)
    if (response.type === 'report-part') return (pending.parts ??= new ReportAssembler()).add(response.members)
    this.pending.delete(response.requestId)
    if (response.type === 'failed') pending.reject(response.error)
    else if (response.type === 'report') pending.resolve({ ...response, report: (pending.parts ?? new ReportAssembler()).finish(response.report) })
    else pending.resolve(response)
  }

  request(body: RequestBody, transfer: Transferable[] = [], onProgress?: (p: ReadProgress) => void): Promise<WorkerResponse> {
    const requestId = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onProgress })
      this.worker.postMessage({ ...body, version: PROTOCOL_VERSION, requestId } as WorkerRequest, transfer)
    })
  }

  /**
   * A request that `signal` can stop: the worker is told (`cancel-range`) and the promise fails with CANCELLED
   * at once, without waiting for the worker to notice.
   */
  cancellable(body: RequestBody, signal: AbortSignal | undefined, onProgress?: (p: ReadProgress) => void): Promise<WorkerResponse> {
    const requestId = this.nextId
    const answer = this.request(body, [], onProgress)
    if (!signal) return answer
    return new Promise((resolve, reject) => {
      const stop = () => {
        this.notify({ type: 'cancel-range', rangeId: requestId })
        this.pending.delete(requestId)
        reject({ code: 'CANCELLED', message: 'Reading the bytes was cancelled' } satisfies CoreError)
      }
      if (signal.aborted) return stop()
      signal.addEventListener('abort', stop, { once: true })
      answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
    })
  }

  /** A request without an answer (cancel, connect). */
  notify(body: RequestBody, transfer: Transferable[] = []): void {
    this.worker.postMessage({ ...body, version: PROTOCOL_VERSION, requestId: 0 } as WorkerRequest, transfer)
  }

  restart(): void {
    this.worker.terminate()
    this.failAll({ code: 'CANCELLED', message: 'Comparison cancelled' })
    this.worker = this.start()
  }

  private failAll(error: CoreError): void {
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }

  dispose(): void {
    this.worker.terminate()
    this.failAll({ code: 'CANCELLED', message: 'Closed' })
  }
}

export interface CompareClient {
  /**
   * Reads both files in parallel, compares them, then gathers evidence and explains the differences.
   * `onCompared` gets the report as soon as it is compared (verdict, members), before its findings.
   */
  compare(left: File, right: File, onProgress: (side: Side, progress: ReadProgress) => void, limits: Limits, onCompared?: (report: Report) => void, options?: CompareOptions): Promise<Report>
  /**
   * Text or binary summary of a member pair; indices are the members' positions in each reading. Sides
   * above `maxTextBytes` are summarised, not decoded (the content's `textLimit` is set).
   */
  /** `containers`: for a member of a nested archive, each side's enclosing container indexes (report `containerIndexes`). */
  loadContent(leftIndex: number | null, rightIndex: number | null, maxTextBytes: number, containers?: ContainerChains): Promise<ContentPair>
  /**
   * `length` bytes of one side's member from `start` (the hex view), and with `withChunks` its chunk digests.
   * Seeking into a compressed member reports progress (bytes decoded against the range's end); `signal` stops it.
   */
  memberRange(side: Side, index: number, start: number, length: number, options?: MemberRangeOptions): Promise<MemberRangeAnswer>
  cancel(): void
  dispose(): void
}

export type { CompareMode, SourcePairing }

export interface CompareOptions {
  /** Absent: a source/build pair (an sdist and its wheel) is traced, any other pair compared as two builds. */
  mode?: CompareMode
  /**
   * The pairing of the two readings, once both are read. A trace needs the sdist in the left worker, so a pair
   * dropped wheel first is read again with the sides swapped (`swapped`): the caller's left is then the sdist.
   */
  onPairing?: (pairing: SourcePairing, swapped: boolean) => void
  /** Open the archives inside with the same bytes on both sides too (by default they stay closed: core compare/same-bytes.ts). */
  openSameBytes?: boolean
}

export interface MemberRangeOptions {
  containerIndexes?: number[]
  withChunks?: boolean
  onProgress?: (progress: ReadProgress) => void
  signal?: AbortSignal
}

export interface MemberRangeAnswer {
  bytes: Uint8Array
  size: number
  chunkSha256: string[] | null
}

let latestClient: CompareClient | null = null
/** The client the page created last (the store's), for parts of the store that read through the same workers. */
export function currentCompareClient(): CompareClient | null {
  return latestClient
}

export function createCompareClient(): CompareClient {
  const channels: Record<Side, WorkerChannel> = { left: new WorkerChannel(), right: new WorkerChannel() }
  const warmUp = () => Promise.all([channels.left.request({ type: 'warm-up' }), channels.right.request({ type: 'warm-up' })]).catch(() => undefined)
  // The workers' own port (peer.ts): readings and evidence go from one to the other, not through the page.
  const connect = () => {
    const { port1, port2 } = new MessageChannel()
    channels.left.notify({ type: 'connect', port: port1 }, [port1])
    channels.right.notify({ type: 'connect', port: port2 }, [port2])
  }
  connect()
  void warmUp()

  async function read(side: Side, file: File, onProgress: (side: Side, p: ReadProgress) => void, limits: Limits): Promise<void> {
    const response = await channels[side].request({ type: 'read', file, limits }, [], (p) => onProgress(side, p))
    if (response.type !== 'read-done') throw new Error(`Unexpected worker response ${response.type}`)
  }

  /** The compared report from the left worker, assembled from its parts. */
  async function comparedReport(mode?: CompareMode, openSameBytes?: boolean): Promise<Report> {
    const response = await channels.left.request({ type: 'compare', ...(mode ? { mode } : {}), ...(openSameBytes ? { openSameBytes } : {}) })
    if (response.type !== 'report') throw new Error(`Unexpected worker response ${response.type}`)
    return response.report
  }

  /** `compared` explained by the left worker, which sends only what the analysis added (report-parts.ts). */
  async function explainedReport(compared: Report): Promise<Report> {
    const response = await channels.left.request({ type: 'explain' })
    if (response.type !== 'analysis') throw new Error(`Unexpected worker response ${response.type}`)
    return applyAnalysis(compared, response.analysis)
  }

  async function pairingOf(): Promise<SourcePairing> {
    const response = await channels.left.request({ type: 'pairing' })
    if (response.type !== 'pairing') throw new Error(`Unexpected worker response ${response.type}`)
    return response.pairing
  }

  async function memberBytes(side: Side, index: number | null, containerIndexes?: number[]): Promise<Uint8Array | null> {
    if (index === null) return null
    const response = await channels[side].request(containerIndexes?.length ? { type: 'member-bytes', index, containerIndexes } : { type: 'member-bytes', index })
    return response.type === 'member-bytes' ? response.bytes : null
  }

  const client: CompareClient = {
    async compare(left, right, onProgress, limits, onCompared, options = {}) {
      for (const channel of Object.values(channels)) channel.notify({ type: 'cancel' })
      await Promise.all([read('left', left, onProgress, limits), read('right', right, onProgress, limits)])
      let pairing = await pairingOf()
      const swapped = pairing === 'right-is-source' && options.mode !== 'compare'
      if (swapped) {
        await Promise.all([read('left', right, onProgress, limits), read('right', left, onProgress, limits)])
        pairing = 'left-is-source'
      }
      options.onPairing?.(pairing, swapped)
      // A source/build pair is traced unless two builds were asked for; any other pair is compared.
      const trace = pairing === 'left-is-source' && options.mode !== 'compare'
      const compared = await comparedReport(trace ? 'trace' : undefined, options.openSameBytes)
      onCompared?.(compared)
      // Evidence from both workers (each re-reads only its own side's differing members), then the rules.
      return explainedReport(compared)
    },
    async loadContent(leftIndex, rightIndex, maxTextBytes, containers) {
      const [leftBytes, rightBytes] = await Promise.all([memberBytes('left', leftIndex, containers?.left), memberBytes('right', rightIndex, containers?.right)])
      const transfer = [leftBytes?.buffer, rightBytes?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)
      const response = await channels.left.request({ type: 'describe-content', left: leftBytes, right: rightBytes, maxTextBytes }, transfer)
      if (response.type !== 'content') throw new Error(`Unexpected worker response ${response.type}`)
      return response.content
    },
    async memberRange(side, index, start, length, options = {}) {
      const { containerIndexes, withChunks, onProgress, signal } = options
      const body = { type: 'member-range' as const, index, start, length, ...(containerIndexes?.length ? { containerIndexes } : {}), ...(withChunks ? { withChunks } : {}) }
      const response = await channels[side].cancellable(body, signal, onProgress)
      if (response.type !== 'member-range') throw new Error(`Unexpected worker response ${response.type}`)
      return { bytes: response.bytes, size: response.size, chunkSha256: response.chunkSha256 }
    },
    cancel() {
      channels.left.restart()
      channels.right.restart()
      connect()
      void warmUp()
    },
    dispose() {
      channels.left.dispose()
      channels.right.dispose()
    },
  }
  latestClient = client
  return client
}
