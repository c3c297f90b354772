/**
 * openFileBlob (src/cli/file-blob.ts) answers every call the core makes of a Blob as `openAsBlob` does for the
 * same file, rejects instead of returning short bytes when the file shrinks under it, and gives `readArtifact`
 * the same reading (issue 9, brief i9-fileblob).
 */
import { mkdtempSync, openAsBlob, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openFileBlob, type FileBlob } from '../../src/cli/file-blob'
import { readArtifact } from '../../src/core/index'
import { buildZip } from '../core/archive/build-archives'

const directory = mkdtempSync(join(tmpdir(), 'file-blob-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

/** 3 MiB plus one byte of varied bytes, so no two 1 MiB stream pieces are alike and the last one is short. */
const VARIED = new Uint8Array(3 * 1024 * 1024 + 1)
for (let i = 0; i < VARIED.length; i++) VARIED[i] = (i * 31 + (i >>> 11) * 7 + 3) & 0xff

function written(name: string, bytes: Uint8Array): string {
  const path = join(directory, name)
  writeFileSync(path, bytes)
  return path
}

/** Byte equality through Buffer.equals: toEqual walks a 3 MB array element by element. */
const expectSame = (a: Uint8Array, b: Uint8Array) => {
  expect(a.length).toBe(b.length)
  expect(Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length))).toBe(true)
}

async function streamed(blob: Blob): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  const reader = blob.stream().getReader()
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value)
  return Buffer.concat(parts)
}

/** Every answer of `ours` equals the one of `real`: size, type, arrayBuffer, bytes, text and the stream. */
async function expectSameAnswers(ours: Blob, real: Blob): Promise<void> {
  expect(ours.size).toBe(real.size)
  expect(ours.type).toBe(real.type)
  const buffer = await ours.arrayBuffer()
  // A buffer of exactly the slice's length: nothing of the file outside the slice rides along.
  expect(buffer.byteLength).toBe(real.size)
  expectSame(new Uint8Array(buffer), new Uint8Array(await real.arrayBuffer()))
  expectSame(await ours.bytes(), await real.bytes())
  expect(await ours.text()).toBe(await real.text())
  expectSame(await streamed(ours), await streamed(real))
}

describe('openFileBlob answers as openAsBlob does for the same file', () => {
  const path = written('varied.bin', VARIED)
  const opened: FileBlob[] = []
  afterAll(() => opened.forEach((blob) => blob.close()))
  const ours = () => (opened.push(openFileBlob(path)), opened[opened.length - 1])

  it('the whole file', async () => {
    await expectSameAnswers(ours(), await openAsBlob(path))
  })

  const size = VARIED.length
  const slices: [number | undefined, number | undefined][] = [
    [undefined, undefined], [0, 10], [10, 0], [-5, undefined], [-5, -2], [size - 10, size + 1_000_000],
    [-size - 1_000_000, 3], [1_000_000, 2_500_001], [5, 5], [size, undefined], [size + 7, size + 9], [1, -1],
    [1024 * 1024 - 1, 2 * 1024 * 1024 + 1], [-Infinity, Infinity], [Infinity, undefined],
  ]
  it.each(slices)('slice(%s, %s)', async (start, end) => {
    await expectSameAnswers(ours().slice(start, end), (await openAsBlob(path)).slice(start, end))
  })

  it('slices of slices resolve against the inner slice', async () => {
    const real = await openAsBlob(path)
    await expectSameAnswers(ours().slice(100, 2_000_000).slice(-1_500_000, -1).slice(7, 700_000), real.slice(100, 2_000_000).slice(-1_500_000, -1).slice(7, 700_000))
    await expectSameAnswers(ours().slice(-3_000).slice(-4_000, 2), real.slice(-3_000).slice(-4_000, 2))
  })

  it('slice() takes a content type as the File API does (lower case; empty when not printable ASCII)', async () => {
    const real = await openAsBlob(path)
    for (const type of ['Text/PLAIN', 'application/zip', 'a\u00e9', 'a\nb', '']) {
      expect(ours().slice(0, 3, type).type).toBe(real.slice(0, 3, type).type)
    }
    expect(ours().slice(0, 3, 'Text/Plain').slice(1).type).toBe('')
  })

  it('non-integer and NaN positions follow Web IDL [Clamp]: NaN is 0, fractions round half to even', async () => {
    // Node's own Blob aborts the process on these (node_blob.cc asserts IsUint32), so the expected bytes are spelled out.
    const blob = ours()
    expect(new Uint8Array(await blob.slice(1.5, 4.5).arrayBuffer())).toEqual(VARIED.slice(2, 4))
    expect(new Uint8Array(await blob.slice(2.5, 5.7).arrayBuffer())).toEqual(VARIED.slice(2, 6))
    expect(blob.slice(NaN, NaN).size).toBe(0)
    expect(blob.slice(NaN, 3).size).toBe(3)
    expect(blob.slice(-2.5).size).toBe(2)
  })

  it('hands out copies: changing one read leaves the next one as the file is', async () => {
    const blob = ours().slice(0, 16)
    const first = await blob.bytes()
    first.fill(0)
    expect(await blob.bytes()).toEqual(VARIED.slice(0, 16))
  })

  it('an empty file', async () => {
    const empty = written('empty.bin', new Uint8Array(0))
    const blob = openFileBlob(empty)
    opened.push(blob)
    await expectSameAnswers(blob, await openAsBlob(empty))
    await expectSameAnswers(blob.slice(-3, 5), (await openAsBlob(empty)).slice(-3, 5))
  })

  it('text() decodes UTF-8 as a Blob does', async () => {
    const utf8 = written('utf8.txt', new TextEncoder().encode('grüße \u{1F600} \xff'))
    const blob = openFileBlob(utf8)
    opened.push(blob)
    expect(await blob.text()).toBe(await (await openAsBlob(utf8)).text())
    expect(await blob.slice(0, 4).text()).toBe(await (await openAsBlob(utf8)).slice(0, 4).text())
  })
})

