/**
 * The PE/COFF reader against a second reader, llvm-readobj (Debian package `llvm`): for PE32+ x64 and PE32 i386
 * images built by hand, every header value it prints, every section's name, size and offsets, the imported DLLs,
 * the exported names, the debug entries and the CodeView PDB path, GUID and age must agree. llvm-readobj missing
 * is a failure, never a skip (`.ci/run` installs llvm).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compareBinary } from '../../../src/core/binary/compare-binary'
import { OUTSIDE_SECTIONS_FACT } from '../../../src/core/binary/elf'
import { parsePe, PE_FORMAT } from '../../../src/core/binary/pe'
import { detectBinary, parseBinary } from '../../../src/core/binary/registry'
import type { BinaryStructure } from '../../../src/core/binary/types'
import { CoreFailure } from '../../../src/core/errors'
import { buildPe, Chunk, samplePyd, type PydOptions } from './build-pe'

const scratch = mkdtempSync(join(tmpdir(), 'reprodiff-pe-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const PDB = 'D:\\a\\proj\\build\\lib.win-amd64\\_speedups.pdb'

function llvmReadobj(args: string[], file: string): string {
  try {
    return execFileSync('llvm-readobj', [...args, file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
  } catch (error) {
    throw new Error(`llvm-readobj (Debian package llvm) is needed by this test and must be on PATH (.ci/run installs it): ${String(error)}`)
  }
}

/** The lines of the block that opens with `title {` at the start of a line, up to its closing brace at the same indent. */
function blocks(output: string, title: string): string[] {
  const found: string[] = []
  const pattern = new RegExp(`^( *)${title} \\{\\n([\\s\\S]*?)^\\1\\}`, 'gm')
  for (const match of output.matchAll(pattern)) found.push(match[2])
  return found
}

/** A `Key: value` of a block as a number: the hex in parentheses (`IMAGE_FILE_MACHINE_AMD64 (0x8664)`), 0x…, or decimal. */
function valueOf(block: string, key: string): number {
  const line = new RegExp(`^ *${key}: (.*)$`, 'm').exec(block) ?? new RegExp(`^ *${key} \\[ \\((0x[0-9A-F]+)\\)`, 'm').exec(block)
  if (!line) throw new Error(`llvm-readobj printed no ${key}`)
  const text = line[1]
  const parenthesised = /\((0x[0-9A-Fa-f]+)\)\s*$/.exec(text)
  if (parenthesised) return parseInt(parenthesised[1], 16)
  return text.startsWith('0x') ? parseInt(text, 16) : Number(text)
}

/** Spec field → llvm-readobj's name for it (COFFDumper.cpp), in the file header and optional header blocks. */
const FILE_HEADER_KEYS: [string, string][] = [
  ['Machine', 'Machine'], ['NumberOfSections', 'SectionCount'], ['TimeDateStamp', 'TimeDateStamp'],
  ['PointerToSymbolTable', 'PointerToSymbolTable'], ['NumberOfSymbols', 'SymbolCount'],
  ['SizeOfOptionalHeader', 'OptionalHeaderSize'], ['Characteristics', 'Characteristics'],
]
const OPTIONAL_HEADER_KEYS: [string, string][] = [
  'Magic', 'MajorLinkerVersion', 'MinorLinkerVersion', 'SizeOfCode', 'SizeOfInitializedData', 'SizeOfUninitializedData',
  'AddressOfEntryPoint', 'BaseOfCode', 'ImageBase', 'SectionAlignment', 'FileAlignment', 'MajorOperatingSystemVersion',
  'MinorOperatingSystemVersion', 'MajorImageVersion', 'MinorImageVersion', 'MajorSubsystemVersion', 'MinorSubsystemVersion',
  'SizeOfImage', 'SizeOfHeaders', 'Subsystem', 'SizeOfStackReserve', 'SizeOfStackCommit', 'SizeOfHeapReserve', 'SizeOfHeapCommit',
].map((name): [string, string] => [name, name])
OPTIONAL_HEADER_KEYS.push(['DllCharacteristics', 'Characteristics'], ['NumberOfRvaAndSizes', 'NumberOfRvaAndSize'])
/** Our DataDirectory names → llvm-readobj's prefixes (`ExportTableRVA`, `ExportTableSize`). */
const DIRECTORY_KEYS: [string, string][] = [
  ['EXPORT', 'ExportTable'], ['IMPORT', 'ImportTable'], ['RESOURCE', 'ResourceTable'], ['EXCEPTION', 'ExceptionTable'],
  ['CERTIFICATE', 'CertificateTable'], ['BASE_RELOCATION', 'BaseRelocationTable'], ['DEBUG', 'Debug'],
  ['ARCHITECTURE', 'Architecture'], ['GLOBAL_PTR', 'GlobalPtr'], ['TLS', 'TLSTable'], ['LOAD_CONFIG', 'LoadConfigTable'],
  ['BOUND_IMPORT', 'BoundImport'], ['IAT', 'IAT'], ['DELAY_IMPORT_DESCRIPTOR', 'DelayImportDescriptor'],
  ['CLR_RUNTIME_HEADER', 'CLRRuntimeHeader'], ['RESERVED', 'Reserved'],
]
const SECTION_KEYS: [string, string][] = [
  ['VirtualSize', 'VirtualSize'], ['VirtualAddress', 'VirtualAddress'], ['PointerToRawData', 'PointerToRawData'],
  ['PointerToRelocations', 'PointerToRelocations'], ['PointerToLinenumbers', 'PointerToLineNumbers'],
  ['NumberOfRelocations', 'RelocationCount'], ['NumberOfLinenumbers', 'LineNumberCount'], ['Characteristics', 'Characteristics'],
]

