/**
 * A thin adapter: one worker holds one artefact (the File and its reading), answers requests with
 * core calls, and posts plain data back. Two of these run side by side, one per artefact.
 */
import { compareReadings, describeContentPair, readArtifact, readMemberContent, toCoreError, warmUp, type ArtifactReading, type ReadProgress } from '../core/index'
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol'

let held: { file: File; reading: ArtifactReading } | null = null
let currentRead: AbortController | null = null

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

async function handle(request: WorkerRequest): Promise<void> {
  if (request.version !== PROTOCOL_VERSION) throw new Error(`Worker protocol ${request.version} is not ${PROTOCOL_VERSION}`)
  const { requestId } = request
  switch (request.type) {
    case 'read': {
      currentRead?.abort()
      const controller = (currentRead = new AbortController())
      const reading = await readArtifact(
        { name: request.file.name, blob: request.file },
        { signal: controller.signal, onProgress: throttle((progress) => post({ type: 'progress', requestId, progress })) },
      )
      if (reading.error?.code === 'CANCELLED') throw reading.error
      held = { file: request.file, reading }
      return post({ type: 'read-done', requestId, reading })
    }
    case 'compare':
      return post({ type: 'report', requestId, report: compareReadings(request.left, request.right) })
    case 'member-bytes': {
      if (!held) throw new Error('No artefact has been read in this worker')
      const bytes = await readMemberContent({ name: held.file.name, blob: held.file }, held.reading, request.index)
      return post({ type: 'member-bytes', requestId, bytes }, [bytes.buffer])
    }
    case 'describe-content':
      return post({ type: 'content', requestId, content: describeContentPair(request.left, request.right) })
    case 'warm-up':
      console.log('warm-up', (await warmUp()).map((t) => t.toFixed(0)).join(' '))
      return post({ type: 'warm', requestId })
    case 'cancel':
      currentRead?.abort()
      return
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((thrown) => {
    const error = thrown && typeof thrown === 'object' && 'code' in thrown ? (thrown as ReturnType<typeof toCoreError>) : toCoreError(thrown)
    post({ type: 'failed', requestId: event.data.requestId, error })
  })
}
