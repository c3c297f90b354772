/**
 * The COFF symbol table and string table (PE Format specification, "COFF Symbol Table", "COFF String Table").
 * Images rarely have them (MinGW's do: long section names such as `/4` for `.debug_info` live there). Symbols
 * are 18-byte records; the string table follows them, its first 4 bytes its size including themselves.
 */
import { fail } from '../errors'
import { decodeName, decodeUtf8, escapeControls } from '../util/text'
import { decodeBudget, DECODE_BUDGET_FACTOR, decodeString, need, readFixedName, readU32, readU8, type ByteView } from './byte-view'

const SYMBOL_SIZE = 18
/** More symbols than any real image has; a hostile count fails by name instead of scanning without bound. */
export const MAX_COFF_SYMBOLS = 2_000_000
/** Longest string read: beyond any symbol or DLL name a compiler writes, and it bounds hostile overlaps. */
const MAX_STRING_BYTES = 64 * 1024

/**
 * NUL-terminated strings anywhere in the file (string table, import and export names), each decoded once per
 * offset, the bytes scanned bounded by a named limit: a million name pointers into one long run end quickly.
 */
export class PeStrings {
  private readonly decoded = new Map<number, string>()
  private budget: number

  constructor(private readonly pe: ByteView) {
    this.budget = decodeBudget(pe)
  }

  /**
   * The string at file offset `start`, terminated by a NUL before `end`; `where` is the field that points to it.
   * `decode` turns its bytes into text: names by default (decodeString, escaped), or decodePath.
   */
  read(start: number, end: number, what: string, where: number, decode: (bytes: Uint8Array) => string = decodeString): string {
    const cached = decode === decodeString
    const known = cached ? this.decoded.get(start) : undefined
    if (known !== undefined) return known
    const limit = Math.min(end, this.pe.bytes.length, start + MAX_STRING_BYTES)
    const nul = this.pe.bytes.subarray(start, limit).indexOf(0)
    this.budget -= nul < 0 ? limit - start : nul
    if (this.budget < 0) fail('LIMIT_EXCEEDED', `PE names decode to more than ${DECODE_BUDGET_FACTOR} times the file's size: name pointers overlap beyond any linker's output`, { offset: where })
    if (nul < 0) fail('CORRUPT_STRUCTURE', `PE ${what}: the string at offset ${start} has no terminating NUL within ${limit - start} bytes`, { offset: where })
    const text = decode(this.pe.bytes.subarray(start, start + nul))
    if (cached) this.decoded.set(start, text)
    return text
  }
}

export interface CoffStringTable {
  /** File offset of the table (its 4-byte size field). */
  at: number
  size: number
}

/** The symbol records and the string table behind them, or null when PointerToSymbolTable is 0. */
export function readStringTable(pe: ByteView, PointerToSymbolTable: number, NumberOfSymbols: number): CoffStringTable | null {
  if (PointerToSymbolTable === 0) return null
  if (NumberOfSymbols > MAX_COFF_SYMBOLS) {
    fail('LIMIT_EXCEEDED', `PE NumberOfSymbols is ${NumberOfSymbols}, more than the ${MAX_COFF_SYMBOLS.toLocaleString('en')} that are read`, { offset: PointerToSymbolTable })
  }
  const at = PointerToSymbolTable + NumberOfSymbols * SYMBOL_SIZE
  need(pe, PointerToSymbolTable, NumberOfSymbols * SYMBOL_SIZE, 'COFF symbol table')
  // "Immediately following the COFF symbol table": some linkers omit it when empty, which reads as size 4.
  if (at + 4 > pe.bytes.length) return { at, size: 0 }
  const size = readU32(pe, at, 'COFF string table size')
  if (size < 4) return { at, size: 4 }
  need(pe, at, size, 'COFF string table')
  return { at, size }
}

/**
 * A Windows path (the CodeView PDB path) as stored when it is valid UTF-8 whose only escapable character is the
 * backslash, its separator, so that it reads as the path the build used; any other path in the escaped form.
 */
export function decodePath(bytes: Uint8Array): string {
  const text = decodeUtf8(bytes)
  if (text !== null && escapeControls(text) === text.replace(/\\/g, '\\\\')) return text
  return decodeName(bytes).text
}

/** The NUL-terminated string at `offset` (counted from the table's start, its size field included). */
export function readTableString(strings: PeStrings, table: CoffStringTable, offset: number, what: string, where: number): string {
  if (offset < 4 || offset >= table.size) {
    fail('CORRUPT_STRUCTURE', `PE ${what}: offset ${offset} is outside the COFF string table (${table.size} bytes)`, { offset: where })
  }
  return strings.read(table.at + offset, table.at + table.size, what, where)
}

/** The names of the symbol records, auxiliary records skipped ("NumberOfAuxSymbols" follow each record). */
export function readCoffSymbolNames(pe: ByteView, strings: PeStrings, PointerToSymbolTable: number, NumberOfSymbols: number, table: CoffStringTable | null, into: Set<string>): void {
  if (PointerToSymbolTable === 0 || !table) return
  for (let index = 0; index < NumberOfSymbols; index++) {
    const at = PointerToSymbolTable + index * SYMBOL_SIZE
    // Name: 8 bytes, NUL-padded, or 4 zero bytes then a 4-byte offset into the string table ("Symbol Name Representation").
    const isLong = readU32(pe, at, 'symbol name') === 0
    const name = isLong ? readLongSymbolName(strings, table, readU32(pe, at + 4, 'symbol name offset'), at) : readFixedName(pe, at, 8, 'name').name
    if (name !== '') into.add(name)
    index += readU8(pe, at + 17, 'NumberOfAuxSymbols')
  }
}

function readLongSymbolName(strings: PeStrings, table: CoffStringTable, offset: number, where: number): string {
  return offset === 0 ? '' : readTableString(strings, table, offset, 'symbol name', where)
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * A section name "/123" is a decimal offset into the string table (spec, "Section Table", Name); LLVM also
 * writes "//" and base-64 digits for offsets beyond 9,999,999. Without a string table the name stays as stored.
 */
export function resolveSectionName(strings: PeStrings, name: string, table: CoffStringTable | null, headerAt: number): string {
  if (!table || !name.startsWith('/')) return name
  let offset = 0
  if (/^\/\d+$/.test(name)) offset = Number(name.slice(1))
  else if (/^\/\/[A-Za-z0-9+/]+$/.test(name)) for (const digit of name.slice(2)) offset = offset * 64 + BASE64.indexOf(digit)
  else return name
  return readTableString(strings, table, offset, `section name ${name}`, headerAt)
}
