/**
 * The page's incremental SHA-256: hash-wasm's (WebAssembly), for what is hashed in pieces because no Web Crypto
 * call can take it whole (files and members of 256 MiB and more, kernels.ts `createSha256`). In a Chromium worker
 * here it hashes 326 MB/s against 179 MB/s for the core's JavaScript one (1 MiB updates, 256 MiB; docs/performance.md),
 * and on the 1 GB wheel pair the JavaScript compression function was 24 s of a worker's 59 s.
 *
 * Making a hasher is asynchronous (the module is instantiated), while the kernel must answer at once: a few are
 * made ahead, handed out and taken back after their digest; when none is ready the core's own hasher answers, so
 * a digest never waits and never differs (both are FIPS 180-4 SHA-256; test/worker/wasm-sha256.test.ts).
 */
import { createSHA256, type IHasher } from 'hash-wasm'
import type { Kernels, Sha256Hasher } from '../core/kernels'

/** Hashers made ahead: the reading's own streams (a large member, the whole file, bytes outside members) at once. */
const READY = 4
const ready: IHasher[] = []
let making: Promise<void> | null = null

/** Makes hashers until READY are waiting; safe to call often. A failure only leaves the JavaScript hasher in use. */
export function prepareWasmSha256(): Promise<void> {
  making ??= (async () => {
    while (ready.length < READY) ready.push(await createSHA256())
  })().finally(() => {
    making = null
  })
  return making
}

/** The kernel: a WebAssembly hasher when one is ready, else `fallback()` (the core's). */
export function wasmSha256Kernel(fallback: Kernels['createSha256']): Kernels['createSha256'] {
  return (): Sha256Hasher => {
    const hasher = ready.pop()
    if (ready.length < READY) void prepareWasmSha256().catch(() => undefined)
    if (!hasher) return fallback()
    hasher.init()
    return {
      update: (bytes) => void hasher.update(bytes),
      digestHex: () => {
        const hex = hasher.digest('hex')
        if (ready.length < READY) ready.push(hasher)
        return hex
      },
    }
  }
}
