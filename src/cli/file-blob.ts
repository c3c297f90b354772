/**
 * A Blob over an open file descriptor whose reads are synchronous, for the CLI's side workers.
 *
 * Why not `openAsBlob(path)` (node:fs): each `slice(a, b).arrayBuffer()` there is an asynchronous read through
 * libuv's thread pool, then a `concat` copy, so a worker reading a 13,944-member zip sat idle 16 % of the time
 * waiting on those round trips (issue 9). A worker thread has nothing else to do while it waits, so here each
 * read is one `fs.readSync` straight into a fresh buffer of exactly the slice's length.
 *
 * It answers the calls the core makes of a Blob (`size`, `slice`, `arrayBuffer`, `bytes`, `text`, `stream`), with
 * the File API's slice rules (https://w3c.github.io/FileAPI/#slice-method-algo), as src/core/util/bytes-blob.ts
 * does for bytes in memory. It implements the interface rather than extending Node's Blob on purpose: a Node API
 * that reads a Blob's internal bytes (`new Response(blob)`, `postMessage`) must throw on this object, not quietly
 * see the empty Blob a `super()` call would make.
 *
 * The file's size is taken once, at open. A read that finds fewer bytes than that (the file shrank) rejects with a
 * READ_FAILED error naming the path and offset, never hands out short bytes: a wrong "same" must be impossible.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { fail } from '../core/errors'
import { sliceBounds } from '../core/index'

/** `stream()` hands the bytes on in pieces of this size, as a Blob's stream and BytesBlob's do. */
const STREAM_PIECE = 1024 * 1024

/** The most one `readSync` call asks for: Linux's read(2) returns at most 0x7ffff000 bytes per call anyway. */
const READ_CALL = 1024 * 1024 * 1024

/** The open file every slice of one `openFileBlob` shares. */
interface FileHandle {
  readonly path: string
  readonly fd: number
  /** The file's size at open, from fstat. */
  readonly size: number
  closed: boolean
}

/**
 * Closes the descriptor of a FileBlob whose `close()` was forgotten once no slice of it is reachable, so a long
 * process does not run out of descriptors. Holds only the number, never the handle (that would keep it alive).
 */
const forgotten = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd)
  } catch {
    // Already closed, or the process is exiting: nothing left to free.
  }
})

export class FileBlob implements Blob {
  readonly type: string
  private readonly handle: FileHandle
  private readonly start: number
  private readonly end: number

  /** @internal use `openFileBlob(path)` or `slice()`. */
  constructor(handle: FileHandle, start: number, end: number, type = '') {
    this.handle = handle
    this.start = start
    this.end = end
    this.type = type
  }

  get size(): number {
    return this.end - this.start
  }

  /** File API `slice()`: positions relative to this slice, negative from its end, clamped; no bytes are read. */
  slice(start?: number, end?: number, contentType?: string): FileBlob {
    const { from, to } = sliceBounds(start, end, this.size)
    return new FileBlob(this.handle, this.start + from, this.start + to, normalisedType(contentType))
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.readRange(this.start, this.end).buffer
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.readRange(this.start, this.end)
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(this.readRange(this.start, this.end))
  }

  stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let at = this.start
    const end = this.end
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      // A throw here errors the stream with it, so a reader of the stream sees the same READ_FAILED.
      pull: (controller) => {
        if (at >= end) return controller.close()
        const next = Math.min(end, at + STREAM_PIECE)
        controller.enqueue(this.readRange(at, next))
        at = next
      },
    })
  }

  /** Closes the file; every slice of it then rejects its reads. Closing twice is harmless. */
  close(): void {
    const handle = this.handle
    if (handle.closed) return
    handle.closed = true
    forgotten.unregister(handle)
    closeSync(handle.fd)
  }

  /**
   * The bytes [from, to) of the file in a buffer of exactly that length (its `.buffer` holds nothing else, so
   * `arrayBuffer()` can hand it out), filled by `readSync` until complete or failed.
   */
  private readRange(from: number, to: number): Uint8Array<ArrayBuffer> {
    const { path, closed } = this.handle
    if (closed) fail('READ_FAILED', `${path} was closed before its bytes at offset ${from} were read`, { offset: from })
    // A non-pooled buffer: Buffer.allocUnsafe may share one ArrayBuffer between small buffers.
    const out = new Uint8Array(Buffer.allocUnsafeSlow(to - from).buffer as ArrayBuffer, 0, to - from)
    let filled = 0
    while (filled < out.length) {
      const read = this.readAt(out, filled, from + filled)
      if (read === 0) {
        const offset = from + filled
        fail('READ_FAILED', `${path} ended at offset ${offset}, before the ${this.handle.size} bytes it had when opened: the file changed while being read`, { offset })
      }
      filled += read
    }
    return out
  }

  /** One `readSync` into `out` from `filled` on, at most READ_CALL bytes; a failing call names the path and offset. */
  private readAt(out: Uint8Array, filled: number, position: number): number {
    try {
      return readSync(this.handle.fd, out, filled, Math.min(out.length - filled, READ_CALL), position)
    } catch (thrown) {
      const reason = thrown instanceof Error ? thrown.message : String(thrown)
      return fail('READ_FAILED', `Reading ${this.handle.path} at offset ${position} failed: ${reason}`, { offset: position })
    }
  }
}

/** Opens `path` for reading and answers as a Blob over its bytes; call `close()` when done with it and its slices. */
export function openFileBlob(path: string): FileBlob {
  const fd = openSync(path, 'r')
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) fail('READ_FAILED', `${path} is not a regular file`)
    const handle: FileHandle = { path, fd, size: stats.size, closed: false }
    forgotten.register(handle, fd, handle)
    return new FileBlob(handle, 0, stats.size)
  } catch (thrown) {
    closeSync(fd)
    throw thrown
  }
}

/** File API `slice()` step 4: a type with a character outside U+0020–U+007E becomes empty, otherwise lower case. */
function normalisedType(contentType: string | undefined): string {
  if (contentType === undefined) return ''
  return /^[\x20-\x7e]*$/.test(contentType) ? contentType.toLowerCase() : ''
}
