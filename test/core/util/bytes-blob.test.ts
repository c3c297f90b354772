import { describe, expect, it } from 'vitest'
import { BytesBlob } from '../../../src/core/util/bytes-blob'

const BYTES = new Uint8Array(3_000_001)
for (let i = 0; i < BYTES.length; i++) BYTES[i] = (i * 31 + 7) & 0xff

/** Byte equality through Buffer.equals: toEqual walks a 3 MB array element by element. */
const expectSame = (a: Uint8Array, b: Uint8Array) => expect(Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length))).toBe(true)

async function streamed(blob: Blob): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  const reader = blob.stream().getReader()
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value)
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) (out.set(part, at), (at += part.length))
  return out
}

describe('BytesBlob answers as a Blob over the same bytes does', () => {
  const real = new Blob([BYTES])
  const ours = new BytesBlob(BYTES)
  const slices: [number | undefined, number | undefined][] = [
    [undefined, undefined], [0, 10], [10, 0], [-5, undefined], [-5, -2], [2_999_990, 4_000_000], [-4_000_000, 3], [1_000_000, 2_500_000], [5, 5],
  ]
  it.each(slices)('slice(%s, %s): same size, bytes and stream', async (start, end) => {
    const a = real.slice(start, end)
    const b = ours.slice(start, end)
    expect(b.size).toBe(a.size)
    expectSame(new Uint8Array(await b.arrayBuffer()), new Uint8Array(await a.arrayBuffer()))
    expectSame(await streamed(b), await streamed(a))
  })

  it('slices of slices resolve against the inner slice', async () => {
    const a = real.slice(100, 200).slice(-10, -1)
    const b = ours.slice(100, 200).slice(-10, -1)
    expect(new Uint8Array(await b.arrayBuffer())).toEqual(new Uint8Array(await a.arrayBuffer()))
  })

  it('hands out copies: changing what it returned leaves its bytes as they were', async () => {
    const held = Uint8Array.of(1, 2, 3)
    const blob = new BytesBlob(held)
    const copy = new Uint8Array(await blob.arrayBuffer())
    copy[0] = 99
    const piece = await streamed(blob)
    piece[1] = 98
    expect(held).toEqual(Uint8Array.of(1, 2, 3))
    expect(new Uint8Array(await blob.slice(0, 2).arrayBuffer())).toEqual(Uint8Array.of(1, 2))
  })

  it('text() decodes as UTF-8, as a Blob does', async () => {
    const utf8 = new TextEncoder().encode('grüße \u{1F600}')
    expect(await new BytesBlob(utf8).text()).toBe(await new Blob([utf8]).text())
  })
})
