/**
 * Seeded mutations of archive bytes for fuzzing: bit flips, byte overwrites, truncations, and edits of the
 * length and offset fields readers trust most (zip header, data descriptor and end record sizes and offsets,
 * tar size fields, typeflags and link names, pax record values, gzip flags and header fields). A tar inside a
 * gzip is mutated inside and compressed again, so its structure is reached too.
 * The same seed always gives the same inputs, so a failure can be replayed.
 */
import { gunzipSync, gzipSync } from 'fflate'

/** mulberry32: a small, fast, seedable PRNG (public domain algorithm). */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Mutation = (bytes: Uint8Array, next: () => number) => Uint8Array

const pick = (next: () => number, n: number) => Math.floor(next() * n)

/** Offsets of every occurrence of a 4-byte little-endian signature. */
function signatureOffsets(bytes: Uint8Array, signature: number): number[] {
  const found: number[] = []
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (bytes[i] === (signature & 0xff) && bytes[i + 1] === ((signature >> 8) & 0xff) && bytes[i + 2] === ((signature >> 16) & 0xff) && bytes[i + 3] === signature >>> 24) found.push(i)
  }
  return found
}

/** Interesting 32-bit values: zero, all ones (zip64 marker), huge, just past the file, small. */
function interestingU32(next: () => number, length: number): number {
  const values = [0, 0xffffffff, 0x7fffffff, length, length + 1, length * 1000, 1, 0xfffe]
  return values[pick(next, values.length)]
}

function writeU32(bytes: Uint8Array, at: number, value: number): void {
  for (let i = 0; i < 4 && at + i < bytes.length; i++) bytes[at + i] = (value >>> (8 * i)) & 0xff
}

/** Field offsets within zip records (APPNOTE 4.3.7, 4.3.12, 4.3.16) that hold sizes, counts and offsets. */
const ZIP_FIELDS: [number, number[]][] = [
  [0x04034b50, [14, 18, 22, 26, 28]],
  [0x02014b50, [16, 20, 24, 28, 30, 32, 42]],
  [0x06054b50, [8, 10, 12, 16, 20]],
  [0x08074b50, [4, 8, 12]], // data descriptor: CRC-32, compressed and uncompressed sizes (APPNOTE 4.3.9)
  [0x06064b50, [24, 32, 40, 48]], // zip64 end record: counts, size and offset of the central directory
  [0x07064b50, [8, 16]], // zip64 end locator: offset of the zip64 end record, total disks
]

const ascii = new TextEncoder()

/** Offsets of every occurrence of an ASCII needle. */
function textOffsets(bytes: Uint8Array, needle: string): number[] {
  const pattern = ascii.encode(needle)
  const found: number[] = []
  for (let i = 0; i + pattern.length <= bytes.length; i++) {
    let j = 0
    while (j < pattern.length && bytes[i + j] === pattern[j]) j++
    if (j === pattern.length) found.push(i)
  }
  return found
}

/** Values a pax record should never hold, and some it legally may (POSIX pax: decimal, times may be signed and fractional). */
const PAX_VALUES = ['-1', '1.5', '0x10', '99999999999999999999', '', '-1.25', '1e9', '00', '+5']
const PAX_KEYS = [' size=', ' mtime=', ' uid=', ' gid=', ' path=', ' linkpath=', ' devmajor=', ' GNU.sparse.size=']
/** Link targets that leave an archive, alone or chained (`a -> .` then `a/b -> ../..`). */
const LINK_TARGETS = ['.', '..', '../..', '/etc', 'a/../..', '../../../../tmp', 'pkg-1.0']

/** Overwrites the value of one pax record in place (the record length stays, the value may be illegal). */
function mutatePaxValue(bytes: Uint8Array, next: () => number): Uint8Array {
  const out = bytes.slice()
  const key = PAX_KEYS[pick(next, PAX_KEYS.length)]
  const offsets = textOffsets(out, key)
  if (offsets.length === 0) return out
  const start = offsets[pick(next, offsets.length)] + key.length
  const end = out.indexOf(0x0a, start)
  if (end < 0) return out
  const value = ascii.encode(PAX_VALUES[pick(next, PAX_VALUES.length)].padEnd(end - start, '0').slice(0, end - start))
  out.set(value, start)
  return out
}

