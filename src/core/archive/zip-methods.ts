/**
 * Zip compression methods other than stored (0) and deflate (8), by the name zip-structure.ts gives the
 * method number (APPNOTE 6.3.10 section 4.4.5). Each one decodes through the same decoder the outer wrapper
 * of that format uses (decompressors.ts), driven one input slice at a time, and every output goes past a
 * guard first, so a member that produces more than its declared size stops within one block (the member and
 * ratio limits are checked from the declared sizes before anything is decoded, in zip.ts).
 * A method not listed here stays UNSUPPORTED_METHOD and its member unread.
 */
import { CoreFailure, fail } from '../errors'
import type { Member } from '../types'
import { decodingPair, lazyPair, type OutputGuard } from './decompressors'

// Each decoder loads on first use (decompressors.ts): most zips hold only stored and deflate members.
const loadBzip2 = () => import('./bzip2')
const loadLzma = () => import('./lzma')
const loadXz = () => import('./xz')
const loadZstd = () => import('./zstd')

/** APPNOTE 4.4.4: for method 14, bit 1 set means an end-of-stream marker ends the LZMA data. */
const FLAG_LZMA_END_MARKER = 0x0002

export interface ZipMethod {
  method: number
  /** Where the method is specified. */
  citation: string
  /** What the data is called in messages ("the bzip2 stream"). */
  words: string
  decoder(member: Member, guard: OutputGuard): ReadableWritablePair<Uint8Array, Uint8Array>
}

export const ZIP_METHODS: Record<string, ZipMethod> = {
  bzip2: {
    method: 12, citation: 'APPNOTE 4.4.5 method 12, 5.7 (bzip2 streams as bzip2(1) writes them)', words: 'the bzip2 stream',
    decoder: (_member, guard) => lazyPair(async () => decodingPair((await loadBzip2()).bzip2Decoder(guard))),
  },
  lzma: {
    method: 14, citation: 'APPNOTE 4.4.5 method 14, 5.8 (raw LZMA1 after a 9-byte header, 5.8.8)', words: 'the LZMA stream',
    decoder: (member, guard) => lazyPair(async () => decodingPair((await loadLzma()).lzmaZipDecoder(member.size, (Number(member.meta.flags) & FLAG_LZMA_END_MARKER) !== 0, guard))),
  },
  zstd: {
    method: 93, citation: 'APPNOTE 4.4.5 method 93 (Zstandard, RFC 8878 frames)', words: 'the Zstandard stream',
    decoder: (_member, guard) => lazyPair(async () => decodingPair((await loadZstd()).zstdDecoder(guard))),
  },
  xz: {
    method: 95, citation: 'APPNOTE 4.4.5 method 95 (an .xz stream, xz-file-format 1.2.1)', words: 'the xz stream',
    decoder: (_member, guard) => lazyPair(async () => (await loadXz()).xzTransform(guard)),
  },
}

/** What the member's data is called in messages about its size. */
export function dataWords(member: Member): string {
  if (member.meta.compression === 'stored') return 'the stored data'
  if (member.meta.compression === 'deflate') return 'the deflate stream'
  return ZIP_METHODS[String(member.meta.compression)]?.words ?? 'the data'
}

/**
 * Decodes one member's data from `source` and hands each output chunk to `consume`; fails with
 * CORRUPT_STRUCTURE as soon as the output runs past the declared size, and with the decoder's coded error,
 * prefixed by the member's path, when the data is corrupt or cut short.
 */
export async function decodeZipMember(method: ZipMethod, member: Member, source: ReadableStream<Uint8Array>, consume: (chunk: Uint8Array) => void, checkCancelled: () => void = () => undefined): Promise<void> {
  const guard: OutputGuard = (produced) => {
    checkCancelled()
    if (produced > member.size) {
      fail('CORRUPT_STRUCTURE', `${member.path}: the central directory declares ${member.size.toLocaleString('en-US')} bytes, but ${method.words} decompresses past them`, { path: member.path })
    }
  }
  await drainStream(source.pipeThrough(method.decoder(member, guard)), consume, (thrown) => {
    if (!(thrown instanceof CoreFailure)) throw thrown
    if (thrown.error.path === member.path) throw thrown
    throw new CoreFailure({ ...thrown.error, path: member.path, message: `${member.path}: ${thrown.error.message}` })
  })
}

/** Hands every chunk of `stream` to `consume`; a failure goes to `failed`, which throws; the stream is always released. */
export async function drainStream(stream: ReadableStream<Uint8Array>, consume: (chunk: Uint8Array) => void, failed: (thrown: unknown) => never): Promise<void> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      consume(value)
    }
  } catch (thrown) {
    failed(thrown)
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}

/** A stream of one buffer, for a member already read whole. */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes)
      controller.close()
    },
  })
}

/** The method the member's data needs, or UNSUPPORTED_METHOD (its member stays unread). */
export function zipMethodFor(member: Member): ZipMethod {
  return ZIP_METHODS[String(member.meta.compression)] ?? fail('UNSUPPORTED_METHOD', `${member.path} uses compression ${member.meta.compression}, which reprodiff cannot read`, { path: member.path })
}
