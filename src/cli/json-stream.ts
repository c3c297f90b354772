/**
 * `--json` written as a stream: the report goes out in chunks of about 64 KiB, each top-level array (members,
 * findings, archive) one element per line, waiting for the output to drain (backpressure). Never one string
 * for the whole report: a 500,000-member report is larger than the longest string V8 can make (2^29 - 24
 * characters), and `JSON.stringify(report, null, 2)` of 50,000 members alone took about half of the CLI's 1.1 GB
 * (measured for issue 9; docs/performance.md, "The CLI"). The text is compact JSON (RFC 8259: a newline between values is
 * whitespace, so it is still one valid JSON text), equal once parsed to `JSON.parse(JSON.stringify(value))`.
 * The text itself is the core's (src/core/export/json.ts), so the page's JSON export is the same bytes.
 */
import type { Writable } from 'node:stream'

/** Pieces are gathered up to this many characters before one write (the core's JSON_CHUNK_CHARACTERS). */
const CHUNK_CHARACTERS = 64 * 1024

class ChunkedOutput {
  private pending = ''

  constructor(private readonly out: Writable) {}

  async push(text: string): Promise<void> {
    this.pending += text
    if (this.pending.length >= CHUNK_CHARACTERS) await this.flush()
  }

  /** Writes what is gathered; waits for 'drain' when the output says it is full, and fails when it fails. */
  async flush(): Promise<void> {
    this.throwIfBroken()
    const chunk = this.pending
    this.pending = ''
    if (chunk && !this.out.write(chunk)) await this.drained()
    this.throwIfBroken()
  }

  /** Flushes and resolves once every chunk has been handed to the output (the last write's callback). */
  async finish(): Promise<void> {
    await this.flush()
    this.throwIfBroken()
    await new Promise<void>((resolve, reject) => this.out.write('', (error) => (error ? reject(error) : resolve())))
  }

  private throwIfBroken(): void {
    if (this.out.errored) throw this.out.errored
    if (this.out.destroyed || this.out.writableEnded) throw new Error('The output was closed before the report was written')
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        this.out.off('drain', onDrain).off('error', onError).off('close', onClose)
        if (error) reject(error)
        else resolve()
      }
      const onDrain = () => settle()
      const onError = (error: Error) => settle(error)
      const onClose = () => settle(this.out.errored ?? new Error('The output was closed before the report was written'))
      this.out.on('drain', onDrain).on('error', onError).on('close', onClose)
    })
  }
}

/** Writes `value` as JSON followed by a newline, in chunks, and resolves once all of it is handed to `out`. */
export async function writeJson(out: Writable, value: unknown): Promise<void> {
  // Loaded here, not at the top: run.ts starts the side workers before the core loads on the main thread.
  const { jsonPieces } = await import('../core/index')
  const output = new ChunkedOutput(out)
  // An output error (EPIPE when the reader goes away) is read from `out.errored` at the next write and
  // rejects this call; without a listener, the 'error' event itself would end the process.
  const ignore = () => {}
  out.on('error', ignore)
  try {
    for (const piece of jsonPieces(value)) await output.push(piece)
    await output.finish()
  } finally {
    out.off('error', ignore)
  }
}
