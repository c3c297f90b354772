/**
 * The buffer of a member range being filled (member-range.ts): decoded bytes go by in stream order and only
 * those inside the range are kept; cancel and progress are checked on the way.
 */
import { fail } from '../errors'
import { resolveKernels, type Kernels } from '../kernels'
import type { Member } from '../types'

/** Progress while seeking at most every this many decoded bytes. */
const PROGRESS_STEP = 1024 * 1024

export interface RangeOptions {
  /** Decoded bytes passed so far while seeking into a compressed member, against the range's end. */
  onProgress?: (progress: { bytesDecoded: number; target: number }) => void
  signal?: AbortSignal
  /**
   * Inflate deflated zip members with the platform's DecompressionStream('deflate-raw') instead of fflate: in
   * Chromium it is 30–85 % faster on large members (docs/performance.md), in Node slower (the worker sets it).
   */
  platformInflate?: boolean
  /** The platform's kernels over the defaults, as `ReadOptions.kernels` (kernels.ts). */
  kernels?: Partial<Kernels>
}

/**
 * The buffer being filled: decoded bytes are offered in stream order (`offer`), only those inside the range are
 * kept, and `full` says when the decoder can stop. Cancel and progress are checked per offer.
 */
export class RangeBuffer {
  readonly bytes: Uint8Array<ArrayBuffer>
  private position = 0
  private filled = 0
  private lastProgress = 0

  constructor(readonly start: number, readonly length: number, private readonly options: RangeOptions) {
    this.bytes = new Uint8Array(length)
  }

  get kernels(): Kernels {
    return resolveKernels(this.options.kernels)
  }

  get platformInflate(): boolean {
    return this.options.platformInflate === true && typeof DecompressionStream === 'function'
  }

  get full(): boolean {
    return this.filled === this.length
  }

  checkCancelled(): void {
    if (this.options.signal?.aborted) fail('CANCELLED', 'Reading the bytes was cancelled')
  }

  /** The next decoded bytes of the member (its offset is how many came before). */
  offer(chunk: Uint8Array): void {
    this.checkCancelled()
    const chunkStart = this.position
    this.position += chunk.length
    const from = Math.max(this.start, chunkStart)
    const to = Math.min(this.start + this.length, this.position)
    if (to > from) {
      this.bytes.set(chunk.subarray(from - chunkStart, to - chunkStart), from - this.start)
      this.filled += to - from
    }
    if (this.position - this.lastProgress >= PROGRESS_STEP) {
      this.lastProgress = this.position
      this.options.onProgress?.({ bytesDecoded: Math.min(this.position, this.start + this.length), target: this.start + this.length })
    }
  }

  /** Forgets what was offered, for a decoder that starts again from the member's first byte. */
  restart(): void {
    this.position = 0
    this.filled = 0
  }

  /** Bytes read straight from the file: the whole range at once. */
  fill(bytes: Uint8Array): void {
    if (bytes.length !== this.length) fail('TRUNCATED', `Needed ${this.length} bytes at offset ${this.start} of the member, found ${bytes.length}`)
    this.bytes.set(bytes)
    this.filled = this.length
  }

  /** After a decoder stopped: the member ended before the range was filled. */
  checkFull(member: Member): void {
    if (!this.full) fail('TRUNCATED', `${member.path} ended after ${this.position} bytes, before the range at ${this.start} (${this.length} bytes) was filled`, { path: member.path })
  }
}

