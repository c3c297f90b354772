/**
 * The pass over a zip's local records that runs before any member is inflated: each entry's local header
 * and data descriptor are read and checked against the central directory, and the bytes each entry covers
 * give the layout checks (zip-layout.ts): uncovered bytes, overlaps, overlap bombs.
 */
import { toCoreError } from '../errors'
import type { Member } from '../types'
import { BlobReader } from '../util/blob-reader'
import { throwIfCancelled, type ReadContext } from './read-context'
import { limitOverlapGroups, findOverlapGroups, noteEntriesInStructures, noteOverlaps, noteUncoveredBytes, sortSpans, type Span } from './zip-layout'
import { addHeaderMismatch, descriptorDisagreements, localHeaderDisagreements, noteMismatch, readDataDescriptor, readLocalFileHeader, type LocalFileHeader } from './zip-local'
import { FLAG_DATA_DESCRIPTOR, describeExtra, methodName } from './zip-structure'

/**
 * Local headers are small and scattered: a window reads them without reading every large member's data. 1 MiB, not
 * 64 KiB: in Chromium each window is a round trip to the browser process, and between small members the windows
 * cover the file anyway (pip's wheel: 6 slices of the file instead of 30; the 13,944-member zip: 127 instead of 822,
 * reading 326 MB instead of 277 MB; counted with a Proxy over `Blob.slice`, docs/performance.md).
 */
const HEADER_WINDOW = 1024 * 1024

/**
 * Checks every entry's local records (in file order, `inFileOrder`) and the archive's layout. `structures`
 * are the central directory and the zip64 end records, which no entry may overlap; `end` is the end record.
 */
export async function checkZipLayout(blob: Blob, context: ReadContext, inFileOrder: Member[], structures: Span[], end: number): Promise<void> {
  const reader = new BlobReader(blob, HEADER_WINDOW)
  const spans: Span[] = []
  let previous: LocalFileHeader | null = null
  for (const member of inFileOrder) {
    throwIfCancelled(context)
    try {
      // Entries that share a local header (an overlap) read it once: they are adjacent in file order.
      const local: LocalFileHeader = previous?.offset === member.offset ? previous : await readLocalFileHeader(reader, member.offset, member.path)
      previous = local
      spans.push({ start: member.offset, end: await checkLocalRecords(reader, member, local), label: member.path, member })
    } catch (thrown) {
      const error = toCoreError(thrown)
      if (error.code === 'CANCELLED' || error.code === 'READ_FAILED') throw thrown
      member.error = { ...error, path: member.path }
    }
  }
  sortSpans(spans)
  const groups = findOverlapGroups(spans)
  noteOverlaps(context, groups)
  noteEntriesInStructures(context, spans, structures)
  limitOverlapGroups(context, groups)
  const all = sortSpans(spans.concat(structures))
  if (all.length) noteUncoveredBytes(context, all, all[0].start, end)
}

/** Compares the local header and data descriptor with the central directory; returns where the entry's bytes end. */
async function checkLocalRecords(reader: BlobReader, member: Member, local: LocalFileHeader): Promise<number> {
  member.dataOffset = local.dataOffset
  member.meta.localExtra = describeExtra(local.extra)
  noteMismatch(member, 'local header', member.offset, localHeaderDisagreements(member, local, methodName))
  const dataEnd = local.dataOffset + Number(member.meta.compressedSize)
  if (!(Number(member.meta.flags) & FLAG_DATA_DESCRIPTOR)) return dataEnd
  const descriptor = await readDataDescriptor(reader, member, local)
  if (!descriptor) {
    addHeaderMismatch(member, `The data descriptor that flag bit 3 announces at offset ${dataEnd} is missing: the file ends before it`, dataEnd)
    return dataEnd
  }
  noteMismatch(member, 'data descriptor', descriptor.offset, descriptorDisagreements(member, descriptor))
  return descriptor.offset + descriptor.length
}
