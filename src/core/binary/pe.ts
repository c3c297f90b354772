/**
 * PE/COFF images (Microsoft PE Format specification; Windows `.pyd`, `.dll`, `.exe`), PE32 and PE32+, read
 * into a BinaryStructure: every header field under its spec name, every section with the SHA-256 of its raw
 * data, pseudo-sections for the bytes no section holds, the facts a reviewer asks about (imported DLLs, the
 * exported name, the debug directory, the CodeView PDB path, the REPRO entry) and the symbol names. Checked
 * against llvm-readobj. A directory that cannot be read (an RVA in no section) is an error of its fact only.
 */
import { toCoreError } from '../errors'
import { binaryStructure, OUTSIDE_SECTIONS_FACT, type ByteView } from './byte-view'
import { describeDebugEntry, IMAGE_DEBUG_TYPE_CODEVIEW, IMAGE_DEBUG_TYPE_REPRO, readCodeView, readDebugEntries, readExports, readImports } from './pe-directories'
import { isPe, openPe, readPeHeaders, type DataDirectory, type DataDirectoryName } from './pe-headers'
import { layoutPe } from './pe-layout'
import { readSectionTable, RvaMap, toBinarySection } from './pe-sections'
import { PeStrings, readCoffSymbolNames, readStringTable } from './pe-symbols'
import type { BinaryFormat, BinaryStructure } from './types'

type Facts = BinaryStructure['facts']

/**
 * A fact that could not be read, as its value: the code, the offset and the message, so the rest of the file
 * is still compared and the reason is shown where the value would be.
 */
export function factError(thrown: unknown): string {
  const error = toCoreError(thrown)
  return `error ${error.code}${error.offset !== undefined ? ` at offset ${error.offset}` : ''}: ${error.message}`
}

/** Runs `read`; a failure becomes the value of `fact` instead of failing the whole file. */
function readFact(facts: Facts, fact: string, read: () => void): void {
  try {
    read()
  } catch (thrown) {
    facts[fact] = factError(thrown)
  }
}

function directoryOf(directories: DataDirectory[], name: DataDirectoryName): DataDirectory | null {
  const directory = directories.find((entry) => entry.name === name)
  return directory && directory.VirtualAddress !== 0 ? directory : null
}

interface Readers {
  pe: ByteView
  rvas: RvaMap
  strings: PeStrings
}

/** `debug directory`, `CodeView PDB`, `CodeView GUID`, `CodeView Age`, `Reproducible`. */
function readDebugFacts({ pe, rvas, strings }: Readers, directory: DataDirectory | null, facts: Facts): void {
  if (!directory) {
    facts.Reproducible = 'no'
    return
  }
  readFact(facts, 'debug directory', () => {
    const entries = readDebugEntries(pe, rvas, directory)
    facts['debug directory'] = entries.map(describeDebugEntry)
    // IMAGE_DEBUG_TYPE_REPRO: "the PE timestamp is a hash of the file's contents, not a time" (spec, "Debug Type").
    facts.Reproducible = entries.some((entry) => entry.Type === IMAGE_DEBUG_TYPE_REPRO) ? 'yes' : 'no'
    const codeView = entries.find((entry) => entry.Type === IMAGE_DEBUG_TYPE_CODEVIEW)
    if (!codeView) return
    readFact(facts, 'CodeView PDB', () => {
      const record = readCodeView(pe, rvas, strings, codeView)
      if (!record) return
      facts['CodeView PDB'] = record.pdb
      if (record.guid) facts['CodeView GUID'] = record.guid
      facts['CodeView Age'] = String(record.age)
    })
  })
}

export function parsePe(bytes: Uint8Array): BinaryStructure {
  const pe = openPe(bytes)
  const headers = readPeHeaders(pe)
  const strings = new PeStrings(pe)
  const stringTable = readStringTable(pe, headers.PointerToSymbolTable, headers.NumberOfSymbols)
  const sections = readSectionTable(pe, headers, strings, stringTable)
  const layout = layoutPe(pe, headers, sections, stringTable)
  const readers: Readers = { pe, rvas: new RvaMap(sections), strings }
  const facts: Facts = {}
  const symbols = new Set<string>()
  let hasSymbols = false
  const imports = directoryOf(headers.directories, 'IMPORT')
  if (imports) readFact(facts, 'imports', () => { facts.imports = readImports(pe, readers.rvas, strings, imports) })
  const exports = directoryOf(headers.directories, 'EXPORT')
  if (exports) {
    hasSymbols = true
    readFact(facts, 'exports', () => {
      const table = readExports(pe, readers.rvas, strings, exports)
      facts.exports = table.name
      for (const name of table.symbols) symbols.add(name)
    })
  }
  readDebugFacts(readers, directoryOf(headers.directories, 'DEBUG'), facts)
  if (stringTable) {
    hasSymbols = true
    readFact(facts, 'COFF symbols', () => readCoffSymbolNames(pe, strings, headers.PointerToSymbolTable, headers.NumberOfSymbols, stringTable, symbols))
  }
  facts[OUTSIDE_SECTIONS_FACT] = layout.outside
  const shown = [...layout.before, ...sections.map((section) => toBinarySection(pe, section)), ...layout.after]
  return binaryStructure('pe', headers.fields, shown, facts, hasSymbols ? symbols : undefined)
}

export const PE_FORMAT: BinaryFormat = {
  format: 'pe',
  description: 'PE/COFF image: Windows .pyd, .dll or .exe (Microsoft PE Format specification)',
  detect: (head) => isPe(head),
  parse: parsePe,
}
