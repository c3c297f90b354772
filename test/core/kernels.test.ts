/**
 * The kernels are passed in, never imported by the core (issue 9, brief K): nothing under src/core imports a
 * node: module, Web Crypto is called only by the defaults in kernels.ts, and fflate is imported only there, by the
 * warm-up (which writes a zip, it reads nothing) and by gunzip.ts (its member-by-member gzip decoder, whose member
 * log no platform decoder gives). And the defaults keep their contract: at most one byte past the declared size.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { DEFAULT_KERNELS, resolveKernels } from '../../src/core/kernels'

const CORE = join(import.meta.dirname, '../../src/core')

function sourceFiles(dir: string): string[] {
  const files: string[] = []
  // A work list, not recursion: the tree's depth is small, but the rule is the project's.
  for (const pending = [dir]; pending.length > 0; ) {
    const at = pending.pop()!
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.isDirectory()) pending.push(join(at, entry.name))
      else if (/\.tsx?$/.test(entry.name)) files.push(join(at, entry.name))
    }
  }
  return files.sort()
}

/** Code without its comments (a comment may name crypto.subtle to say why it is not called). */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')

const filesMatching = (pattern: RegExp) => sourceFiles(CORE).filter((file) => pattern.test(code(file))).map((file) => relative(CORE, file))

describe('src/core takes its kernels from the caller', () => {
  it('imports no node: module', () => {
    expect(filesMatching(/(from|import|require)\s*\(?\s*['"]node:/)).toEqual([])
  })
  it('calls Web Crypto only in the default kernels', () => {
    expect(filesMatching(/crypto\s*\.\s*subtle/)).toEqual(['kernels.ts'])
  })
  it('imports fflate only for the default kernels, the warm-up zip and the member-by-member gzip decoder', () => {
    expect(filesMatching(/from\s+['"]fflate['"]/)).toEqual(['archive/gunzip.ts', 'kernels.ts', 'warm-up.ts'])
  })
})

describe('the default kernels', () => {
  const data = new TextEncoder().encode('abcdefgh'.repeat(625))
  const deflated = deflateSync(data)
  it('inflate to the declared size, and say when a stream runs past it (one spare byte, or null)', async () => {
    expect(await DEFAULT_KERNELS.inflateRaw(deflated, data.length, Infinity)).toEqual(data)
    const past = await DEFAULT_KERNELS.inflateRaw(deflated, 1000, Infinity)
    expect(past === null || past.length === 1001).toBe(true)
    // DecompressionStream from the threshold on: the same answers.
    expect(await DEFAULT_KERNELS.inflateRaw(deflated, data.length, 1)).toEqual(data)
    expect(await DEFAULT_KERNELS.inflateRaw(deflated, 1000, 1)).toBeNull()
  })
  it('answer alike through DecompressionStream and fflate for bytes after the stream\'s end and for corrupt data', async () => {
    // DecompressionStream refuses bytes after the deflate stream; fflate and zlib (the CLI's) read past them.
    const junkAfter = new Uint8Array([...deflated, ...new TextEncoder().encode('junk after the end')])
    expect(await DEFAULT_KERNELS.inflateRaw(junkAfter, data.length, Infinity)).toEqual(data)
    expect(await DEFAULT_KERNELS.inflateRaw(junkAfter, data.length, 1)).toEqual(data)
    const corrupt = Uint8Array.of(0xff, 0xff, 0xff, 0xff)
    const fflateError = await Promise.resolve().then(() => DEFAULT_KERNELS.inflateRaw(corrupt, 10, Infinity)).catch((thrown: Error) => thrown.message)
    const streamError = await Promise.resolve().then(() => DEFAULT_KERNELS.inflateRaw(corrupt, 10, 1)).catch((thrown: Error) => thrown.message)
    expect(typeof fflateError).toBe('string')
    expect(streamError).toBe(fflateError)
  })
  it('continue a CRC-32 from a running value, and hash small and large inputs alike', async () => {
    const whole = DEFAULT_KERNELS.crc32(data, 0)
    expect(DEFAULT_KERNELS.crc32(data.subarray(100), DEFAULT_KERNELS.crc32(data.subarray(0, 100), 0))).toBe(whole)
    const incremental = DEFAULT_KERNELS.createSha256()
    incremental.update(data.subarray(0, 7))
    incremental.update(data.subarray(7))
    expect(await DEFAULT_KERNELS.sha256(data)).toBe(incremental.digestHex())
    expect(await DEFAULT_KERNELS.sha256(data.subarray(0, 10))).toBe(await DEFAULT_KERNELS.sha256(data.slice(0, 10)))
  })
  it('are replaced one by one by the caller\'s', () => {
    const crc32 = () => 7
    expect(resolveKernels({ crc32 }).crc32).toBe(crc32)
    expect(resolveKernels({ crc32 }).sha256).toBe(DEFAULT_KERNELS.sha256)
    expect(resolveKernels()).toBe(DEFAULT_KERNELS)
  })
})