function header(structure: BinaryStructure, field: string) {
  return structure.header.find((entry) => entry.field === field)?.value
}

const realSections = (structure: BinaryStructure) => structure.sections.filter((section) => !section.name.startsWith('('))

function checkAgainstLlvm(file: string, structure: BinaryStructure): void {
  const output = llvmReadobj(['--file-headers', '--sections', '--coff-imports', '--coff-exports', '--coff-debug-directory'], file)
  const [fileHeader] = blocks(output, 'ImageFileHeader')
  for (const [field, key] of FILE_HEADER_KEYS) expect(header(structure, field), field).toBe(valueOf(fileHeader, key))
  const [optional] = blocks(output, 'ImageOptionalHeader')
  const keys = header(structure, 'Magic') === 0x10b ? [...OPTIONAL_HEADER_KEYS, ['BaseOfData', 'BaseOfData'] as [string, string]] : OPTIONAL_HEADER_KEYS
  for (const [field, key] of keys) expect(header(structure, field), field).toBe(valueOf(optional, key))
  for (const [name, key] of DIRECTORY_KEYS) {
    expect(header(structure, `DataDirectory[${name}].VirtualAddress`), name).toBe(valueOf(optional, `${key}RVA`))
    expect(header(structure, `DataDirectory[${name}].Size`), name).toBe(valueOf(optional, `${key}Size`))
  }
  const [dos] = blocks(output, 'DOSHeader')
  expect(dos).toMatch(/Magic: MZ/)
  expect(header(structure, 'e_magic')).toBe(0x5a4d)
  expect(header(structure, 'e_lfanew')).toBe(valueOf(dos, 'AddressOfNewExeHeader'))
  const sections = blocks(output, 'Section')
  expect(sections.length, 'llvm-readobj lists the sections').toBeGreaterThan(0)
  expect(realSections(structure).map((section) => section.name)).toEqual(sections.map((block) => /Name: (\S+)/.exec(block)![1]))
  sections.forEach((block, i) => {
    const section = realSections(structure)[i]
    expect(section.size, `${section.name} SizeOfRawData`).toBe(valueOf(block, 'RawDataSize'))
    for (const [fact, key] of SECTION_KEYS) expect(section.facts?.[fact], `${section.name} ${fact}`).toBe(valueOf(block, key))
  })
  expect(structure.facts.imports ?? []).toEqual(blocks(output, 'Import').map((block) => /^ *Name: (.*)$/m.exec(block)![1]))
  const exported = blocks(output, 'Export').map((block) => /^ *Name: (.*)$/m.exec(block)![1]).filter((name) => name !== '')
  for (const name of exported) expect(structure.symbols).toContain(name)
  const entries = blocks(output, 'DebugEntry')
  const ours = (structure.facts['debug directory'] ?? []) as string[]
  expect(ours.map((line) => /^type (\d+) \(\w+\) TimeDateStamp 0x([0-9a-f]{8}) size (\d+)$/.exec(line)!.slice(1).map((n, i) => parseInt(n, i === 1 ? 16 : 10))))
    .toEqual(entries.map((entry) => [valueOf(entry, 'Type'), valueOf(entry, 'TimeDateStamp'), valueOf(entry, 'SizeOfData')]))
  const [pdbInfo] = blocks(output, 'PDBInfo')
  if (!pdbInfo) return expect(structure.facts['CodeView PDB']).toBeUndefined()
  expect(structure.facts['CodeView PDB']).toBe(/PDBFileName: (.*)$/m.exec(pdbInfo)![1])
  expect(structure.facts['CodeView GUID']).toBe(/PDBGUID: \((.*)\)$/m.exec(pdbInfo)![1])
  expect(structure.facts['CodeView Age']).toBe(String(valueOf(pdbInfo, 'PDBAge')))
}

