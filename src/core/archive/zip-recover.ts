/**
 * Listing a zip whose central directory is missing (a cut download) from its local headers, so the
 * reviewer sees what came before the cut, each member marked as read from its local header.
 */
import type { Bytes } from '../util/bytes'
import { readU16, readU32 } from '../util/bytes'
import type { BlobReader } from '../util/blob-reader'
import type { ReadContext } from './read-context'
import { FLAG_DATA_DESCRIPTOR, LOCAL_FILE_HEADER_SIGNATURE, LOCAL_HEADER_SIZE, decodeZipName, type CentralDirectoryEntry } from './zip-structure'
import type { Member } from '../types'

export type MemberReader = (reader: BlobReader, member: Member, context: ReadContext) => Promise<unknown>
export type EntryToMember = (entry: CentralDirectoryEntry) => Member

/**
 * Walks local headers from the start of the file (APPNOTE 4.3.7), for a zip whose end is missing. Each
 * member found is read and hashed if its data is complete, and carries an anomaly saying where it came
 * from; the walk stops at the first header it cannot trust (data descriptor sizes, the cut).
 */
export async function recoverFromLocalHeaders(reader: BlobReader, context: ReadContext, toMember: EntryToMember, readMember: MemberReader): Promise<void> {
  let offset = 0
  while (offset + LOCAL_HEADER_SIZE <= reader.size && context.members.length < context.limits.maxMembers) {
    const header = await reader.read(offset, LOCAL_HEADER_SIZE)
    if (readU32(header, 0) !== LOCAL_FILE_HEADER_SIGNATURE) break
    const flags = readU16(header, 6)
    const nameLength = readU16(header, 26)
    const dataOffset = offset + LOCAL_HEADER_SIZE + nameLength + readU16(header, 28)
    const compressedSize = readU32(header, 18)
    if (flags & FLAG_DATA_DESCRIPTOR || dataOffset > reader.size) break
    const nameBytes = await reader.read(offset + LOCAL_HEADER_SIZE, nameLength)
    const member = toMember(localHeaderAsEntry(header, nameBytes, offset, context.members.length))
    member.anomalies = [{ code: 'READ_FROM_LOCAL_HEADER', message: 'Listed from its local header: the central directory is missing, so this listing may be incomplete', offset }]
    context.members.push(member)
    if (dataOffset + compressedSize > reader.size) break
    await readMember(reader, member, context)
    offset = dataOffset + compressedSize
  }
}

function localHeaderAsEntry(header: Bytes, nameBytes: Bytes, offset: number, index: number): CentralDirectoryEntry {
  const flags = readU16(header, 6)
  const { name, encodingProblem } = decodeZipName(nameBytes, flags)
  return {
    index, name, encodingProblem, nameBytes, versionMadeBy: 0, versionNeeded: readU16(header, 4), flags,
    compressionMethod: readU16(header, 8), lastModTime: readU16(header, 10), lastModDate: readU16(header, 12),
    crc32: readU32(header, 14), compressedSize: readU32(header, 18), uncompressedSize: readU32(header, 22),
    internalAttributes: 0, externalAttributes: 0, localHeaderOffset: offset, extra: new Uint8Array(0), comment: '',
  }
}

