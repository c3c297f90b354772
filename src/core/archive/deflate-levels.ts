/**
 * Which zlib compression levels reproduce a given raw deflate stream. JSZip deflates with pako, a port of
 * zlib that produces the same bytes as zlib for the same level and defaults (windowBits 15, memLevel 8),
 * so a match names the level the builder's zlib used; no match means another deflate implementation
 * (zlib-ng, libdeflate, 7-Zip, …) or other settings. JSZip is loaded only when this is asked.
 */
import { readU16, readU32, type Bytes } from '../util/bytes'
import { bytesEqual } from '../util/bytes'

export const DEFLATE_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9]

/** Raw deflate of `data` at `level`, as zlib would write it, taken out of a one-member zip JSZip makes. */
export async function deflateAtLevel(data: Bytes, level: number): Promise<Bytes> {
  const { default: JSZip } = await import('jszip')
  const zip = new JSZip()
  zip.file('x', data, { compression: 'DEFLATE', compressionOptions: { level }, createFolders: false })
  const archive = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level } })
  // Local file header (APPNOTE 4.3.7): compressed size at 18, name length at 26, extra length at 28.
  const compressedSize = readU32(archive, 18)
  const start = 30 + readU16(archive, 26) + readU16(archive, 28)
  return archive.slice(start, start + compressedSize) as Bytes
}

/** zlib's deflate of empty input at every level: one final fixed-Huffman block with only end-of-block. */
const EMPTY_DEFLATE = new Uint8Array([0x03, 0x00])

/** Levels whose output equals `compressed` byte for byte. */
export async function matchingDeflateLevels(data: Bytes, compressed: Uint8Array): Promise<number[]> {
  // JSZip stores empty files instead of deflating them, so empty input is checked against zlib's own output.
  if (data.length === 0) return bytesEqual(compressed, EMPTY_DEFLATE) ? [...DEFLATE_LEVELS] : []
  const levels: number[] = []
  for (const level of DEFLATE_LEVELS) {
    if (bytesEqual(await deflateAtLevel(data, level), compressed)) levels.push(level)
  }
  return levels
}
