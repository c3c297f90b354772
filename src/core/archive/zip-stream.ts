/**
 * Hashing a zip member too large to hold: its stored data is read in slices, inflated with the platform's
 * decoder stream where there is one (`inflateRawStream`, DecompressionStream) or else the kernels' streaming
 * inflater (fflate's; bzip2, LZMA, Zstandard and xz: decoded by zip-methods.ts),
 * and every output chunk goes to the kernels' incremental SHA-256 and CRC-32, so memory stays at a few chunks
 * whatever the member's size (Web Crypto cannot digest a stream; an LZMA member also holds its dictionary).
 */
import { CoreFailure, fail } from '../errors'
import type { Kernels } from '../kernels'
import type { Member } from '../types'
import type { BlobReader } from '../util/blob-reader'
import { dataWords, decodeZipMember, drainStream, zipMethodFor } from './zip-methods'
import { ChunkDigester } from './chunk-digests'

const CHUNK = 4 * 1024 * 1024

export interface StreamedDigest {
  sha256: string
  crc32: string
  size: number
  /** Per-chunk digests (chunk-digests.ts), taken from the same output chunks as `sha256`. */
  chunkSha256: string[] | null
}

export async function digestZipMemberStreaming(
  reader: BlobReader, member: Member, dataOffset: number, kernels: Kernels, checkCancelled: () => void, onData?: (chunk: Uint8Array) => void,
): Promise<StreamedDigest> {
  const hash = kernels.createSha256()
  // A stored member's chunks are sliced from the file when needed (member-range.ts): no digests in the listing.
  const chunks = member.meta.compression === 'stored' ? null : new ChunkDigester(kernels)
  let crc = 0
  let size = 0
  const consume = (chunk: Uint8Array) => {
    size += chunk.length
    if (size > member.size) {
      const data = member.meta.compression === 'stored' ? 'the stored data runs' : `${dataWords(member)} ${member.meta.compression === 'deflate' ? 'inflates' : 'decompresses'}`
      fail('CORRUPT_STRUCTURE', `${member.path}: the central directory declares ${member.size.toLocaleString('en-US')} bytes, but ${data} past them`, { path: member.path, offset: dataOffset })
    }
    onData?.(chunk)
    hash.update(chunk)
    chunks?.update(chunk)
    crc = kernels.crc32(chunk, crc)
  }
  const compressedSize = Number(member.meta.compressedSize)
  if (member.meta.compression !== 'stored' && member.meta.compression !== 'deflate') {
    // bzip2, LZMA, Zstandard, xz: the same decoders, fed the same slices (zip-methods.ts).
    const method = zipMethodFor(member)
    await decodeZipMember(method, member, sliceStream(reader, dataOffset, compressedSize, checkCancelled), consume, checkCancelled)
    return { sha256: hash.digestHex(), crc32: crc.toString(16).padStart(8, '0'), size, chunkSha256: (await chunks?.finish()) ?? null }
  }
  const platform = member.meta.compression === 'deflate' && compressedSize > 0 ? kernels.inflateRawStream() : null
  if (platform) {
    await inflateThrough(platform, sliceStream(reader, dataOffset, compressedSize, checkCancelled), consume, member, dataOffset)
    return { sha256: hash.digestHex(), crc32: crc.toString(16).padStart(8, '0'), size, chunkSha256: (await chunks?.finish()) ?? null }
  }
  const inflater = member.meta.compression === 'deflate' ? kernels.createInflateRaw(consume) : null
  for (let at = 0; at < compressedSize; at += CHUNK) {
    checkCancelled()
    await chunks?.settle()
    const part = await reader.read(dataOffset + at, Math.min(CHUNK, compressedSize - at))
    if (inflater) inflater.push(part, at + CHUNK >= compressedSize)
    else consume(part)
  }
  if (compressedSize === 0 && inflater) inflater.push(new Uint8Array(0), true)
  return { sha256: hash.digestHex(), crc32: crc.toString(16).padStart(8, '0'), size, chunkSha256: (await chunks?.finish()) ?? null }
}

/**
 * Deflate data through the platform's decoder, every output chunk to `consume` (which stops it past the declared
 * size). A decoder's failure is DECOMPRESSION_FAILED in inflate.ts's words, whichever platform decoded it.
 */
async function inflateThrough(
  platform: ReadableWritablePair<Uint8Array, Uint8Array>, source: ReadableStream<Uint8Array>, consume: (chunk: Uint8Array) => void, member: Member, dataOffset: number,
): Promise<void> {
  await drainStream(source.pipeThrough(platform), consume, (thrown) => {
    if (thrown instanceof CoreFailure) throw thrown
    return fail('DECOMPRESSION_FAILED', `${member.path}: Deflate data is corrupt: ${thrown instanceof Error ? thrown.message : String(thrown)}`, { path: member.path, offset: dataOffset })
  })
}

/** The member's stored data, one slice per pull, so nothing is read ahead of the decoder. */
function sliceStream(reader: BlobReader, dataOffset: number, compressedSize: number, checkCancelled: () => void): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      checkCancelled()
      if (at >= compressedSize) return controller.close()
      const part = await reader.read(dataOffset + at, Math.min(CHUNK, compressedSize - at))
      at += CHUNK
      controller.enqueue(part)
    },
  }, { highWaterMark: 0 })
}
