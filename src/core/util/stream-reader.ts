/**
 * Sequential reads over a ReadableStream of chunks (a tar stream, possibly inflated from gzip),
 * holding only the chunks not yet consumed, so a tarball is never held whole in memory.
 */
import { fail } from '../errors'
import { concatBytes, type Bytes } from './bytes'

export class StreamReader {
  /** null when the reader was made over bytes already held: there is nothing more to pull. */
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | null
  private chunks: Uint8Array[] = []
  private buffered = 0
  private done = false
  /** Bytes consumed so far: the offset of the next read in the stream. */
  position = 0

  /**
   * Over a stream, or over bytes already in memory (a small gzip inflated in one call, gzip-whole.ts): the same
   * reads then run without a stream's per-chunk promises.
   */
  constructor(source: ReadableStream<Uint8Array> | Uint8Array) {
    if (source instanceof Uint8Array) {
      this.reader = null
      this.done = true
      if (source.length > 0) this.chunks.push(source)
      this.buffered = source.length
    } else {
      this.reader = source.getReader()
    }
  }

  /** Pulls until `length` bytes are buffered or the stream ends; returns whether they are there. */
  private async fill(length: number): Promise<boolean> {
    while (this.buffered < length && !this.done && this.reader) {
      const { value, done } = await this.reader.read()
      if (done) this.done = true
      else if (value.length > 0) {
        this.chunks.push(value)
        this.buffered += value.length
      }
    }
    return this.buffered >= length
  }

  /** A copy of the next `length` bytes (fewer at the end of the stream) without consuming them. */
  async peek(length: number): Promise<Uint8Array> {
    await this.fill(length)
    return concatBytes(this.chunks, Math.min(length, this.buffered))
  }

  /** Up to `length` bytes; fewer only at the end of the stream. */
  async readUpTo(length: number): Promise<Bytes> {
    await this.fill(length)
    return this.take(Math.min(length, this.buffered))
  }

  /** Exactly `length` bytes, or a TRUNCATED error that says how many were missing and where. */
  async readExact(length: number, what: string): Promise<Bytes> {
    if (!(await this.fill(length))) {
      fail('TRUNCATED', `The stream ends inside ${what}: needed ${length} bytes at offset ${this.position}, only ${this.buffered} left`, {
        offset: this.position,
      })
    }
    return this.take(length)
  }

  /** Skips `length` bytes without keeping them; stops early only at the end of the stream. */
  async skip(length: number, what: string): Promise<void> {
    let left = length
    while (left > 0) {
      if (this.buffered === 0 && !(await this.fill(1))) {
        fail('TRUNCATED', `The stream ends inside ${what}: ${left} bytes missing at offset ${this.position}`, { offset: this.position })
      }
      const step = Math.min(left, this.buffered)
      this.take(step)
      left -= step
    }
  }

  /** Counts and discards everything left; returns the number of bytes. */
  async drain(): Promise<number> {
    let total = this.buffered
    this.take(this.buffered)
    while (!this.done && this.reader) {
      const { value, done } = await this.reader.read()
      if (done) this.done = true
      else {
        total += value.length
        this.position += value.length
      }
    }
    return total
  }

  async cancel(): Promise<void> {
    await this.reader?.cancel().catch(() => undefined)
  }

  private take(length: number): Bytes {
    const parts: Uint8Array[] = []
    let left = length
    while (left > 0) {
      const head = this.chunks[0]
      if (head.length <= left) {
        parts.push(head)
        this.chunks.shift()
        left -= head.length
      } else {
        parts.push(head.subarray(0, left))
        this.chunks[0] = head.subarray(left)
        left = 0
      }
    }
    this.buffered -= length
    this.position += length
    return parts.length === 1 && parts[0].buffer instanceof ArrayBuffer
      ? (parts[0] as Bytes)
      : concatBytes(parts, length)
  }
}
