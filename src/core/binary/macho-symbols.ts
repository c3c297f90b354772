/**
 * Symbol names from LC_SYMTAB (loader.h `symtab_command`, nlist.h `struct nlist(_64)`): each entry's n_strx is
 * an offset into the string table; 0 is the empty name (nlist.h: "a null name"). Like ELF's string tables
 * (elf-strings.ts), the table's NULs are indexed once, each offset decoded once, and the total decoded bounded.
 */
import { fail } from '../errors'
import { nulAtOrAfter, nulPositions } from '../util/nul-index'
import { corrupt, decodeBudget, DECODE_BUDGET_FACTOR, decodeString, readU32 } from './byte-view'
import { MAX_SYMBOLS } from './elf-facts'
import { nlistSize } from './macho-linkedit'
import type { ThinReading } from './macho-reading'

/** The names of the first LC_SYMTAB's entries, deduplicated, the empty name left out; undefined when the file has none. */
export function readSymbolNames(reading: ThinReading): Set<string> | undefined {
  const { file, symtab } = reading
  if (!symtab) return undefined
  if (symtab.nsyms > MAX_SYMBOLS) {
    fail('LIMIT_EXCEEDED', `Mach-O LC_SYMTAB declares ${symtab.nsyms} symbols, more than the ${MAX_SYMBOLS.toLocaleString('en')} that are read`, { offset: file.base + symtab.at })
  }
  const entrySize = nlistSize(file.is64)
  const table = file.bytes.subarray(symtab.stroff, symtab.stroff + symtab.strsize)
  const positions = nulPositions(table)
  const decoded = new Map<number, string>()
  let budget = decodeBudget(file)
  for (let i = 0; i < symtab.nsyms; i++) {
    const entryAt = symtab.symoff + i * entrySize
    const strx = readU32(file, entryAt, 'n_strx')
    if (strx === 0 || decoded.has(strx)) continue
    if (strx >= symtab.strsize) corrupt(file, entryAt, `symbol ${i}: n_strx ${strx} is outside the string table (strsize ${symtab.strsize})`)
    const end = nulAtOrAfter(positions, strx)
    if (end < 0) corrupt(file, symtab.stroff + strx, `symbol ${i}: the name at offset ${file.base + symtab.stroff + strx} has no terminating NUL inside the string table`)
    budget -= end - strx
    if (budget < 0) fail('LIMIT_EXCEEDED', `Mach-O symbol names decode to more than ${DECODE_BUDGET_FACTOR} times the file's size: names overlap beyond any linker's output`, { offset: file.base + entryAt })
    decoded.set(strx, decodeString(table.subarray(strx, end)))
  }
  const names = new Set<string>()
  for (const name of decoded.values()) if (name !== '') names.add(name)
  return names
}
