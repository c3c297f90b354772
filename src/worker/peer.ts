/**
 * The two compare workers talk through a MessagePort of their own, so a side's reading and evidence go from one
 * worker to the other without passing through the page: the page never holds or clones a whole reading, and its
 * main thread only receives the report, in parts (report-parts.ts). The left worker asks; the right one answers.
 */
import type { ArtifactReading, CoreError, Report, SideEvidence } from '../core/types-public'

/** `open`: open the held artefact's containers but those listed (null: every one), answer their readings. */
export type PeerRequest = { kind: 'reading' } | { kind: 'open'; sameBytes: number[] | null } | { kind: 'evidence'; report: Report }
export type PeerAnswer =
  | { kind: 'reading'; reading: ArtifactReading }
  | { kind: 'nested'; nested: ArtifactReading['nested'] | null }
  | { kind: 'evidence'; evidence: SideEvidence }
  | { kind: 'failed'; error: CoreError }

/** On the port: a request with its id, or the answer to one. */
type PortMessage = { id: number; request: PeerRequest } | { id: number; answer: PeerAnswer }

type Waiting = { resolve: (answer: PeerAnswer) => void; reject: (error: CoreError) => void }

/** One end of the port between the workers: asks the other worker, and answers it with `answer`. */
export class Peer {
  private nextId = 1
  private readonly waiting = new Map<number, Waiting>()

  constructor(private readonly port: MessagePort, answer: (request: PeerRequest) => Promise<PeerAnswer>) {
    port.onmessage = (event: MessageEvent<PortMessage>) => {
      const message = event.data
      if ('answer' in message) return this.settle(message.id, message.answer)
      void answer(message.request).then((reply) => port.postMessage({ id: message.id, answer: reply } satisfies PortMessage))
    }
  }

  async reading(): Promise<ArtifactReading> {
    const answer = await this.ask({ kind: 'reading' })
    if (answer.kind !== 'reading') throw new Error(`Unexpected answer ${answer.kind} from the other worker`)
    return answer.reading
  }

  async openContainers(sameBytes: number[] | null): Promise<ArtifactReading['nested'] | null> {
    const answer = await this.ask({ kind: 'open', sameBytes })
    if (answer.kind !== 'nested') throw new Error(`Unexpected answer ${answer.kind} from the other worker`)
    return answer.nested
  }

  async evidence(report: Report): Promise<SideEvidence> {
    const answer = await this.ask({ kind: 'evidence', report })
    if (answer.kind !== 'evidence') throw new Error(`Unexpected answer ${answer.kind} from the other worker`)
    return answer.evidence
  }

  private ask(request: PeerRequest): Promise<PeerAnswer> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.port.postMessage({ id, request } satisfies PortMessage)
    })
  }

  private settle(id: number, answer: PeerAnswer): void {
    const waiting = this.waiting.get(id)
    this.waiting.delete(id)
    if (!waiting) return
    if (answer.kind === 'failed') waiting.reject(answer.error)
    else waiting.resolve(answer)
  }
}
