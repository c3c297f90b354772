/**
 * A thin adapter: one worker holds one artefact (the File and its reading), answers requests with
 * core calls, and posts plain data back. Two of these run side by side, one per artefact.
 */
import { compareReadings, describeContentPair, readArtifact, readMemberContent, toCoreError, type ArtifactReading } from '../core/index'
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol'
import { WARM_UP_ZIP } from './warm-up'

let held: { file: File; reading: ArtifactReading } | null = null

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  ;(self as unknown as Worker).postMessage(message, transfer)
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.version !== PROTOCOL_VERSION) throw new Error(`Worker protocol ${request.version} is not ${PROTOCOL_VERSION}`)
  const { requestId } = request
  switch (request.type) {
    case 'read': {
      const reading = await readArtifact(
        { name: request.file.name, blob: request.file },
        { onProgress: (progress) => post({ type: 'progress', requestId, progress }) },
      )
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
      await readArtifact({ name: 'warm-up.zip', blob: new Blob([WARM_UP_ZIP]) })
      return post({ type: 'warm', requestId })
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((thrown) => post({ type: 'failed', requestId: event.data.requestId, error: toCoreError(thrown) }))
}
