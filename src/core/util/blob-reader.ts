/**
 * Random access to a Blob through `Blob.slice`, never the whole file: `File.arrayBuffer()` fails past
 * about 2 GB in Chromium (../docs/performance.md). Reads go through one cached window so that many small
 * members read in file order cost one slice read per window, not one per member.
 */
import { fail } from '../errors'
import type { Bytes } from './bytes'

const DEFAULT_WINDOW = 8 * 1024 * 1024

export class BlobReader {
  readonly blob: Blob
  readonly size: number
  private cachedStart = 0
  private cached: Bytes = new Uint8Array(0)
  private readonly windowSize: number

  constructor(blob: Blob, windowSize = DEFAULT_WINDOW) {
    this.blob = blob
    this.size = blob.size
    this.windowSize = windowSize
  }

  /** Exactly `length` bytes at `offset`; a read past the end is a truncation error naming the offset. */
  async read(offset: number, length: number): Promise<Bytes> {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      fail('TRUNCATED', `Needed ${length} bytes at offset ${offset}, but the file is ${this.size} bytes`, { offset })
    }
    const inWindow = offset >= this.cachedStart && offset + length <= this.cachedStart + this.cached.length
    if (!inWindow) {
      if (length > this.windowSize) return this.readDirect(offset, length)
      this.cachedStart = offset
      this.cached = await this.readDirect(offset, Math.min(this.windowSize, this.size - offset))
    }
    const start = offset - this.cachedStart
    return this.cached.subarray(start, start + length)
  }

  private async readDirect(offset: number, length: number): Promise<Bytes> {
    try {
      return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer())
    } catch (thrown) {
      return fail('READ_FAILED', `Reading ${length} bytes at offset ${offset} failed: ${String(thrown)}`, { offset })
    }
  }
}

/** The bytes of `blob` from `start` to `end` (clamped to the blob), read in one slice. */
export async function readSlice(blob: Blob, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.slice(Math.max(0, start), Math.max(0, end)).arrayBuffer())
}
