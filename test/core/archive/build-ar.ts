/**
 * ar archives (ar(5), deb(5)) for tests: the common format with GNU/SysV long names (`//` table, `/N`) or BSD
 * `#1/N` names, a symbol table member, and odd-sized data padded with "\n". Fields are written as binutils does.
 */
import { bytesOf, concat } from './build-tar'

export interface ArEntry {
  name: string
  data?: Uint8Array | string
  mtime?: number
  uid?: number
  gid?: number
  mode?: number
}

export interface ArOptions {
  /** How names longer than 15 bytes are stored: GNU `//` table (default) or BSD `#1/N`. */
  longNames?: 'gnu' | 'bsd'
  /** Replaces header fields by raw text, to write malformed ones: keyed by entry index. */
  rawFields?: Record<number, RawFields>
}

export type RawFields = Partial<Record<'date' | 'uid' | 'gid' | 'mode' | 'size' | 'fmag' | 'name', string>>

const text = new TextEncoder()
const pad = (value: string, width: number) => value.padEnd(width, ' ').slice(0, width)

function header(name: string, size: number, entry: Partial<ArEntry>, raw: RawFields = {}): Uint8Array {
  const fields = [
    pad(raw.name ?? name, 16),
    pad(raw.date ?? String(entry.mtime ?? 0), 12),
    pad(raw.uid ?? String(entry.uid ?? 0), 6),
    pad(raw.gid ?? String(entry.gid ?? 0), 6),
    pad(raw.mode ?? (entry.mode ?? 0o100644).toString(8), 8),
    pad(raw.size ?? String(size), 10),
    raw.fmag ?? '`\n',
  ]
  return text.encode(fields.join(''))
}

const padded = (data: Uint8Array) => (data.length % 2 ? concat([data, text.encode('\n')]) : data)

export function buildAr(entries: ArEntry[], options: ArOptions = {}): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [text.encode('!<arch>\n')]
  const long = entries.filter((entry) => entry.name.length > 15 && !entry.name.startsWith('/'))
  const offsets = new Map<string, number>()
  if (options.longNames !== 'bsd' && long.length) {
    let table = ''
    for (const entry of long) {
      offsets.set(entry.name, table.length)
      table += `${entry.name}/\n`
    }
    const bytes = text.encode(table)
    parts.push(header('//', bytes.length, {}, {}), padded(bytes))
  }
  entries.forEach((entry, index) => {
    const raw = options.rawFields?.[index] ?? {}
    let data: Uint8Array<ArrayBuffer> = bytesOf(entry.data) as Uint8Array<ArrayBuffer>
    // GNU ends a short name with "/"; BSD pads it with spaces only.
    let name = entry.name.startsWith('/') || options.longNames === 'bsd' ? entry.name : `${entry.name}/`
    if (offsets.has(entry.name)) name = `/${offsets.get(entry.name)}`
    else if (options.longNames === 'bsd' && entry.name.length > 15) {
      const nameBytes = text.encode(entry.name)
      name = `#1/${nameBytes.length}`
      data = concat([nameBytes, data])
    }
    parts.push(header(name, data.length, entry, raw), padded(data))
  })
  return concat(parts)
}
