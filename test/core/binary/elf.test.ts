/**
 * The ELF reader against a second reader, readelf(1) from binutils: for every fixture (gcc-built 64-bit LE,
 * hand-built 32-bit and big-endian, extended numbering) the header values, every section's name, type, size and
 * offset, the build-id, DT_SONAME, DT_NEEDED and the symbol names must agree. readelf missing is a failure,
 * never a skip (`.ci/run` installs binutils).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CoreFailure } from '../../../src/core/errors'
import { OUTSIDE_SECTIONS_FACT, parseElf } from '../../../src/core/binary/elf'
import type { BinaryStructure } from '../../../src/core/binary/types'
import { SHT, buildElf, sampleLibrary, stringTable, symbolEntries } from './build-elf'

const FIXTURES = join(import.meta.dirname, '../../fixtures/binaries')
const GCC_FIXTURES = ['build-path/left/libdemo.so', 'build-path/right/libdemo.so', 'symbols/left/libdemo.so', 'symbols/right/libdemo.so', 'object/demo.o']
const scratch = mkdtempSync(join(tmpdir(), 'reprodiff-elf-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function readelf(args: string[], file: string): string {
  try {
    return execFileSync('readelf', [...args, file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
  } catch (error) {
    throw new Error(`readelf (binutils) is needed by this test and must be on PATH (.ci/run installs it): ${String(error)}`)
  }
}

/** readelf's section type names (binutils readelf.c get_section_type_name) for the types our fixtures hold. */
const TYPE_NAMES: Record<string, number> = {
  NULL: 0, PROGBITS: 1, SYMTAB: 2, STRTAB: 3, RELA: 4, HASH: 5, DYNAMIC: 6, NOTE: 7, NOBITS: 8, REL: 9, DYNSYM: 11,
  INIT_ARRAY: 14, FINI_ARRAY: 15, GROUP: 17, GNU_HASH: 0x6ffffff6, VERDEF: 0x6ffffffd, VERNEED: 0x6ffffffe, VERSYM: 0x6fffffff,
  X86_64_UNWIND: 0x70000001,
}

