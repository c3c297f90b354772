/**
 * What reading one thin Mach-O collects as its load commands are walked: sections (real ones, and the tables
 * `__LINKEDIT` holds as pseudo-sections in parentheses), facts, the symbol table's place, and the byte ranges
 * that a reported field or section stands for (everything else is hashed as the bytes outside sections).
 */
import { need, sha256Of, type ByteView } from './byte-view'
import type { BinarySection } from './types'

/** One load command: `cmd`, `cmdsize` and where it starts in the thin file. */
export interface LoadCommand {
  cmd: number
  cmdsize: number
  at: number
  index: number
  name: string
}

export interface SymtabPlace {
  at: number
  symoff: number
  nsyms: number
  stroff: number
  strsize: number
}

export interface ThinReading {
  file: ByteView
  sections: BinarySection[]
  facts: Record<string, string | string[]>
  /** [start, end) ranges in the thin file that reported fields and sections stand for. */
  covered: [number, number][]
  symtab: SymtabPlace | null
  /** Sections read so far, against MAX_SECTIONS. */
  sectionCount: number
}

export function newReading(file: ByteView): ThinReading {
  return { file, sections: [], facts: {}, covered: [], symtab: null, sectionCount: 0 }
}

export function cover(reading: ThinReading, start: number, end: number): void {
  if (end > start) reading.covered.push([start, end])
}

/** A fact of one command; a second command of the same kind gets `name#2` (and so on), never overwrites. Returns the key. */
export function setFact(reading: ThinReading, name: string, value: string | string[]): string {
  let key = name
  for (let copy = 2; key in reading.facts; copy++) key = `${name}#${copy}`
  reading.facts[key] = value
  return key
}

/** A list fact (LC_LOAD_DYLIB, LC_RPATH): one entry per command, in load-command order. */
export function appendFact(reading: ThinReading, name: string, value: string): void {
  const list = reading.facts[name]
  if (Array.isArray(list)) list.push(value)
  else reading.facts[name] = [value]
}

/**
 * A table in the file that no section holds (symbol table, string table, code signature, dyld info), as the
 * pseudo-section `name` with the SHA-256 of its bytes; `fields` are the command bytes (offset and size fields)
 * it stands for. Empty tables are not listed, and their fields stay with the bytes outside sections.
 */
export function tableSection(reading: ThinReading, name: string, offset: number, size: number, facts: Record<string, string | number>, fields: [number, number]): void {
  if (size === 0) return
  const { file } = reading
  need(file, offset, size, `${name} (offset ${offset}, ${size} bytes)`)
  reading.sections.push({
    name,
    size,
    sha256: sha256Of(file.bytes.subarray(offset, offset + size)),
    facts: { offset, ...facts },
    fileRange: { offset: file.base + offset, size },
  })
  cover(reading, offset, offset + size)
  cover(reading, fields[0], fields[1])
}
