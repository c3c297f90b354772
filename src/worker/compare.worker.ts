/**
 * A thin adapter: one worker holds one artefact (the File and its reading), answers requests with
 * core calls, and posts plain data back. Two of these run side by side, one per artefact; the left one compares
 * and explains, asking the right one for its reading and evidence through their own port (peer.ts).
 */
import {
  adoptNested, compareReadings, DEFAULT_KERNELS, isPackageMetadataPath, isSourceBuildPair, isSourceMetadataPath, planOpening, readArtifactOuter, readMemberContent, toCoreError, warmUp,
  type ArtifactReading, type CoreError, type OpeningPlan, type OuterReading, type ReadProgress,
} from '../core/reading'
import type { Kernels } from '../core/kernels'
import type { Report, Side, SideEvidence } from '../core/types-public'
import { Peer, type PeerAnswer, type PeerRequest } from './peer'
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol'
import { analysisOf, reportMessages } from './report-parts'

/*
 * What a comparison needs only after its reading (the explanation rules, the evidence, the binary parsers, the
 * content and hex views) loads on first use: the worker's script at start is the reading path the warm-up warms
 * (docs/performance.md, page weight). The first read starts loading it, so the first explanation does not wait.
 */
const loadLater = () => import('./later')

/**
 * The incremental SHA-256 of files and members too large for one Web Crypto call, from WebAssembly (wasm-sha256.ts),
 * whose chunk starts loading with the first read; until it is in, the core's JavaScript one answers (the same
 * digests), so no read waits for it.
 */
let wasmSha256: Kernels['createSha256'] | null = null
let wasmLoading = false
function loadWasmSha256(): void {
  if (wasmLoading) return
  wasmLoading = true
  void import('./wasm-sha256').then(({ prepareWasmSha256, wasmSha256Kernel }) => {
    void prepareWasmSha256().catch(() => undefined)
    wasmSha256 = wasmSha256Kernel(DEFAULT_KERNELS.createSha256)
  }, () => undefined)
}
const READ_KERNELS: Partial<Kernels> = { createSha256: () => (wasmSha256 ?? DEFAULT_KERNELS.createSha256)() }

let held: { file: File; reading: ArtifactReading; outer: OuterReading } | null = null
/**
 * How far both sides' containers are open: a comparison leaves closed those with the same bytes on both sides
 * (core compare/same-bytes.ts); a trace (which pairs an sdist with its wheel otherwise) or `openSameBytes` opens all.
 */
let opened: 'planned' | 'all' | null = null
/** The top-level pairs the opening was planned from, for the comparison that follows (null when there are none). */
let plannedPairs: OpeningPlan['pairs'] = null
/** The last report this (left) worker compared, which `explain` explains (once: then it is let go). */
let compared: Report | null = null
/**
 * The other worker's reading, asked for once per comparison: `pairing` and `compare` both need it, and each ask
 * structure-clones a whole reading between the workers. Forgotten once the comparison is explained, and when this
 * worker starts a new read (the page always reads both sides again for a new comparison).
 */
let otherReading: Promise<ArtifactReading> | null = null
/** The port to the other worker (peer.ts), set by `connect`. */
let peer: Peer | null = null
let currentRead: AbortController | null = null
/** `member-range` requests in progress, by request id, so `cancel-range` can stop one. */
const rangeReads = new Map<number, AbortController>()

/** Progress at most every 50 ms: one message per member would keep the page busy re-rendering. */
const PROGRESS_INTERVAL_MS = 50
function throttle(report: (progress: ReadProgress) => void): (progress: ReadProgress) => void {
  let last = 0
  return (progress) => {
    const now = performance.now()
    if (now - last < PROGRESS_INTERVAL_MS) return
    last = now
    report(progress)
  }
}

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  ;(self as unknown as Worker).postMessage(message, transfer)
}

function heldArtefact(): { file: File; reading: ArtifactReading; outer: OuterReading } {
  if (!held) throw new Error('No artefact has been read in this worker')
  return held
}

function readingOfOther(): Promise<ArtifactReading> {
  if (!otherReading) {
    const asked = connectedPeer().reading()
    otherReading = asked
    // A failed ask is not kept: the next request asks again.
    asked.catch(() => {
      if (otherReading === asked) otherReading = null
    })
  }
  return otherReading
}

