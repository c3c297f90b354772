/**
 * The zip writer of the e2e specs: `buildZip` (test/core/archive/build-archives.ts, APPNOTE 6.3.10) with stored
 * members, a method number written as given (a method the reader does not know leaves the member unread), and
 * zip64 end records past 65,535 members, as a Buffer for Playwright's `setInputFiles`.
 */
import { buildZip } from '../core/archive/build-archives'

export interface WriterEntry {
  name: string
  data: string | Uint8Array
  /** Written into both headers as is; default 0 (stored). The data is always stored. */
  method?: number
}

export function writeZip(entries: readonly WriterEntry[]): Buffer {
  return Buffer.from(buildZip(entries.map((entry) => ({ name: entry.name, data: entry.data, method: entry.method }))))
}
