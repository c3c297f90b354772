/**
 * The report as JSON text, in pieces: the bytes of the CLI's `--json` (src/cli/json-stream.ts writes these
 * pieces with backpressure) and of the page's JSON export, so both give the same bytes for the same pair.
 * Compact JSON with each top-level array (members, findings, archive) one element per line: RFC 8259 allows a
 * newline between values, so it is one valid JSON text, equal once parsed to `JSON.parse(JSON.stringify(value))`.
 * Never one string for the whole report: a 500,000-member report is longer than the longest string V8 can make
 * (2^29 - 24 characters; docs/performance.md, "The CLI").
 */

/** Pieces are gathered up to this many characters per chunk: one write or Blob part per member would cost more than the JSON. */
export const JSON_CHUNK_CHARACTERS = 64 * 1024

/** What JSON.stringify writes for a value; undefined for values it leaves out (undefined, functions, symbols). */
const encode = (value: unknown): string | undefined => JSON.stringify(value)

/** An array one element per line; JSON.stringify writes a left-out element (undefined) as null. */
function* arrayPieces(list: readonly unknown[]): Generator<string> {
  if (list.length === 0) return yield '[]'
  yield '['
  for (let i = 0; i < list.length; i++) yield `${i === 0 ? '\n' : ',\n'}${encode(list[i]) ?? 'null'}`
  yield '\n]'
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function'

/** A plain object key by key, in its own key order, its arrays one element per line; keys JSON.stringify leaves out are left out. */
function* objectPieces(object: Record<string, unknown>): Generator<string> {
  let first = true
  yield '{'
  for (const key of Object.keys(object)) {
    const value = object[key]
    const isArray = Array.isArray(value)
    const text = isArray ? '' : encode(value)
    if (!isArray && text === undefined) continue
    yield `${first ? '' : ','}${encode(key)}:`
    first = false
    if (isArray) yield* arrayPieces(value)
    else yield text!
  }
  yield '}'
}

/** `value` as JSON followed by a newline, piece by piece (a piece is at most one array element or one key's value). */
export function* jsonPieces(value: unknown): Generator<string> {
  if (Array.isArray(value)) yield* arrayPieces(value)
  else if (isPlainObject(value)) yield* objectPieces(value)
  else yield encode(value) ?? 'null'
  yield '\n'
}

/** The same text gathered into chunks of at least `size` characters (the last may be shorter). */
export function* jsonChunks(value: unknown, size = JSON_CHUNK_CHARACTERS): Generator<string> {
  let pending = ''
  for (const piece of jsonPieces(value)) {
    pending += piece
    if (pending.length >= size) {
      yield pending
      pending = ''
    }
  }
  if (pending) yield pending
}
