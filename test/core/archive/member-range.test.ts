/**
 * Issue 8, hex view, item 3: readMemberRange gives the bytes of a member's range. Bytes stored as they are
 * (stored zip member, uncompressed tar, ar, plain file) are one slice of the range, the rest never read;
 * compressed members are decoded from the start, only the window kept, with progress; cancel stops it.
 */
import { describe, expect, it } from 'vitest'
import { readMemberRange } from '../../../src/core/archive/member-range'
import { readArtifact } from '../../../src/core/index'
import { buildTar, buildZip, gzip } from './build-archives'
import { buildAr } from './build-ar'
import { patternBytes } from './pattern-bytes'

const MiB = 1024 * 1024
const DATA = patternBytes(6 * MiB + 777, 3)

/** A Blob that counts the bytes read through it (slices of slices count too). */
class CountingBlob extends Blob {
  constructor(private readonly inner: Blob, private readonly counter: { bytes: number }) {
    super([])
  }
  override get size() {
    return this.inner.size
  }
  override slice(start?: number, end?: number): Blob {
    return new CountingBlob(this.inner.slice(start, end), this.counter)
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    this.counter.bytes += this.inner.size
    return this.inner.arrayBuffer()
  }
  override stream() {
    const counter = this.counter
    return this.inner.stream().pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        counter.bytes += chunk.length
        controller.enqueue(chunk)
      },
    })) as ReturnType<Blob['stream']>
  }
}

async function rangeOf(name: string, bytes: Uint8Array<ArrayBuffer>, path: string, start: number, length: number, platformInflate = false) {
  const source = { name, blob: new Blob([bytes]) }
  const reading = await readArtifact(source)
  const index = reading.members.findIndex((member) => member.path === path)
  expect(index).toBeGreaterThanOrEqual(0)
  const counter = { bytes: 0 }
  const progress: number[] = []
  const range = await readMemberRange({ name, blob: new CountingBlob(source.blob, counter) }, reading, index, start, length, [], { onProgress: (p) => progress.push(p.bytesDecoded), platformInflate })
  return { range, read: counter.bytes, progress, reading, source, index }
}

const START = 5 * MiB + 100
const LENGTH = 64 * 1024
const expected = DATA.slice(START, START + LENGTH)

describe('readMemberRange, slices', () => {
  it.each([
    ['stored zip member', 'a.zip', () => buildZip([{ name: 'big.bin', data: DATA }]), 'big.bin'],
    ['uncompressed tar member', 'a.tar', () => buildTar([{ name: 'big.bin', data: DATA }]), 'big.bin'],
    ['ar member', 'a.a', () => buildAr([{ name: 'big.o', data: DATA }]), 'big.o'],
    ['plain file', 'big.so', () => DATA, 'big.so'],
  ])('%s: the range equals the slice, and the rest of the member is not read', async (_label, name, build, path) => {
    const { range, read } = await rangeOf(name, build(), path, START, LENGTH)
    expect(range.sliced).toBe(true)
    expect(range.size).toBe(DATA.length)
    expect(range.bytes).toEqual(expected)
    // The window plus a local header at most: nowhere near the 6 MiB member.
    expect(read).toBeLessThanOrEqual(LENGTH + 4096)
  })

  it('clamps the window at the member end', async () => {
    const { range } = await rangeOf('a.zip', buildZip([{ name: 'big.bin', data: DATA }]), 'big.bin', DATA.length - 10, LENGTH)
    expect(range.bytes).toEqual(DATA.slice(DATA.length - 10))
  })
})

describe('readMemberRange, compressed members', () => {
  it.each([
    ['deflated zip member', 'a.zip', () => buildZip([{ name: 'big.bin', data: DATA, deflate: true }]), 'big.bin'],
    ['member of a tar.gz', 'a.tar.gz', () => gzip(buildTar([{ name: 'small.txt', data: 'x' }, { name: 'big.bin', data: DATA }])), 'big.bin'],
    ['single gzip-compressed file', 'big.bin.gz', () => gzip(DATA), 'big.bin'],
  ])('%s: the range equals the slice of the whole, decoded from the start with progress', async (_label, name, build, path) => {
    const { range, progress } = await rangeOf(name, build(), path, START, LENGTH)
    expect(range.sliced).toBe(false)
    expect(range.bytes).toEqual(expected)
    expect(progress.length).toBeGreaterThan(0)
    expect(Math.max(...progress)).toBeLessThanOrEqual(START + LENGTH)
  })

  it('a deflated member through the platform decoder (as the worker reads it): the same bytes', async () => {
    const { range } = await rangeOf('a.zip', buildZip([{ name: 'big.bin', data: DATA, deflate: true }]), 'big.bin', START, LENGTH, true)
    expect(range.bytes).toEqual(expected)
  })

  it('a deflated member: decoding stops once the window is full (the compressed tail is not read)', async () => {
    const zip = buildZip([{ name: 'big.bin', data: DATA, deflate: true }])
    const { read } = await rangeOf('a.zip', zip, 'big.bin', 0, 1024)
    expect(read).toBeLessThan(zip.length / 2)
  })

  it('cancel stops it with CANCELLED', async () => {
    const source = { name: 'a.zip', blob: new Blob([buildZip([{ name: 'big.bin', data: DATA, deflate: true }])]) }
    const reading = await readArtifact(source)
    const controller = new AbortController()
    controller.abort()
    await expect(readMemberRange(source, reading, 0, START, LENGTH, [], { signal: controller.signal })).rejects.toMatchObject({ error: { code: 'CANCELLED' } })
  })

  it('a nested member goes through its container', async () => {
    const inner = buildZip([{ name: 'big.bin', data: DATA, deflate: true }])
    const source = { name: 'outer.tar', blob: new Blob([buildTar([{ name: 'pkg/inner.zip', data: inner }])]) }
    const reading = await readArtifact(source)
    expect(reading.nested?.[0]?.members[0]?.path).toBe('big.bin')
    const range = await readMemberRange(source, reading, 0, START, LENGTH, [0])
    expect(range.bytes).toEqual(expected)
  })
})