/** Turns one tar header into a symlink or hard link with a hostile or chained target. */
function mutateTarLink(bytes: Uint8Array, next: () => number): Uint8Array {
  const out = bytes.slice()
  const header = pick(next, Math.max(1, Math.floor(out.length / 512))) * 512
  if (header + 512 > out.length) return out
  out[header + 156] = ['2', '1', 'S', 'A', '7', '3', '6'][pick(next, 7)].charCodeAt(0)
  const target = ascii.encode(LINK_TARGETS[pick(next, LINK_TARGETS.length)])
  out.fill(0, header + 157, header + 257)
  out.set(target, header + 157)
  return out
}

/** gzip header fields of optional length (RFC 1952 2.3): XLEN, and an FNAME or FCOMMENT without its zero. */
function mutateGzipHeader(bytes: Uint8Array, next: () => number): Uint8Array {
  const out = bytes.slice()
  if (out[0] !== 0x1f || out.length < 12) return out
  if (next() < 0.5) {
    out[3] |= 0x04
    writeU16(out, 10, [0, 1, 0xffff, 6, out.length][pick(next, 5)])
  } else {
    const zero = out.indexOf(0, 10)
    if (zero > 0) out[zero] = 0x41
  }
  return out
}

function writeU16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff
  bytes[at + 1] = (value >>> 8) & 0xff
}

/** A gzip holding a tar: inflate (bounded), apply a structural mutation inside, compress again. */
function mutateInsideGzip(bytes: Uint8Array, next: () => number): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes.length > 4 * 1024 * 1024) return bytes
  let inner: Uint8Array
  try {
    inner = gunzipSync(bytes)
  } catch {
    return bytes
  }
  const structural = [mutatePaxValue, mutateTarLink, MUTATIONS[4], MUTATIONS[0]]
  return gzipSync(structural[pick(next, structural.length)](inner, next), { mtime: 0 })
}

const MUTATIONS: Mutation[] = [
  // Index 0 (bit flips) and 4 (tar size field) are reused inside gzip below; keep them first.
  (bytes, next) => {
    const out = bytes.slice()
    for (let n = 1 + pick(next, 8); n > 0; n--) out[pick(next, out.length)] ^= 1 << pick(next, 8)
    return out
  },
  (bytes, next) => {
    const out = bytes.slice()
    out[pick(next, out.length)] = [0, 0xff, 0x7f, 0x80][pick(next, 4)]
    return out
  },
  (bytes, next) => bytes.slice(0, pick(next, bytes.length)),
  (bytes, next) => {
    const out = bytes.slice()
    const [signature, fields] = ZIP_FIELDS[pick(next, ZIP_FIELDS.length)]
    const offsets = signatureOffsets(out, signature)
    if (offsets.length === 0) return out
    writeU32(out, offsets[pick(next, offsets.length)] + fields[pick(next, fields.length)], interestingU32(next, out.length))
    return out
  },
  (bytes, next) => {
    // A tar size field (offset 124 of a 512-byte header) set to a large octal number.
    const out = bytes.slice()
    const header = pick(next, Math.max(1, Math.floor(out.length / 512))) * 512
    const digits = ['77777777777', '00000001000', '7777777', '00000000000'][pick(next, 4)]
    for (let i = 0; i < digits.length && header + 124 + i < out.length; i++) out[header + 124 + i] = digits.charCodeAt(i)
    return out
  },
  (bytes, next) => {
    // gzip FLG with reserved or optional-field bits, and a random duplication of a slice.
    const out = bytes.slice()
    if (out[0] === 0x1f && out.length > 3) out[3] = pick(next, 256)
    return out
  },
  mutatePaxValue,
  mutateTarLink,
  mutateGzipHeader,
  (bytes, next) => mutateInsideGzip(bytes, next),
  (bytes, next) => {
    const start = pick(next, bytes.length)
    const piece = bytes.slice(start, start + pick(next, 4096))
    const at = pick(next, bytes.length)
    const out = new Uint8Array(bytes.length + piece.length)
    out.set(bytes.subarray(0, at))
    out.set(piece, at)
    out.set(bytes.subarray(at), at + piece.length)
    return out
  },
]

/** One mutated copy of `bytes` (one to three mutations stacked). */
export function mutate(bytes: Uint8Array, next: () => number): Uint8Array<ArrayBuffer> {
  let out: Uint8Array = bytes.length ? bytes : new Uint8Array(1)
  for (let n = 1 + pick(next, 3); n > 0 && out.length > 0; n--) out = MUTATIONS[pick(next, MUTATIONS.length)](out, next)
  return out.slice() as Uint8Array<ArrayBuffer>
}