function check(label: string, bytes: Uint8Array): BinaryStructure {
  const file = join(scratch, `${label}.pyd`)
  writeFileSync(file, bytes)
  const structure = parsePe(bytes)
  checkAgainstLlvm(file, structure)
  return structure
}

const RICH = Uint8Array.from([...new TextEncoder().encode('DanS'), ...new Uint8Array(12), ...new TextEncoder().encode('Rich'), 1, 2, 3, 4])

describe('PE against llvm-readobj', () => {
  it('a PE32+ x64 extension module: imports, export, CodeView RSDS', () => {
    const structure = check('x64', samplePyd({ is64: true, debug: { pdb: PDB, age: 3 } }))
    expect(realSections(structure).map((section) => section.name)).toEqual(['.text', '.rdata', '.data', '.pdata', '.reloc', '.bss'])
    expect(structure.facts).toMatchObject({ imports: ['python311.dll', 'KERNEL32.dll'], exports: '_speedups.cp311-win_amd64.pyd', 'CodeView PDB': PDB, 'CodeView Age': '3', Reproducible: 'no' })
    expect(structure.symbols).toEqual(['PyInit__speedups'])
    expect(structure.sections.find((section) => section.name === '.bss')).toMatchObject({ size: 0, sha256: null, facts: { VirtualSize: 0x80 } })
    expect(structure.sections.find((section) => section.name === '.bss')?.fileRange).toBeUndefined()
    expect(header(structure, 'Win32VersionValue')).toBe(0)
    expect(header(structure, 'LoaderFlags')).toBe(0)
    expect(header(structure, 'BaseOfData')).toBeUndefined()
  })

  it('a PE32+ image with a REPRO entry, a Rich header, an overlay and a certificate table', () => {
    const structure = check('repro', samplePyd({
      is64: true, TimeDateStamp: 0x9a3f17c5, debug: { pdb: '_speedups.pdb', repro: true }, stubExtra: RICH,
      overlay: new TextEncoder().encode('PK appended'), certificate: new Chunk(0, 0).u32(16).u16(0x200).u16(2).u32(0xdeadbeef).u32(0).toBytes(),
    }))
    expect(structure.facts.Reproducible).toBe('yes')
    expect(structure.facts['debug directory']).toEqual(['type 2 (CODEVIEW) TimeDateStamp 0x9a3f17c5 size 38', 'type 16 (REPRO) TimeDateStamp 0x9a3f17c5 size 36'])
    const pseudo = structure.sections.filter((section) => section.name.startsWith('('))
    // The overlay is the 11 appended bytes and the 5 that pad the certificate table to its 8-byte alignment.
    expect(pseudo.map((section) => [section.name, section.size])).toEqual([['(DOS stub)', 56 + 32], ['(certificate table)', 16], ['(overlay)', 16]])
  })

  it('a PE32 i386 extension module (BaseOfData, 32-bit ImageBase and thunks)', () => {
    const structure = check('i386', samplePyd({ is64: false }))
    expect(header(structure, 'Machine')).toBe(0x14c)
    expect(header(structure, 'BaseOfData')).toBe(0x2000)
    expect(structure.facts.imports).toEqual(['python311.dll', 'KERNEL32.dll'])
    expect(structure.facts['CodeView PDB']).toBe('D:\\a\\proj\\build\\lib.win32\\_speedups.pdb')
  })

  it('MinGW-style long section names (/4) resolved through the COFF string table, and COFF symbol names', () => {
    const bytes = samplePyd({ is64: true, symbols: ['PyInit__speedups', 'speedups_state_initialise', 'main'], extraSections: [{ name: '.debug_info', characteristics: 0x42000040, data: new Uint8Array(40).fill(7) }] })
    const structure = check('mingw', bytes)
    expect(realSections(structure).at(-1)?.name).toBe('.debug_info')
    expect(structure.symbols).toEqual(['PyInit__speedups', 'main', 'speedups_state_initialise'])
    const symbols = llvmReadobj(['--symbols'], join(scratch, 'mingw.pyd'))
    expect([...symbols.matchAll(/^ *Name: (\S+)$/gm)].map((m) => m[1]).sort()).toEqual(['PyInit__speedups', 'main', 'speedups_state_initialise'])
    expect(structure.sections.find((section) => section.name === '(COFF symbol table)')?.size).toBeGreaterThan(3 * 18)
  })
})

