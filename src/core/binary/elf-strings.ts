/**
 * ELF string tables (gABI "String Table"): NUL-terminated strings at offsets into a section. Hostile files can
 * point a million symbols into one long unterminated run; so each table's NULs are indexed once (a lookup is a
 * binary search, never a scan), each offset is decoded once, and the total decoded is bounded by a named limit.
 */
import { fail } from '../errors'
import { nulAtOrAfter, nulPositions } from '../util/nul-index'
import { decodeBudget, DECODE_BUDGET_FACTOR, decodeString, type ByteView } from './byte-view'

/** Shared by every reader (byte-view.ts); also exported here, where section-strings.ts imports it from. */
export { decodeString }

/** The part of a section header a string lookup needs (see ElfSectionHeader). */
export interface StringTableSection {
  index: number
  sh_offset: number
  sh_size: number
  hasBytes: boolean
}

export class ElfStrings {
  private readonly nuls = new Map<number, Uint32Array>()
  private readonly decoded = new Map<number, string>()
  private budget: number

  constructor(private readonly elf: ByteView) {
    this.budget = decodeBudget(elf)
  }

  /** The string at `offset` inside string-table section `table`; `what` names it in errors. */
  read(table: StringTableSection, offset: number, what: string): string {
    if (!table.hasBytes || offset >= table.sh_size) {
      fail('CORRUPT_STRUCTURE', `ELF ${what}: offset ${offset} is outside string table section ${table.index} (${table.sh_size} bytes)`, { offset: table.sh_offset })
    }
    const key = table.index * 0x100000000 + offset
    const known = this.decoded.get(key)
    if (known !== undefined) return known
    const end = nulAtOrAfter(this.nulsOf(table), offset)
    const start = table.sh_offset + offset
    if (end < 0) fail('CORRUPT_STRUCTURE', `ELF ${what}: the string at offset ${start} has no terminating NUL inside its table`, { offset: start })
    this.budget -= end - offset
    if (this.budget < 0) fail('LIMIT_EXCEEDED', `ELF string tables decode to more than ${DECODE_BUDGET_FACTOR} times the file's size: names overlap beyond any linker's output`, { offset: start })
    const text = decodeString(this.elf.bytes.subarray(start, table.sh_offset + end))
    this.decoded.set(key, text)
    return text
  }

  /** The table's NUL offsets, found once per table. */
  private nulsOf(table: StringTableSection): Uint32Array {
    const cached = this.nuls.get(table.index)
    if (cached) return cached
    const positions = nulPositions(this.elf.bytes.subarray(table.sh_offset, table.sh_offset + table.sh_size))
    this.nuls.set(table.index, positions)
    return positions
  }
}
