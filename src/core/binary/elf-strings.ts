/**
 * ELF string tables (gABI "String Table"): NUL-terminated strings at offsets into a section. Hostile files can
 * point a million symbols into one long unterminated run; so each table's NULs are indexed once (a lookup is a
 * binary search, never a scan), each offset is decoded once, and the total decoded is bounded by a named limit.
 */
import { fail } from '../errors'
import { decodeName } from '../util/text'
import type { ElfView } from './elf-header'

/** The part of a section header a string lookup needs (see ElfSectionHeader). */
export interface StringTableSection {
  index: number
  sh_offset: number
  sh_size: number
  hasBytes: boolean
}

/** Legitimate tables decode to about their own size (suffixes are shared); four times the file is a hostile one. */
const DECODE_BUDGET_FACTOR = 4
const MIN_DECODE_BUDGET = 1024 * 1024
const ascii = new TextDecoder('latin1')

/** Printable ASCII (nearly every symbol) as is; anything else in the unambiguous escaped form of names. */
export function decodeString(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]
    if (byte < 0x20 || byte >= 0x7f || byte === 0x5c) return decodeName(bytes).text
  }
  return ascii.decode(bytes)
}

export class ElfStrings {
  private readonly nuls = new Map<number, Uint32Array>()
  private readonly decoded = new Map<number, string>()
  private budget: number

  constructor(private readonly elf: ElfView) {
    this.budget = Math.max(MIN_DECODE_BUDGET, DECODE_BUDGET_FACTOR * elf.bytes.length)
  }

  /** The string at `offset` inside string-table section `table`; `what` names it in errors. */
  read(table: StringTableSection, offset: number, what: string): string {
    if (!table.hasBytes || offset >= table.sh_size) {
      fail('CORRUPT_STRUCTURE', `ELF ${what}: offset ${offset} is outside string table section ${table.index} (${table.sh_size} bytes)`, { offset: table.sh_offset })
    }
    const key = table.index * 0x100000000 + offset
    const known = this.decoded.get(key)
    if (known !== undefined) return known
    const end = this.nulAtOrAfter(table, offset)
    const start = table.sh_offset + offset
    if (end < 0) fail('CORRUPT_STRUCTURE', `ELF ${what}: the string at offset ${start} has no terminating NUL inside its table`, { offset: start })
    this.budget -= end - offset
    if (this.budget < 0) fail('LIMIT_EXCEEDED', `ELF string tables decode to more than ${DECODE_BUDGET_FACTOR} times the file's size: names overlap beyond any linker's output`, { offset: start })
    const text = decodeString(this.elf.bytes.subarray(start, table.sh_offset + end))
    this.decoded.set(key, text)
    return text
  }

  /** The offset (within the table) of the first NUL at or after `offset`, or -1. */
  private nulAtOrAfter(table: StringTableSection, offset: number): number {
    const positions = this.nulPositions(table)
    let low = 0
    let high = positions.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (positions[middle] < offset) low = middle + 1
      else high = middle
    }
    return low < positions.length ? positions[low] : -1
  }

  private nulPositions(table: StringTableSection): Uint32Array {
    const cached = this.nuls.get(table.index)
    if (cached) return cached
    const bytes = this.elf.bytes.subarray(table.sh_offset, table.sh_offset + table.sh_size)
    let count = 0
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) count++
    const positions = new Uint32Array(count)
    for (let i = 0, at = 0; i < bytes.length; i++) if (bytes[i] === 0) positions[at++] = i
    this.nuls.set(table.index, positions)
    return positions
  }
}
