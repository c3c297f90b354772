/**
 * Digests a side is checked against: SHA-256 in hex (what the Python index publishes, `sha256sum` prints and a
 * user pastes, optionally written `sha256:<hex>`), or a Subresource Integrity string (W3C SRI: `sha256-<base64>`,
 * `sha384-…`, `sha512-<base64>`, what npm's `dist.integrity` holds; several may be given, space-separated).
 * SHA-256 streams through the kernels' incremental hash, so a file of any size is checked in bounded memory.
 * SHA-384/512 go through a whole-buffer digest the caller passes in (the page: Web Crypto, the CLI: node:crypto;
 * the core calls no platform API itself): files above MAX_ONE_BUFFER_DIGEST_BYTES are not checked, and the error
 * names that limit.
 */
import { fail } from '../errors'
import { resolveKernels, type Kernels } from '../kernels'
import { formatBytes } from '../limits'
import { toHex } from '../util/bytes'
import { sha256OfBlob } from '../util/hash'

/** Web Crypto digests one ArrayBuffer; above this the page would need a second copy of a huge file in memory. */
export const MAX_ONE_BUFFER_DIGEST_BYTES = 1024 ** 3

export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512'

/** SHA-384 or SHA-512 of bytes held whole, in lowercase hex (Web Crypto's `digest` in the page). */
export type WholeDigest = (algorithm: 'sha384' | 'sha512', bytes: Uint8Array) => Promise<string> | string

/** What hashing runs on: the kernels' SHA-256, the caller's whole-buffer digest, a signal to stop. */
export interface DigestUsing {
  kernels?: Partial<Kernels>
  wholeDigest?: WholeDigest
  signal?: AbortSignal
}
const SRI_LENGTHS: Record<DigestAlgorithm, number> = { sha256: 32, sha384: 48, sha512: 64 }

/** One expected digest, as lowercase hex of the raw bytes whatever way it was written. */
export interface ExpectedDigest {
  algorithm: DigestAlgorithm
  hex: string
  /** As the user or the index wrote it. */
  text: string
}

function base64ToHex(base64: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null
  try {
    return toHex(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)))
  } catch {
    return null
  }
}

function parseOne(token: string): ExpectedDigest | null {
  const hex = /^(?:sha256:)?([0-9a-f]{64})$/i.exec(token)
  if (hex) return { algorithm: 'sha256', hex: hex[1].toLowerCase(), text: token }
  // SRI: "<algorithm>-<base64>" with optional "?options" (W3C SRI 3.5), which carry nothing to check.
  const sri = /^(sha256|sha384|sha512)-([^?\s]+)(?:\?\S*)?$/i.exec(token)
  if (!sri) return null
  const algorithm = sri[1].toLowerCase() as DigestAlgorithm
  const raw = base64ToHex(sri[2])
  return raw && raw.length === SRI_LENGTHS[algorithm] * 2 ? { algorithm, hex: raw, text: token } : null
}

/**
 * The digests in `text`, or null when it is none (a typo, a truncated paste). An SRI list keeps only its
 * strongest algorithm's entries, as SRI's "get the strongest metadata" does.
 */
export function parseDigest(text: string): ExpectedDigest[] | null {
  const tokens = text.trim().split(/\s+/).filter(Boolean)
  if (tokens.length === 0) return null
  const digests: ExpectedDigest[] = []
  for (const token of tokens) {
    const digest = parseOne(token)
    if (!digest) return null
    digests.push(digest)
  }
  const rank = (d: ExpectedDigest) => SRI_LENGTHS[d.algorithm]
  let strongest = 0
  for (const digest of digests) strongest = Math.max(strongest, rank(digest))
  return digests.filter((digest) => rank(digest) === strongest)
}

/** The file's digest with one algorithm, in hex. */
export async function digestOfBlob(blob: Blob, algorithm: DigestAlgorithm, using: DigestUsing = {}): Promise<string> {
  if (algorithm === 'sha256') return sha256OfBlob(blob, using.signal, resolveKernels(using.kernels))
  if (blob.size > MAX_ONE_BUFFER_DIGEST_BYTES) {
    fail('LIMIT_EXCEEDED', `A ${algorithm} digest is computed in one buffer (Web Crypto); this file (${formatBytes(blob.size)}) is over that limit (MAX_ONE_BUFFER_DIGEST_BYTES, ${formatBytes(MAX_ONE_BUFFER_DIGEST_BYTES)}), so it was not checked`)
  }
  if (!using.wholeDigest) fail('READ_FAILED', `No ${algorithm} digest function was given, so the ${algorithm} digest could not be checked`)
  const bytes = new Uint8Array(await blob.arrayBuffer())
  using.signal?.throwIfAborted()
  return (await using.wholeDigest(algorithm as 'sha384' | 'sha512', bytes)).toLowerCase()
}

/** Hashes with each algorithm once; `known` holds digests already computed (the SHA-256 of a download). */
export async function checkDigests(blob: Blob, expected: ExpectedDigest[], known: Partial<Record<DigestAlgorithm, string>> = {}, using: DigestUsing = {}): Promise<{ ok: boolean; actual: Partial<Record<DigestAlgorithm, string>> }> {
  const actual = { ...known }
  for (const digest of expected) actual[digest.algorithm] ??= await digestOfBlob(blob, digest.algorithm, using)
  // SRI: the file matches when any one of the strongest entries matches.
  return { ok: expected.some((digest) => actual[digest.algorithm] === digest.hex), actual }
}
