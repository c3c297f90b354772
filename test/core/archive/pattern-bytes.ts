/** Test data for the chunk-digest and range tests. */

/** Bytes that deflate a little but differ everywhere (a counter mixed into a pattern). */
export function patternBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  let state = seed
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0
    bytes[i] = i % 7 === 0 ? state >>> 24 : (i >> 3) & 0xff
  }
  return bytes
}
