/**
 * `--json` written as a stream: the report goes out in chunks of about 64 KiB, each top-level array (members,
 * findings, archive) one element per line, waiting for the output to drain (backpressure). Never one string
 * for the whole report: a 500,000-member report is larger than the longest string V8 can make (2^29 - 24
 * characters), and `JSON.stringify(report, null, 2)` of 50,000 members alone took about half of the CLI's 1.1 GB
 * (measured for issue 9; docs/performance.md, "The CLI"). The text is compact JSON (RFC 8259: a newline between values is
 * whitespace, so it is still one valid JSON text), equal once parsed to `JSON.parse(JSON.stringify(value))`.
 */
import type { Writable } from 'node:stream'

/** Pieces are gathered up to this many characters before one write: one write per member would cost more than the JSON. */
const CHUNK_CHARACTERS = 64 * 1024

/** What JSON.stringify writes for a value; undefined for values it leaves out (undefined, functions, symbols). */
const encode = (value: unknown): string | undefined => JSON.stringify(value)

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

/** An array one element per line; JSON.stringify writes a left-out element (undefined) as null. */
async function writeArray(output: ChunkedOutput, list: readonly unknown[]): Promise<void> {
  if (list.length === 0) return output.push('[]')
  await output.push('[')
  for (let i = 0; i < list.length; i++) await output.push(`${i === 0 ? '\n' : ',\n'}${encode(list[i]) ?? 'null'}`)
  await output.push('\n]')
}

/** A plain object key by key, in its own key order, streaming its arrays; keys JSON.stringify leaves out are left out. */
async function writeObject(output: ChunkedOutput, object: Record<string, unknown>): Promise<void> {
  let first = true
  await output.push('{')
  for (const key of Object.keys(object)) {
    const value = object[key]
    const isArray = Array.isArray(value)
    const text = isArray ? '' : encode(value)
    if (!isArray && text === undefined) continue
    await output.push(`${first ? '' : ','}${encode(key)}:`)
    first = false
    if (isArray) await writeArray(output, value)
    else await output.push(text!)
  }
  await output.push('}')
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function'

/** Writes `value` as JSON followed by a newline, in chunks, and resolves once all of it is handed to `out`. */
export async function writeJson(out: Writable, value: unknown): Promise<void> {
  const output = new ChunkedOutput(out)
  // An output error (EPIPE when the reader goes away) is read from `out.errored` at the next write and
  // rejects this call; without a listener, the 'error' event itself would end the process.
  const ignore = () => {}
  out.on('error', ignore)
  try {
    if (Array.isArray(value)) await writeArray(output, value)
    else if (isPlainObject(value)) await writeObject(output, value)
    else await output.push(encode(value) ?? 'null')
    await output.push('\n')
    await output.finish()
  } finally {
    out.off('error', ignore)
  }
}
