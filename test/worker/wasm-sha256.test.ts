/** The page's WebAssembly SHA-256 kernel (worker/wasm-sha256.ts) gives the core's digests, ready or not, many at once. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_KERNELS } from '../../src/core/reading'
import { prepareWasmSha256, wasmSha256Kernel } from '../../src/worker/wasm-sha256'

const data = Uint8Array.from({ length: 3_000_001 }, (_, i) => (i * 2654435761) >>> 24)
const expected = createHash('sha256').update(data).digest('hex')

/** Feeds `data` in uneven pieces (1 byte up to about 1 MiB). */
function hashInPieces(hasher: { update(bytes: Uint8Array): void; digestHex(): string }): string {
  for (let at = 0, i = 0; at < data.length; i++) {
    const length = Math.min(data.length - at, 1 + ((i * 7919) % 1_048_576))
    hasher.update(data.subarray(at, at + length))
    at += length
  }
  return hasher.digestHex()
}

describe('wasmSha256Kernel', () => {
  it('answers with the fallback before the WebAssembly hashers are made, with the same digest', () => {
    let fallbacks = 0
    const kernel = wasmSha256Kernel(() => (fallbacks++, DEFAULT_KERNELS.createSha256()))
    expect(hashInPieces(kernel())).toBe(expected)
    expect(fallbacks).toBe(1)
  })

  it('hashes with WebAssembly once ready: many hashers at once and hashers handed out again all give the right digest', async () => {
    await prepareWasmSha256()
    let fallbacks = 0
    const kernel = wasmSha256Kernel(() => (fallbacks++, DEFAULT_KERNELS.createSha256()))
    const first = kernel()
    expect(hashInPieces(first)).toBe(expected)
    expect(fallbacks).toBe(0)
    // Six at once, interleaved: more than are made ahead, so some are the fallback, and none shares state.
    const many = Array.from({ length: 6 }, () => kernel())
    for (let at = 0; at < data.length; at += 65_536) for (const hasher of many) hasher.update(data.subarray(at, at + 65_536))
    expect(many.map((hasher) => hasher.digestHex())).toEqual(Array(6).fill(expected))
    expect(fallbacks).toBeGreaterThan(0)
    // A hasher taken back after its digest starts from nothing when handed out again.
    const again = kernel()
    again.update(new TextEncoder().encode('abc'))
    expect(again.digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
