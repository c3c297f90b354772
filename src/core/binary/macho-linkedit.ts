/**
 * The load commands that point at tables in the file rather than at sections (loader.h `symtab_command`,
 * `dysymtab_command`, `linkedit_data_command`, `dyld_info_command`, `note_command`, `twolevel_hints_command`):
 * each table becomes a pseudo-section in parentheses, `(LC_SYMTAB symbols)`, `(LC_CODE_SIGNATURE)`, hashed, so
 * a difference in `__LINKEDIT` is placed, not only seen as "bytes outside sections".
 */
import { readFixedName, readU32, readU64, wordNumber } from './byte-view'
import { setFact, cover, tableSection, type LoadCommand, type ThinReading } from './macho-reading'

/** loader.h `struct nlist` (12 bytes) / `struct nlist_64` (16 bytes). */
export const nlistSize = (is64: boolean) => (is64 ? 16 : 12)

/** `symtab_command`: symoff, nsyms, stroff, strsize. The names are read once every command is known. */
export function readSymtab(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const at = command.at
  const [symoff, nsyms, stroff, strsize] = [8, 12, 16, 20].map((field) => readU32(file, at + field, `${command.name} field`))
  if (reading.symtab) return // a second LC_SYMTAB: its tables are bytes outside sections; names come from the first, as dyld reads it
  reading.symtab = { at, symoff, nsyms, stroff, strsize }
  tableSection(reading, '(LC_SYMTAB symbols)', symoff, nsyms * nlistSize(file.is64), { nsyms }, [at + 8, at + 16])
  tableSection(reading, '(LC_SYMTAB strings)', stroff, strsize, {}, [at + 16, at + 24])
}

/** `dysymtab_command`: the symbol index ranges, then six (offset, count) tables with their entry sizes. */
const DYSYMTAB_TABLES: [string, number, (is64: boolean) => number][] = [
  ['toc', 32, () => 8],
  ['modules', 40, (is64) => (is64 ? 56 : 52)],
  ['external references', 48, () => 4],
  ['indirect symbols', 56, () => 4],
  ['external relocations', 64, () => 8],
  ['local relocations', 72, () => 8],
]
const DYSYMTAB_INDICES = ['ilocalsym', 'nlocalsym', 'iextdefsym', 'nextdefsym', 'iundefsym', 'nundefsym']

export function readDysymtab(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const at = command.at
  const indices = DYSYMTAB_INDICES.map((field, i) => `${field} ${readU32(file, at + 8 + 4 * i, `${command.name} ${field}`)}`)
  setFact(reading, command.name, indices.join(' '))
  cover(reading, at + 8, at + 32)
  for (const [table, field, entrySize] of DYSYMTAB_TABLES) {
    const offset = readU32(file, at + field, `${command.name} ${table} offset`)
    const count = readU32(file, at + field + 4, `${command.name} ${table} count`)
    tableSection(reading, `(${command.name} ${table})`, offset, count * entrySize(file.is64), { count }, [at + field, at + field + 8])
  }
}

/** `linkedit_data_command` (LC_CODE_SIGNATURE, LC_FUNCTION_STARTS, LC_DATA_IN_CODE, LC_DYLD_CHAINED_FIXUPS, …): dataoff, datasize. */
export function readLinkeditData(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const dataoff = readU32(file, command.at + 8, `${command.name} dataoff`)
  const datasize = readU32(file, command.at + 12, `${command.name} datasize`)
  tableSection(reading, `(${command.name})`, dataoff, datasize, {}, [command.at + 8, command.at + 16])
}

/** `dyld_info_command` (LC_DYLD_INFO, LC_DYLD_INFO_ONLY): five (offset, size) pairs of dyld's opcode streams and export trie. */
const DYLD_INFO_PARTS = ['rebase', 'bind', 'weak_bind', 'lazy_bind', 'export']

export function readDyldInfo(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  DYLD_INFO_PARTS.forEach((part, i) => {
    const field = command.at + 8 + i * 8
    const offset = readU32(file, field, `${command.name} ${part}_off`)
    const size = readU32(file, field + 4, `${command.name} ${part}_size`)
    tableSection(reading, `(${command.name} ${part})`, offset, size, {}, [field, field + 8])
  })
}

/** `twolevel_hints_command`: offset, nhints of 4-byte `twolevel_hint` entries. */
export function readTwolevelHints(reading: ThinReading, command: LoadCommand): void {
  const offset = readU32(reading.file, command.at + 8, `${command.name} offset`)
  const nhints = readU32(reading.file, command.at + 12, `${command.name} nhints`)
  tableSection(reading, `(${command.name})`, offset, nhints * 4, { nhints }, [command.at + 8, command.at + 16])
}

/** `note_command`: data_owner[16], then a 64-bit offset and size of arbitrary data. */
export function readNote(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const owner = readFixedName(file, command.at + 8, 16, 'LC_NOTE data_owner')
  const offsetAt = command.at + 24
  const offset = wordNumber(file, readU64(file, offsetAt, 'LC_NOTE offset'), 'LC_NOTE offset', offsetAt)
  const size = wordNumber(file, readU64(file, offsetAt + 8, 'LC_NOTE size'), 'LC_NOTE size', offsetAt + 8)
  tableSection(reading, `(LC_NOTE ${owner.name})`, offset, size, {}, [offsetAt, offsetAt + 16])
  if (size > 0) cover(reading, command.at + 8, command.at + 8 + Math.min(16, owner.length + 1))
}
