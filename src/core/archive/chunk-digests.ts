/**
 * Per-chunk SHA-256 of a member's uncompressed bytes, recorded in the pass that hashes the member, so the hex
 * view can tell which 1 MiB chunks of two large members differ without reading them again: a deflated member
 * cannot be entered in the middle, and a 2 GiB one must never be held whole (docs/performance.md, "Hex view").
 * Chunks are hashed by the kernels' SHA-256 (Web Crypto on its own thread by default), each an independent digest; a member
 * below one chunk gets no list (the view reads it whole). The lists stay on the reading, never in the report.
 * Only members the hex view cannot slice from the file get them while listing (compressed zip methods, tar
 * members, single compressed files): the others are hashed by chunk on demand (member-range.ts), which kept
 * the main read's cost down (docs/performance.md).
 */
import { DEFAULT_KERNELS, type Kernels } from '../kernels'
import type { Member } from '../types'
import type { Bytes } from '../util/bytes'

/** Chunk size of `Member.chunkSha256`: chunk i covers bytes [i × CHUNK_DIGEST_SIZE, (i + 1) × CHUNK_DIGEST_SIZE). */
export const CHUNK_DIGEST_SIZE = 1024 * 1024

/** Digests awaited at most this many at a time while streaming: a bound on the copies held (16 MiB). */
const MAX_PENDING = 16

export const wantsChunkDigests = (size: number) => size >= CHUNK_DIGEST_SIZE

/** The chunk digests of bytes held whole (no copy: each chunk is a view of them). */
export async function chunkDigestsOf(bytes: Uint8Array, kernels: Kernels = DEFAULT_KERNELS): Promise<string[]> {
  const digests: string[] = []
  for (let at = 0; at < bytes.length; at += CHUNK_DIGEST_SIZE * IN_FLIGHT) {
    // A few at a time: a member's worth queued at once would hold up the file reads of the next member.
    const batch: (string | Promise<string>)[] = []
    for (let chunk = at; chunk < Math.min(bytes.length, at + CHUNK_DIGEST_SIZE * IN_FLIGHT); chunk += CHUNK_DIGEST_SIZE) {
      batch.push(kernels.sha256(bytes.subarray(chunk, Math.min(bytes.length, chunk + CHUNK_DIGEST_SIZE)) as Bytes))
    }
    for (const digest of await Promise.all(batch)) digests.push(digest)
  }
  return digests
}

/** Chunk digests handed to Web Crypto at once from bytes held whole. */
const IN_FLIGHT = 4

/** Sets `member.chunkSha256` from bytes held whole, when the member is large enough to have a list. */
export async function recordChunkDigests(member: Member, bytes: Uint8Array, kernels: Kernels = DEFAULT_KERNELS): Promise<void> {
  if (wantsChunkDigests(bytes.length)) member.chunkSha256 = await chunkDigestsOf(bytes, kernels)
}

/**
 * The chunk digests of bytes that go by in pieces of any size (a streamed member): each full chunk is copied
 * once and handed to the kernels' SHA-256; `settle()` lets an async loop wait when too many are in flight.
 */
export class ChunkDigester {
  private readonly digests: (string | Promise<string>)[] = []
  private buffer = new Uint8Array(CHUNK_DIGEST_SIZE)
  private filled = 0
  private settled = 0

  constructor(private readonly kernels: Kernels = DEFAULT_KERNELS) {}

  update(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(CHUNK_DIGEST_SIZE - this.filled, bytes.length - at)
      this.buffer.set(bytes.subarray(at, at + take), this.filled)
      this.filled += take
      at += take
      if (this.filled === CHUNK_DIGEST_SIZE) this.emit()
    }
  }

  /** Waits for the oldest digests when more than MAX_PENDING are in flight. */
  async settle(): Promise<void> {
    while (this.digests.length - this.settled > MAX_PENDING) await this.digests[this.settled++]
  }

  /** Every chunk's digest, in order (the last one may be short); none below one chunk. */
  async finish(): Promise<string[] | null> {
    const total = this.digests.length * CHUNK_DIGEST_SIZE + this.filled
    if (this.filled > 0) this.emit()
    const digests = await Promise.all(this.digests)
    return wantsChunkDigests(total) ? digests : null
  }

  private emit(): void {
    const chunk = this.buffer.subarray(0, this.filled)
    this.digests.push(this.kernels.sha256(chunk))
    // WebCrypto copies its input before digest() returns ("get a copy of the bytes held by"); a fresh buffer
    // anyway, so a platform that copied later could not hash bytes overwritten by the next chunk.
    this.buffer = new Uint8Array(CHUNK_DIGEST_SIZE)
    this.filled = 0
  }
}