function connectedPeer(): Peer {
  if (!peer) throw new Error('The compare workers are not connected')
  return peer
}

/**
 * Opens both sides' containers for `mode`, this worker's and (through the port) the other's, whose nested readings
 * then join the copy of its reading held here. A cancel while opening fails the request, as one while reading does.
 */
async function openContainers(all: boolean, left: ArtifactReading, right: ArtifactReading): Promise<void> {
  if (opened === 'all' || (opened === 'planned' && !all)) return
  const plan = planOpening(left, right, all)
  const [, nested] = await Promise.all([heldArtefact().outer.openContainers(plan.left), connectedPeer().openContainers(plan.right)])
  if (left.error?.code === 'CANCELLED') throw left.error
  adoptNested(right, nested)
  opened = all ? 'all' : 'planned'
  plannedPairs = plan.pairs
}

/** A report to the page in parts (report-parts.ts). */
function postReport(requestId: number, report: Report): void {
  for (const message of reportMessages(requestId, report)) post(message)
}

/** Evidence from the artefact this worker holds, or none: losing evidence only makes the rules say less. */
async function evidenceOf(report: Report, side: Side): Promise<SideEvidence> {
  const { file, reading } = heldArtefact()
  const { gatherEvidence } = await loadLater()
  return gatherEvidence({ name: file.name, blob: file }, reading, report, side).catch(() => ({}))
}

/** What this worker answers the other one: its reading, or its evidence for a report (as the right side). */
async function answerPeer(request: PeerRequest): Promise<PeerAnswer> {
  try {
    if (request.kind === 'reading') return { kind: 'reading', reading: heldArtefact().reading }
    if (request.kind === 'open') {
      const { outer } = heldArtefact()
      const nested = await outer.openContainers(request.sameBytes)
      if (outer.reading.error?.code === 'CANCELLED') throw outer.reading.error
      return { kind: 'nested', nested }
    }
    return { kind: 'evidence', evidence: await evidenceOf(request.report, 'right') }
  } catch (thrown) {
    return { kind: 'failed', error: toCoreError(thrown) }
  }
}

/**
 * A trace report's left is the sdist. The page puts the sdist in this (left) worker before it asks for a trace,
 * since the evidence and the content views read each report side from its own worker; a pair the other way
 * round is refused rather than traced with its sides crossed.
 */
async function traceSdistFirst(left: ArtifactReading, right: ArtifactReading): Promise<Report> {
  const pairing = isSourceBuildPair(left, right)
  if (pairing !== 'left-is-source') throw { code: 'READ_FAILED', message: pairing ? 'Trace the pair with the sdist on the left' : 'These two files are not an sdist and its wheel' } satisfies CoreError
  // The trace is loaded with the rest of what follows a reading (later.ts): the worker's first script stays small.
  const { traceReadings } = await loadLater()
  return traceReadings(left, right)
}

/** Kept while reading: the package metadata, and an sdist's build configuration for a source trace. */
const retainMember = (path: string, size: number) => isPackageMetadataPath(path, size) || isSourceMetadataPath(path, size)

type Handlers = { [K in WorkerRequest['type']]: (request: Extract<WorkerRequest, { type: K }>) => Promise<void> | void }