/** Offsets of the headers of a built image, to corrupt them. */
function offsets(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const e_lfanew = view.getUint32(0x3c, true)
  const coff = e_lfanew + 4
  const optional = coff + 20
  const is64 = view.getUint16(optional, true) === 0x20b
  const directories = optional + (is64 ? 112 : 96)
  const sectionTable = optional + view.getUint16(coff + 16, true)
  return { view, e_lfanew, coff, optional, directories, sectionTable, directory: (index: number) => directories + 8 * index, section: (index: number) => sectionTable + 40 * index }
}

function failureOf(bytes: Uint8Array) {
  try {
    parsePe(bytes)
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(CoreFailure)
    return (thrown as CoreFailure).error
  }
  throw new Error('expected a coded failure')
}

const sample = (options: Partial<PydOptions> = {}) => samplePyd({ is64: true, ...options })

describe('PE details', () => {
  it('is detected from its bytes by the registry, whatever the name', () => {
    const bytes = sample()
    expect(detectBinary(bytes.subarray(0, 64), 'no-extension')?.format).toBe('pe')
    expect(parseBinary(bytes, 'pkg/_speedups.cp311-win_amd64.pyd')).toMatchObject({ format: 'pe', facts: { exports: '_speedups.cp311-win_amd64.pyd' } })
    // "MZ" whose e_lfanew points, inside the head, at anything but "PE\0\0" is no PE (an MS-DOS program).
    const dos = bytes.slice(0, 0x80)
    dos[0x3c] = 0x40
    expect(PE_FORMAT.detect(dos, 'x.exe')).toBe(false)
    expect(PE_FORMAT.detect(new TextEncoder().encode('MZ is a text file that starts like an executable, but is not one.'), 'x.txt')).toBe(true)
    expect(PE_FORMAT.detect(new TextEncoder().encode('MZ short'), 'x.txt')).toBe(false)
  })

  it('keeps a 64-bit ImageBase beyond 2^53 as a hex string', () => {
    const bytes = sample()
    const { view, optional } = offsets(bytes)
    view.setBigUint64(optional + 24, 0xffff800000010000n, true)
    expect(header(parsePe(bytes), 'ImageBase')).toBe('0xffff800000010000')
  })

  it('shows the DOS stub (and Rich header) as a section, and the unused MS-DOS header fields as bytes outside sections', () => {
    const left = sample({ stubExtra: RICH })
    const rich = left.slice()
    rich[0x78 + 20] ^= 0xff // inside "Rich" + checksum, after the stub program
    const dosField = left.slice()
    dosField[0x20] = 0x41 // e_res2, a field the PE format does not use
    const [l, r, d] = [parsePe(left), parsePe(rich), parsePe(dosField)]
    expect(r.sections[0].name).toBe('(DOS stub)')
    expect(r.sections[0].sha256).not.toBe(l.sections[0].sha256)
    expect(d.header).toEqual(l.header)
    expect(d.sections).toEqual(l.sections)
    expect(d.facts[OUTSIDE_SECTIONS_FACT]).not.toBe(l.facts[OUTSIDE_SECTIONS_FACT])
  })

  it('counts padding after the headers and bytes after a section name\'s NUL as bytes outside sections', () => {
    const left = sample()
    const { sectionTable } = offsets(left)
    const right = left.slice()
    right[sectionTable + 6 * 40 + 3] = 0x99 // between the section table and SizeOfHeaders
    const nameTail = left.slice()
    nameTail[sectionTable + 5 * 40 + 6] = 0x58 // ".bss\0\0X\0": a byte after the NUL that ends the name
    for (const changed of [right, nameTail]) {
      expect(parsePe(changed).sections).toEqual(parsePe(left).sections)
      expect(parsePe(changed).facts[OUTSIDE_SECTIONS_FACT]).not.toBe(parsePe(left).facts[OUTSIDE_SECTIONS_FACT])
    }
  })

  it('gives every section with raw data its file range, and splits an overlay around the certificate table', () => {
    const structure = parsePe(sample({ overlay: new Uint8Array(100).fill(1), certificate: new Uint8Array(16).fill(2) }))
    const text = structure.sections.find((section) => section.name === '.text')!
    expect(text.fileRange).toEqual({ offset: text.facts!.PointerToRawData, size: 0x200 })
    const overlays = structure.sections.filter((section) => section.name === '(overlay)')
    expect(overlays.map((section) => section.size)).toEqual([104])
  })
})

