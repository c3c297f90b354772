/**
 * Symbol names from LC_SYMTAB (loader.h `symtab_command`, nlist.h `struct nlist(_64)`): each entry's n_strx is
 * an offset into the string table; 0 is the empty name (nlist.h: "a null name"). Like ELF's string tables
 * (elf-strings.ts), the table's NULs are indexed once, each offset decoded once, and the total decoded bounded.
 */
import { fail } from '../errors'
import { MAX_SYMBOLS } from './elf-facts'
import { decodeString } from './elf-strings'
import { nlistSize } from './macho-linkedit'
import type { ThinReading } from './macho-reading'
import { corrupt, u32 } from './macho-view'

/** Legitimate tables decode to about their own size; four times the file is a hostile one (as for ELF). */
const DECODE_BUDGET_FACTOR = 4
const MIN_DECODE_BUDGET = 1024 * 1024

function nulPositions(table: Uint8Array): Uint32Array {
  let count = 0
  for (let i = 0; i < table.length; i++) if (table[i] === 0) count++
  const positions = new Uint32Array(count)
  for (let i = 0, at = 0; i < table.length; i++) if (table[i] === 0) positions[at++] = i
  return positions
}

/** The first NUL at or after `offset` (binary search over the positions), or -1. */
function nulAtOrAfter(positions: Uint32Array, offset: number): number {
  let low = 0
  let high = positions.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (positions[middle] < offset) low = middle + 1
    else high = middle
  }
  return low < positions.length ? positions[low] : -1
}

/** The names of the first LC_SYMTAB's entries, deduplicated and sorted; undefined when the file has none. */
export function readSymbolNames(reading: ThinReading): string[] | undefined {
  const { file, symtab } = reading
  if (!symtab) return undefined
  if (symtab.nsyms > MAX_SYMBOLS) {
    fail('LIMIT_EXCEEDED', `Mach-O LC_SYMTAB declares ${symtab.nsyms} symbols, more than the ${MAX_SYMBOLS.toLocaleString('en')} that are read`, { offset: file.base + symtab.at })
  }
  const entrySize = nlistSize(file.is64)
  const table = file.bytes.subarray(symtab.stroff, symtab.stroff + symtab.strsize)
  const positions = nulPositions(table)
  const decoded = new Map<number, string>()
  let budget = Math.max(MIN_DECODE_BUDGET, DECODE_BUDGET_FACTOR * file.bytes.length)
  for (let i = 0; i < symtab.nsyms; i++) {
    const entryAt = symtab.symoff + i * entrySize
    const strx = u32(file, entryAt, 'n_strx')
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
  return Array.from(names).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