/** One handler per request type (protocol.ts documents each). */
const HANDLERS: Handlers = {
  async read({ requestId, file, limits }) {
    void loadLater().catch(() => undefined)
    otherReading = null
    currentRead?.abort()
    const controller = (currentRead = new AbortController())
    const onProgress = throttle((progress) => post({ type: 'progress', requestId, progress }))
    // Containers are opened when the pair is compared, all but those with the same bytes on both sides.
    loadWasmSha256()
    const outer = await readArtifactOuter({ name: file.name, blob: file }, { limits, signal: controller.signal, onProgress, retainMember, kernels: READ_KERNELS })
    const reading = outer.reading
    if (reading.error?.code === 'CANCELLED') throw reading.error
    held = { file, reading, outer }
    opened = null
    plannedPairs = null
    compared = null
    // The reading stays here: the page never needs it whole (the other worker asks for it through the port).
    post({ type: 'read-done', requestId })
  },
  connect({ port }) {
    peer = new Peer(port, answerPeer)
  },
  async compare({ requestId, mode, openSameBytes }) {
    const left = heldArtefact().reading
    const right = await readingOfOther()
    await openContainers(mode === 'trace' || openSameBytes === true, left, right)
    compared = mode === 'trace' ? await traceSdistFirst(left, right) : compareReadings(left, right, plannedPairs)
    // Used once: a later comparison of the same readings pairs them again rather than hold every pair meanwhile.
    plannedPairs = null
    postReport(requestId, compared)
  },
  async pairing({ requestId }) {
    post({ type: 'pairing', requestId, pairing: isSourceBuildPair(heldArtefact().reading, await readingOfOther()) })
  },
  async explain({ requestId }) {
    if (!compared) throw new Error('Nothing has been compared in this worker')
    const report = compared
    // Each worker re-reads only its own side's differing members; the security rules run whatever evidence comes.
    const { analyzeReport, needsEvidence } = await loadLater()
    // The other worker gets only the members the rules can want evidence for (as the CLI's side workers do), not a
    // clone of the whole report.
    const asked: Report = { ...report, members: report.members.filter(needsEvidence) }
    const [left, right] = await Promise.all([evidenceOf(report, 'left'), connectedPeer().evidence(asked).catch(() => ({}))])
    // The page holds the compared report already: only what the analysis added crosses (report-parts.ts).
    post({ type: 'analysis', requestId, analysis: analysisOf(report, analyzeReport(report, { left, right })) })
    // Explained once per comparison: the report and the other side's reading are not needed again (a new comparison
    // reads both sides again), so their memory goes back to the tab for the views that follow.
    if (compared === report) compared = null
    otherReading = null
  },
  async 'member-bytes'({ requestId, index, containerIndexes }) {
    const { file, reading } = heldArtefact()
    const bytes = await readMemberContent({ name: file.name, blob: file }, reading, index, {}, containerIndexes ?? [])
    post({ type: 'member-bytes', requestId, bytes }, [bytes.buffer])
  },
  async 'member-range'({ requestId, index, containerIndexes, start, length, withChunks }) {
    const { file, reading } = heldArtefact()
    const controller = new AbortController()
    rangeReads.set(requestId, controller)
    try {
      const { memberChunkDigests, readMemberRange } = await loadLater()
      // Progress as a read's: bytes decoded so far against the end of the range.
      const report = throttle((progress) => post({ type: 'progress', requestId, progress }))
      const onProgress = ({ bytesDecoded, target }: { bytesDecoded: number; target: number }) => report({ bytesRead: bytesDecoded, totalBytes: target, membersRead: 0 })
      const source = { name: file.name, blob: file }
      const chains = containerIndexes ?? []
      const chunkSha256 = withChunks ? await memberChunkDigests(source, reading, index, chains, { onProgress, signal: controller.signal }) : null
      const range = await readMemberRange(source, reading, index, start, length, chains, { onProgress, signal: controller.signal, platformInflate: true })
      post({ type: 'member-range', requestId, bytes: range.bytes, size: range.size, chunkSha256 }, [range.bytes.buffer])
    } finally {
      rangeReads.delete(requestId)
    }
  },
  'cancel-range'({ rangeId }) {
    rangeReads.get(rangeId)?.abort()
  },
  async 'describe-content'({ requestId, left, right, maxTextBytes }) {
    const { describeContentPair } = await loadLater()
    post({ type: 'content', requestId, content: describeContentPair(left, right, maxTextBytes) })
  },
  async 'warm-up'({ requestId }) {
    await warmUp()
    post({ type: 'warm', requestId })
  },
  cancel() {
    currentRead?.abort()
  },
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.version !== PROTOCOL_VERSION) throw new Error(`Worker protocol ${request.version} is not ${PROTOCOL_VERSION}`)
  await (HANDLERS[request.type] as (request: WorkerRequest) => Promise<void> | void)(request)
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((thrown) => {
    const error = thrown && typeof thrown === 'object' && 'code' in thrown ? (thrown as CoreError) : toCoreError(thrown)
    post({ type: 'failed', requestId: event.data.requestId, error })
  })
}