describe('PE bounds', () => {
  it('a cut file is TRUNCATED with the offset of what runs past the end', () => {
    const bytes = sample()
    expect(failureOf(bytes.subarray(0, 0x30))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    const cut = failureOf(bytes.subarray(0, bytes.length - 100))
    expect(cut.code).toBe('TRUNCATED')
    expect(cut.offset).toBeGreaterThan(0x400)
  })

  it('e_lfanew past the end of the file is TRUNCATED at e_lfanew; no signature there is CORRUPT_STRUCTURE', () => {
    const bytes = sample()
    offsets(bytes).view.setUint32(0x3c, 0x7fff0000, true)
    expect(failureOf(bytes)).toMatchObject({ code: 'TRUNCATED', offset: 0x7fff0000 })
    const unsigned = sample()
    unsigned[offsets(unsigned).e_lfanew] = 0x4e // "NE\0\0": a 16-bit Windows executable
    expect(failureOf(unsigned)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: offsets(unsigned).e_lfanew })
  })

  it('NumberOfSections 65535 is TRUNCATED at the section table, not 65535 reads', () => {
    const bytes = sample()
    const { view, coff, sectionTable } = offsets(bytes)
    view.setUint16(coff + 2, 0xffff, true)
    expect(failureOf(bytes)).toMatchObject({ code: 'TRUNCATED', offset: sectionTable, message: expect.stringContaining('65535 sections') })
  })

  it('a section whose raw data runs past the end is TRUNCATED at its PointerToRawData', () => {
    const bytes = sample()
    const { view, section } = offsets(bytes)
    view.setUint32(section(2) + 16, 0x100000, true) // .data SizeOfRawData
    expect(failureOf(bytes)).toMatchObject({ code: 'TRUNCATED', offset: view.getUint32(section(2) + 20, true) })
  })

  it('a bad optional header Magic, or a SizeOfOptionalHeader too small for its fields, is CORRUPT_STRUCTURE', () => {
    const magic = sample()
    offsets(magic).view.setUint16(offsets(magic).optional, 0x107, true) // a ROM image
    expect(failureOf(magic)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: offsets(magic).optional })
    const small = sample()
    offsets(small).view.setUint16(offsets(small).coff + 16, 100, true)
    expect(failureOf(small).code).toBe('CORRUPT_STRUCTURE')
  })

  it('an RVA in no section is an error of that fact only: the rest still parses', () => {
    const bytes = sample()
    const { view, directory } = offsets(bytes)
    view.setUint32(directory(1), 0x900000, true) // DataDirectory[IMPORT].VirtualAddress
    const structure = parsePe(bytes)
    expect(structure.facts.imports).toBe(`error CORRUPT_STRUCTURE at offset ${directory(1)}: PE import descriptor 0 (DataDirectory[IMPORT]): RVA 0x900000 lies in no section's data`)
    expect(structure.facts.exports).toBe('_speedups.cp311-win_amd64.pyd')
    expect(structure.facts['CodeView PDB']).toBe(PDB)
    expect(realSections(structure)).toHaveLength(6)
    const debug = sample()
    offsets(debug).view.setUint32(offsets(debug).directory(6), 0x123, true) // DataDirectory[DEBUG] inside the headers
    expect(parsePe(debug).facts['debug directory']).toMatch(/^error CORRUPT_STRUCTURE at offset \d+: .*RVA 0x123 lies in no section/)
  })

  /** An `.idata` section: one DLL name (16 bytes), then `count` import descriptors naming it, with no null entry. */
  function endlessImports(count: number): Uint8Array {
    return buildPe({ is64: true, sections: [{ name: '.idata', characteristics: 0xc0000040, data: (place) => {
      const out = new Chunk(place.va, place.fileOffset).text('python311.dll').align(16)
      for (let i = 0; i < count; i++) out.u32(0).u32(0).u32(0).u32(place.va).u32(0)
      place.directory('IMPORT', place.va + 16, 20)
      return out.toBytes()
    } }] })
  }

  it('an import directory without its null entry stops at the end of its section, as an error of `imports`', () => {
    // 16 + 76 × 20 = 1536 bytes: the descriptors fill the section's raw data to its last byte.
    expect(parsePe(endlessImports(76)).facts.imports).toMatch(/^error CORRUPT_STRUCTURE at offset \d+: PE import descriptor 76 \(DataDirectory\[IMPORT\]\): RVA 0x1600 lies in no section's data$/)
  })

  it('70,000 import descriptors end at the named bound quickly', () => {
    const bytes = endlessImports(70_000)
    const started = performance.now()
    expect(parsePe(bytes).facts.imports).toMatch(/^error LIMIT_EXCEEDED at offset \d+: .*more than 65,536 descriptors/)
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('never throws on random bytes behind an MZ header', () => {
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const base = sample({ certificate: new Uint8Array(8), symbols: ['a_long_symbol_name'] })
    for (let round = 0; round < 300; round++) {
      const bytes = base.slice()
      for (let flips = 0; flips < 4; flips++) bytes[2 + Math.floor(random() * 0x600)] = Math.floor(random() * 256)
      expect(() => parseBinary(bytes, 'x.pyd')).not.toThrow()
    }
  })
})

describe('PE compared', () => {
  it('a different TimeDateStamp and PDB path are header and fact differences, a changed .rdata a modified section', () => {
    const left = parsePe(samplePyd({ is64: true, TimeDateStamp: 0x65000000, debug: { pdb: 'D:\\a\\proj\\build\\lib.win-amd64\\_speedups.pdb' } }))
    const right = parsePe(samplePyd({ is64: true, TimeDateStamp: 0x65000100, debug: { pdb: 'C:\\Users\\runner\\build\\lib.win-amd64\\_speedups.pdb' }, rdataText: 'speedups: build 2' }))
    const comparison = compareBinary(left, right)!
    expect(comparison.format).toBe('pe')
    expect(comparison.header.find((field) => field.field === 'TimeDateStamp')).toEqual({ field: 'TimeDateStamp', left: 0x65000000, right: 0x65000100 })
    expect(comparison.facts.find((fact) => fact.field === 'CodeView PDB')).toEqual({ field: 'CodeView PDB', left: 'D:\\a\\proj\\build\\lib.win-amd64\\_speedups.pdb', right: 'C:\\Users\\runner\\build\\lib.win-amd64\\_speedups.pdb' })
    const status = Object.fromEntries(comparison.sections.map((section) => [section.name, section.status]))
    expect(status).toEqual({ '(DOS stub)': 'identical', '.text': 'identical', '.rdata': 'modified', '.data': 'identical', '.pdata': 'identical', '.reloc': 'identical', '.bss': 'identical' })
    expect(comparison.sections.find((section) => section.name === '.rdata')?.changed).toEqual(['VirtualSize'])
  })
})
