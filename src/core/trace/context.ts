/** What every tracing step reads: both readings, the sdist's index and layout, and the retained texts. */
import type { ArtifactReading, Member } from '../types'
import { decodeUtf8OrEscape } from '../util/text'
import type { LayoutRoot, SourceLayout } from './config'
import type { SourceIndex } from './mapping'

export interface TraceContext {
  sdist: ArtifactReading
  wheel: ArtifactReading
  index: SourceIndex
  layout: SourceLayout
  roots: LayoutRoot[]
  /** The wheel's METADATA Version, for checking a generated version file. */
  version: string | null
}

/** The text of a member kept while reading (compare/package.ts `isPackageMetadataPath`), or null when it was not kept. */
export function retainedText(reading: ArtifactReading, member: Member): string | null {
  const bytes = reading.retained?.[member.index]
  return bytes ? decodeUtf8OrEscape(bytes) : null
}

/** True when the member's bytes were read and hashed (unread bytes are never called the same as anything). */
export function isRead(member: Member): boolean {
  return member.type === 'file' && member.sha256 !== null && member.error === undefined
}
