import { describe, expect, it } from 'vitest'
import { CoreFailure } from '../../../src/core/errors'
import { StreamReader } from '../../../src/core/util/stream-reader'

function streamOf(chunks: number[][]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk))
      controller.close()
    },
  })
}

describe('StreamReader', () => {
  it('reads exact lengths across chunk boundaries and tracks the position', async () => {
    const reader = new StreamReader(streamOf([[1, 2], [3], [4, 5, 6]]))
    expect([...(await reader.readExact(3, 'x'))]).toEqual([1, 2, 3])
    expect(reader.position).toBe(3)
    expect([...(await reader.peek(2))]).toEqual([4, 5])
    await reader.skip(1, 'x')
    expect([...(await reader.readUpTo(10))]).toEqual([5, 6])
    expect(reader.position).toBe(6)
  })
  it('fails with TRUNCATED, naming the offset, when the stream ends early', async () => {
    const reader = new StreamReader(streamOf([[1, 2, 3]]))
    await reader.skip(1, 'x')
    const error = await reader.readExact(5, 'a member').then(() => null, (thrown: CoreFailure) => thrown.error)
    expect(error).toMatchObject({ code: 'TRUNCATED', offset: 1 })
    expect(error?.message).toMatch(/inside a member/)
  })
  it('drains and counts what is left', async () => {
    const reader = new StreamReader(streamOf([[1, 2], [3, 4]]))
    await reader.readExact(1, 'x')
    expect(await reader.drain()).toBe(3)
    expect(reader.position).toBe(4)
  })
})
