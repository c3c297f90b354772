/**
 * Listing a zip whose central directory is missing (a cut download) from its local headers, so the
 * reviewer sees what came before the cut, each member marked as read from its local header.
 */
import type { BlobReader } from '../util/blob-reader'
import type { ReadContext } from './read-context'
import { readLocalFileHeader, type LocalFileHeader } from './zip-local'
import { FLAG_DATA_DESCRIPTOR, LOCAL_FILE_HEADER_SIGNATURE, LOCAL_HEADER_SIZE, decodeZipName, type CentralDirectoryEntry } from './zip-structure'
import { readU32 } from '../util/bytes'
import type { Member } from '../types'

export type MemberReader = (reader: BlobReader, member: Member, context: ReadContext) => Promise<unknown>
export type EntryToMember = (entry: CentralDirectoryEntry) => Member

/**
 * Walks local headers from the start of the file (APPNOTE 4.3.7), for a zip whose end is missing. Each
 * member found is read and hashed if its data is complete, and carries an anomaly saying where it came
 * from; the walk stops at the first header it cannot trust (data descriptor sizes, the cut). Sizes come
 * from the local zip64 extra when the header holds 0xFFFFFFFF (APPNOTE 4.5.3), as Python's zipfile writes.
 */
export async function recoverFromLocalHeaders(reader: BlobReader, context: ReadContext, toMember: EntryToMember, readMember: MemberReader): Promise<void> {
  let offset = 0
  while (offset + LOCAL_HEADER_SIZE <= reader.size && context.members.length < context.limits.maxMembers) {
    if (readU32(await reader.read(offset, 4), 0) !== LOCAL_FILE_HEADER_SIGNATURE) break
    const local = await readLocalFileHeader(reader, offset, `the entry at offset ${offset}`).catch(() => null)
    if (!local || local.flags & FLAG_DATA_DESCRIPTOR) break
    const member = toMember(localHeaderAsEntry(local, context.members.length))
    member.anomalies = [{ code: 'READ_FROM_LOCAL_HEADER', message: 'Listed from its local header: the central directory is missing, so this listing may be incomplete', offset }]
    context.members.push(member)
    if (local.dataOffset + local.compressedSize > reader.size) break
    await readMember(reader, member, context)
    offset = local.dataOffset + local.compressedSize
  }
}

function localHeaderAsEntry(local: LocalFileHeader, index: number): CentralDirectoryEntry {
  const { name, encodingProblem } = decodeZipName(local.nameBytes, local.flags)
  return {
    index, name, encodingProblem, nameBytes: local.nameBytes, versionMadeBy: 0, versionNeeded: local.versionNeeded, flags: local.flags,
    compressionMethod: local.compressionMethod, lastModTime: local.lastModTime, lastModDate: local.lastModDate,
    crc32: local.crc32, compressedSize: local.compressedSize, uncompressedSize: local.uncompressedSize,
    internalAttributes: 0, externalAttributes: 0, localHeaderOffset: local.offset, extra: new Uint8Array(0), comment: '',
  }
}
