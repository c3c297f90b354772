import { describe, expect, it } from 'vitest'
import { lazyPair } from '../../../src/core/archive/decompressors'

/** A pair that doubles every byte, standing in for a decoder module loaded on first use. */
function doubling(): ReadableWritablePair<Uint8Array, Uint8Array> {
  return new TransformStream<Uint8Array, Uint8Array>({ transform: (chunk, controller) => controller.enqueue(chunk.map((byte) => byte * 2)) })
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<number[]> {
  const out: number[] = []
  const reader = stream.getReader()
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return out
    for (const byte of value) out.push(byte)
  }
}

describe('lazyPair (decoders loaded on first use)', () => {
  it('loads the decoder only when its output is first read, then passes everything through it', async () => {
    let loads = 0
    const pair = lazyPair(async () => {
      loads++
      return doubling()
    })
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2]))
        controller.enqueue(new Uint8Array([3]))
        controller.close()
      },
    })
    const output = source.pipeThrough(pair)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(loads).toBe(0)
    expect(await readAll(output)).toEqual([2, 4, 6])
    expect(loads).toBe(1)
  })

  it('fails the stream with the loader\'s error and stops reading its input', async () => {
    let cancelled: unknown = null
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(16)),
      cancel: (reason) => {
        cancelled = reason
      },
    })
    const failure = new Error('decoder chunk not loaded')
    const output = source.pipeThrough(lazyPair(async () => Promise.reject(failure)))
    await expect(readAll(output)).rejects.toBe(failure)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(cancelled).toBe(failure)
  })
})