const HEADER_LINES: [RegExp, string, (match: string) => number][] = [
  [/Class:\s+ELF(\d+)/, 'e_ident[EI_CLASS]', (bits) => (bits === '64' ? 2 : 1)],
  [/Data:\s+2's complement, (\w+) endian/, 'e_ident[EI_DATA]', (order) => (order === 'little' ? 1 : 2)],
  [/^\s+Version:\s+(\d+) \(current\)/m, 'e_ident[EI_VERSION]', Number],
  [/OS\/ABI:\s+(UNIX - System V)/, 'e_ident[EI_OSABI]', () => 0],
  [/ABI Version:\s+(\d+)/, 'e_ident[EI_ABIVERSION]', Number],
  [/Type:\s+(\w+) \(/, 'e_type', (type) => ({ REL: 1, EXEC: 2, DYN: 3, CORE: 4 })[type] ?? -1],
  [/Machine:\s+(Advanced Micro Devices X86-64)/, 'e_machine', () => 62],
  [/Version:\s+0x([0-9a-f]+)/, 'e_version', (hex) => parseInt(hex, 16)],
  [/Entry point address:\s+0x([0-9a-f]+)/, 'e_entry', (hex) => parseInt(hex, 16)],
  [/Start of program headers:\s+(\d+)/, 'e_phoff', Number],
  [/Start of section headers:\s+(\d+)/, 'e_shoff', Number],
  [/Flags:\s+0x([0-9a-f]+)/, 'e_flags', (hex) => parseInt(hex, 16)],
  [/Size of this header:\s+(\d+)/, 'e_ehsize', Number],
  [/Size of program headers:\s+(\d+)/, 'e_phentsize', Number],
  [/Number of program headers:\s+(\d+)/, 'e_phnum', Number],
  [/Size of section headers:\s+(\d+)/, 'e_shentsize', Number],
  [/Number of section headers:\s+(\d+)/, 'e_shnum', Number],
  [/Section header string table index:\s+(\d+)/, 'e_shstrndx', Number],
]

function headerValue(structure: BinaryStructure, field: string) {
  return structure.header.find((entry) => entry.field === field)?.value
}

function checkAgainstReadelf(file: string, structure: BinaryStructure): void {
  const output = readelf(['-hSW', '--notes', '-d'], file)
  for (const [pattern, field, convert] of HEADER_LINES) {
    const match = pattern.exec(output)
    expect(match, `readelf prints ${field}`).not.toBeNull()
    expect(headerValue(structure, field), field).toBe(convert(match![1]))
  }
  const rows = [...output.matchAll(/^\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)/gm)].filter((row) => row[1] !== '0')
  expect(rows.length, 'readelf lists the sections').toBeGreaterThan(3)
  expect(structure.sections.map((section) => section.name)).toEqual(rows.map((row) => row[2]))
  rows.forEach((row, i) => {
    const section = structure.sections[i]
    expect(TYPE_NAMES[row[3]], `type ${row[3]} is known to the test`).toBeDefined()
    expect(section.facts?.sh_type, `${section.name} sh_type`).toBe(TYPE_NAMES[row[3]])
    expect(section.facts?.sh_addr, `${section.name} sh_addr`).toBe(parseInt(row[4], 16))
    expect(section.facts?.sh_offset, `${section.name} sh_offset`).toBe(parseInt(row[5], 16))
    expect(section.size, `${section.name} size`).toBe(parseInt(row[6], 16))
  })
  const buildId = /Build ID: ([0-9a-f]+)/.exec(output)?.[1]
  expect(structure.facts.NT_GNU_BUILD_ID).toBe(buildId)
  const soname = /\(SONAME\)\s+Library soname: \[(.*)\]/.exec(output)?.[1]
  if (soname !== undefined || output.includes('(NEEDED)')) {
    expect(structure.facts.DT_SONAME).toBe(soname)
    expect(structure.facts.DT_NEEDED).toEqual([...output.matchAll(/\(NEEDED\)\s+Shared library: \[(.*)\]/g)].map((m) => m[1]))
    expect(structure.facts.DT_RUNPATH).toBe(/\(RUNPATH\)\s+Library runpath: \[(.*)\]/.exec(output)?.[1])
    expect(structure.facts.DT_RPATH).toBe(/\(RPATH\)\s+Library rpath: \[(.*)\]/.exec(output)?.[1])
  }
}

/**
 * readelf -sW names. In `.dynsym` readelf appends the symbol version from `.gnu.version` (`sqrt@GLIBC_2.2.5 (2)`),
 * which is not part of the name; in `.symtab` such a suffix is the stored name itself. A section symbol
 * (st_name 0) is shown by its section's name, which is no symbol name.
 */
function readelfSymbols(file: string): string[] {
  const names = new Set<string>()
  for (const table of readelf(['-sW'], file).split(/^Symbol table '/m).slice(1)) {
    const versioned = table.startsWith('.dynsym')
    for (const match of table.matchAll(/^ *\d+: +[0-9a-f]+ +\d+ +(\w+) +\w+ +\w+ +\w+ +(\S+)/gm)) {
      if (match[1] !== 'SECTION') names.add(versioned ? match[2].replace(/@.*$/, '') : match[2])
    }
  }
  return [...names].sort()
}

describe('ELF against readelf', () => {
  for (const name of GCC_FIXTURES) {
    it(`${name} (gcc, 64-bit little-endian)`, () => {
      const file = join(FIXTURES, name)
      const structure = parseElf(readFileSync(file))
      checkAgainstReadelf(file, structure)
      expect(structure.symbols).toEqual(readelfSymbols(file))
    })
  }

  it('a program linked on this machine (/usr/bin/true: an 8-byte aligned .note.gnu.property before the build-id)', () => {
    const file = '/usr/bin/true'
    const structure = parseElf(readFileSync(file))
    checkAgainstReadelf(file, structure)
    expect(structure.sections.find((section) => section.name === '.note.gnu.property')?.facts?.sh_addralign).toBe(8)
  })

  const handBuilt = [
    { label: '32-bit big-endian', is64: false, little: false },
    { label: '32-bit little-endian', is64: false, little: true },
    { label: '64-bit big-endian', is64: true, little: false },
    { label: '64-bit little-endian, extended numbering', is64: true, little: true, extendedNumbering: true },
    { label: '32-bit big-endian, extended numbering', is64: false, little: false, extendedNumbering: true },
  ]
  for (const { label, ...options } of handBuilt) {
    it(`${label} (built by hand)`, () => {
      const bytes = sampleLibrary(options)
      const file = join(scratch, `${label.replace(/\W+/g, '-')}.elf`)
      writeFileSync(file, bytes)
      const structure = parseElf(bytes)
      checkAgainstReadelf(file, structure)
      expect(structure.symbols).toEqual(readelfSymbols(file))
      // readelf -d reads the dynamic segment, which these files lack: the section's values are checked here.
      expect(structure.facts).toMatchObject({ DT_SONAME: 'libdemo.so.1', DT_NEEDED: ['libm.so.6'], DT_RUNPATH: '$ORIGIN/lib', '.comment': ['GCC: (Debian 12.2.0-14) 12.2.0'] })
      expect(headerValue(structure, 'e_shnum')).toBe(options.extendedNumbering ? 0 : 9)
      expect(structure.sections.find((section) => section.name === '.bss')).toMatchObject({ size: 64, sha256: null })
    })
  }
})

describe('ELF details', () => {
  it('hashes each section and the bytes outside every section', () => {
    const structure = parseElf(readFileSync(join(FIXTURES, 'build-path/left/libdemo.so')))
    const text = structure.sections.find((section) => section.name === '.text')!
    expect(text.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(structure.facts['.comment']).toEqual([expect.stringMatching(/^GCC: /)])
    expect(structure.facts[OUTSIDE_SECTIONS_FACT]).toMatch(/^\d+ bytes, SHA-256 [0-9a-f]{64}$/)
  })

  it('keeps a 64-bit value beyond 2^53 as a hex string', () => {
    const bytes = sampleLibrary({ is64: true, little: true })
    new DataView(bytes.buffer).setBigUint64(24, 0xffffffff00000010n, true) // e_entry
    expect(headerValue(parseElf(bytes), 'e_entry')).toBe('0xffffffff00000010')
  })

  it('changes the bytes outside sections when only alignment padding between two sections differs', () => {
    const left = sampleLibrary({ is64: true, little: true })
    const right = left.slice()
    right[0xa4] ^= 0xff // after .dynstr (0x68 + 0x3a) and before .dynsym (0xa8): padding no section holds
    const [leftStructure, rightStructure] = [parseElf(left), parseElf(right)]
    expect(rightStructure.sections).toEqual(leftStructure.sections)
    expect(rightStructure.facts[OUTSIDE_SECTIONS_FACT]).not.toBe(leftStructure.facts[OUTSIDE_SECTIONS_FACT])
  })

  it('counts e_ident padding and section 0\'s entry as bytes outside sections: no field stands for them', () => {
    const left = sampleLibrary({ is64: false, little: false })
    const padding = left.slice()
    padding[12] = 0x41 // e_ident[EI_PAD]
    const entryZero = left.slice()
    const shoff = new DataView(left.buffer).getUint32(32, false)
    entryZero[shoff + 20] = 0x01 // section 0's sh_size, unused without extended numbering
    for (const right of [padding, entryZero]) {
      expect(parseElf(right).header).toEqual(parseElf(left).header)
      expect(parseElf(right).facts[OUTSIDE_SECTIONS_FACT]).not.toBe(parseElf(left).facts[OUTSIDE_SECTIONS_FACT])
    }
  })
})

function failureOf(bytes: Uint8Array) {
  try {
    parseElf(bytes)
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(CoreFailure)
    return (thrown as CoreFailure).error
  }
  throw new Error('expected a coded failure')
}

describe('ELF bounds', () => {
  it('a cut file is TRUNCATED with the offset of what runs past the end', () => {
    const bytes = sampleLibrary({ is64: true, little: true })
    const error = failureOf(bytes.subarray(0, bytes.length - 10))
    expect(error.code).toBe('TRUNCATED')
    expect(error.offset).toBeGreaterThan(0)
    expect(failureOf(bytes.subarray(0, 30)).code).toBe('TRUNCATED')
  })

  it('a section whose data runs past the end is TRUNCATED at that section', () => {
    const bytes = sampleLibrary({ is64: false, little: true })
    const view = new DataView(bytes.buffer)
    const shoff = view.getUint32(32, true)
    view.setUint32(shoff + 5 * 40 + 20, 0x7fffffff, true) // section 5 (.data) sh_size
    expect(failureOf(bytes)).toMatchObject({ code: 'TRUNCATED', offset: view.getUint32(shoff + 5 * 40 + 16, true) })
  })

  it('too many sections is a named LIMIT_EXCEEDED, not an allocation', () => {
    const bytes = sampleLibrary({ is64: true, little: true, extendedNumbering: true })
    const view = new DataView(bytes.buffer)
    view.setBigUint64(Number(view.getBigUint64(40, true)) + 32, 5_000_000n, true) // section 0 sh_size = count
    expect(failureOf(bytes)).toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringContaining('100,000') })
  })

  it('a name offset outside .shstrtab, a bad class, a short e_shentsize are CORRUPT_STRUCTURE', () => {
    const names = sampleLibrary({ is64: true, little: true })
    const view = new DataView(names.buffer)
    view.setUint32(Number(view.getBigUint64(40, true)) + 64, 0xffff, true) // section 1 sh_name
    expect(failureOf(names).code).toBe('CORRUPT_STRUCTURE')
    const badClass = sampleLibrary({ is64: true, little: true })
    badClass[4] = 9
    expect(failureOf(badClass)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 4 })
    const shortEntries = sampleLibrary({ is64: true, little: true })
    new DataView(shortEntries.buffer).setUint16(58, 20, true)
    expect(failureOf(shortEntries).code).toBe('CORRUPT_STRUCTURE')
  })

  it('200,000 symbols pointing into one long string end in a named limit quickly, never a quadratic scan', () => {
    const strtab = new Uint8Array(2 * 1024 * 1024 + 2).fill(0x61)
    strtab[0] = 0
    strtab[strtab.length - 1] = 0
    const offsets = Array.from({ length: 200_000 }, (_, i) => 1 + i * 8)
    const bytes = buildElf({ is64: true, little: true, sections: [
      { name: '.strtab', type: SHT.STRTAB, data: strtab },
      { name: '.symtab', type: SHT.SYMTAB, link: 1, entsize: 24, data: symbolEntries(offsets, true, true) },
    ] })
    const started = performance.now()
    expect(failureOf(bytes)).toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringContaining("times the file's size") })
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('a symbol table that links to no string table is CORRUPT_STRUCTURE', () => {
    const strings = stringTable(['f'])
    const bytes = buildElf({ is64: true, little: true, sections: [
      { name: '.strtab', type: SHT.STRTAB, data: strings.bytes },
      { name: '.symtab', type: SHT.SYMTAB, link: 40, entsize: 24, data: symbolEntries(strings.offsets, true, true) },
    ] })
    expect(failureOf(bytes).code).toBe('CORRUPT_STRUCTURE')
  })
})