describe('a file that changes under the FileBlob makes reads fail loudly, never short', () => {
  it('truncated after opening: arrayBuffer, bytes, text and stream reject naming the path and offset', async () => {
    const path = written('shrinks.bin', VARIED)
    const blob = openFileBlob(path)
    try {
      truncateSync(path, 2_000_000)
      const pastTheEnd = blob.slice(1_500_000, 2_500_000)
      const failed = { error: { code: 'READ_FAILED', offset: 2_000_000, message: expect.stringContaining(path) } }
      await expect(pastTheEnd.arrayBuffer()).rejects.toMatchObject(failed)
      await expect(pastTheEnd.bytes()).rejects.toMatchObject(failed)
      await expect(pastTheEnd.text()).rejects.toMatchObject(failed)
      await expect(streamed(blob)).rejects.toMatchObject(failed)
      // The size it had at open stays the size it answers: the bytes still there read as before.
      expect(blob.size).toBe(VARIED.length)
      expectSame(await blob.slice(0, 2_000_000).bytes(), VARIED.subarray(0, 2_000_000))
    } finally {
      blob.close()
    }
  })

  it('after close(), every slice rejects its reads (and closing twice is harmless)', async () => {
    const blob = openFileBlob(written('closed.bin', VARIED))
    const piece = blob.slice(10, 20)
    blob.close()
    blob.close()
    await expect(piece.arrayBuffer()).rejects.toMatchObject({ error: { code: 'READ_FAILED', offset: 10 } })
  })

  it('a path that is not a regular file is refused at open', () => {
    expect(() => openFileBlob(directory)).toThrow(/not a regular file/)
  })
})

describe('readArtifact over a FileBlob', () => {
  it('gives the reading it gives over openAsBlob', async () => {
    const zip = buildZip([
      { name: 'pkg/__init__.py', data: 'print("hi")\n', deflate: true },
      { name: 'pkg/data.bin', data: VARIED.subarray(0, 200_000), deflate: true },
      { name: 'pkg/stored.bin', data: VARIED.subarray(5, 70_000) },
      { name: 'inner.zip', data: buildZip([{ name: 'a.txt', data: 'nested\n', deflate: true }]) },
      { name: 'pkg-1.0.dist-info/METADATA', data: 'Metadata-Version: 2.1\nName: pkg\n' },
    ])
    const path = written('artefact.zip', zip)
    const blob = openFileBlob(path)
    try {
      const ours = await readArtifact({ name: 'artefact.zip', blob })
      const real = await readArtifact({ name: 'artefact.zip', blob: await openAsBlob(path) })
      expect(ours.error).toBeUndefined()
      expect(ours.members.length).toBe(5)
      expect(ours).toEqual(real)
    } finally {
      blob.close()
    }
  })
})
