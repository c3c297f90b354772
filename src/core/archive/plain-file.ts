/**
 * A file that is no container we recognise (an `.so`, a `.pyc`, a text file, a PNG renamed `.whl`): read as
 * its own single member, named after the artefact, so two such files compare like two members (text diff,
 * binary structure, causes) instead of being refused. Formats recognised but not read stay refused
 * (read-artifact.ts), so this never stands in for an archive whose members would go unread.
 */
import { toCoreError } from '../errors'
import { readSlice } from '../util/blob-reader'
import type { Member } from '../types'
import { toHex, type Bytes } from '../util/bytes'
import { decodeName } from '../util/text'
import { addToTotal, checkMemberLimit, type ReadContext } from './read-context'

export async function readPlainFile(blob: Blob, context: ReadContext): Promise<void> {
  const nameBytes = new TextEncoder().encode(context.name)
  const path = decodeName(nameBytes).text
  const member: Member = { index: 0, path, nameHex: toHex(nameBytes), type: 'file', size: blob.size, sha256: null, offset: 0, dataOffset: 0, meta: {} }
  context.members.push(member)
  try {
    checkMemberLimit(context, path, blob.size)
  } catch (thrown) {
    // Past the member limit the member is unread; the artefact's own SHA-256 is still computed (read-artifact.ts).
    member.error = toCoreError(thrown)
    return
  }
  addToTotal(context, path, blob.size)
  // A package metadata file dropped on its own (a PKG-INFO) is kept like one inside an archive.
  if (context.retainMember?.(path, blob.size)) context.retained[0] = await readSlice(blob, 0, blob.size)
  // The member's bytes are the whole file's: its SHA-256 is the artefact's, which read-artifact.ts computes
  // anyway (`adoptFileHash`), so the file is not read and hashed a second time.
}

export async function readPlainFileBytes(blob: Blob): Promise<Bytes> {
  return new Uint8Array(await blob.arrayBuffer())
}
