/**
 * The Mach-O reader against a second reader, LLVM's llvm-readobj (header, sections, needed libraries, symbols,
 * minimum versions) and llvm-objdump --macho (load commands, LC_UUID, LC_RPATH, linkedit tables, fat headers),
 * on files built by build-macho.ts: a 64-bit x86_64 dylib, an arm64 bundle like a CPython extension, a 32-bit
 * i386 dylib, a big-endian ppc dylib and universal files. llvm missing is a failure, never a skip (`.ci/run`
 * installs the Debian package `llvm`). Then the bounds: every malformed structure is a coded error with its offset.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CoreFailure } from '../../../src/core/errors'
import { compareBinary } from '../../../src/core/binary/compare-binary'
import { OUTSIDE_SECTIONS_FACT } from '../../../src/core/binary/elf'
import { detectBinary, parseBinary } from '../../../src/core/binary/registry'
import { MACHO_FORMAT, parseMacho } from '../../../src/core/binary/macho'
import type { BinaryStructure } from '../../../src/core/binary/types'
import { buildFat, buildMacho, CPU, MH, sampleBundle, sampleDylib, sampleExecutable, sampleFat, sampleI386 } from './build-macho'

const scratch = mkdtempSync(join(tmpdir(), 'reprodiff-macho-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function run(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
  } catch (error) {
    throw new Error(`${tool} (Debian package llvm) is needed by this test and must be on PATH (.ci/run installs it): ${String(error)}`)
  }
}

function write(name: string, bytes: Uint8Array): string {
  const file = join(scratch, name)
  writeFileSync(file, bytes)
  return file
}

const headerValue = (structure: BinaryStructure, field: string) => structure.header.find((entry) => entry.field === field)?.value
/** The `(0x…)` of an llvm-readobj line such as `CpuType: X86-64 (0x1000007)`, or its plain number. */
function readobjNumber(text: string): number {
  const hex = /\(0x([0-9A-Fa-f]+)\)/.exec(text) ?? /^0x([0-9A-Fa-f]+)$/.exec(text.trim())
  return hex ? parseInt(hex[1], 16) : Number(text.trim())
}
function keyValues(block: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const line of block.split('\n')) {
    const match = /^\s*(\w+): (.*)$/.exec(line) ?? /^\s*(\w+) \[ (\(0x[0-9A-F]+\))$/.exec(line) // `Flags [ (0x85)`
    if (match && !(match[1] in values)) values[match[1]] = match[2]
  }
  return values
}
const listBlock = (output: string, name: string) => new RegExp(`^${name} \\[\\n([\\s\\S]*?)^\\]`, 'm').exec(output)?.[1] ?? ''

/** llvm-readobj's platform names (MachOObjectFile::getBuildPlatform) as LC_BUILD_VERSION numbers. */
const PLATFORMS: Record<string, number> = { macos: 1, ios: 2, tvos: 3, watchos: 4, bridgeos: 5, macCatalyst: 6 }
const version = (text: string) => (text === 'n/a' ? '0.0' : text)

/** One thin file's llvm-readobj output (a fat file prints one such block per slice, in fat_arch order). */
function checkReadobjBlock(block: string, structure: BinaryStructure): void {
  const header = keyValues(/MachHeader \{([\s\S]*?)\n\}/.exec(block)![1])
  const fields: [string, string][] = [['magic', 'Magic'], ['cputype', 'CpuType'], ['cpusubtype', 'CpuSubType'], ['filetype', 'FileType'], ['ncmds', 'NumOfLoadCommands'], ['sizeofcmds', 'SizeOfLoadCommands'], ['flags', 'Flags']]
  if ('Reserved' in header) fields.push(['reserved', 'Reserved'])
  else expect(headerValue(structure, 'reserved'), '32-bit headers have no reserved field').toBeUndefined()
  for (const [field, label] of fields) expect(headerValue(structure, field), field).toBe(readobjNumber(header[label]))

  const rows = [...listBlock(block, 'Sections').matchAll(/Section \{([\s\S]*?)\n {2}\}/g)].map((match) => keyValues(match[1]))
  const sections = structure.sections.filter((section) => !section.name.startsWith('('))
  expect(sections.map((section) => section.name)).toEqual(rows.map((row) => `${row.Segment.split(' ')[0]},${row.Name.split(' ')[0]}`))
  rows.forEach((row, i) => {
    const { size, facts, name } = sections[i]
    expect(size, `${name} size`).toBe(readobjNumber(row.Size))
    expect(facts?.addr, `${name} addr`).toBe(readobjNumber(row.Address))
    expect(facts?.offset, `${name} offset`).toBe(Number(row.Offset))
    expect(facts?.align, `${name} align`).toBe(Number(row.Alignment))
    expect(facts?.reloff, `${name} reloff`).toBe(readobjNumber(row.RelocationOffset))
    expect(facts?.nreloc, `${name} nreloc`).toBe(Number(row.RelocationCount))
    expect((facts?.flags as number) & 0xff, `${name} type`).toBe(readobjNumber(row.Type))
    expect((facts?.flags as number) >>> 8, `${name} attributes`).toBe(readobjNumber(row.Attributes))
    expect(facts?.reserved1, `${name} reserved1`).toBe(readobjNumber(row.Reserved1))
    expect(facts?.reserved2, `${name} reserved2`).toBe(readobjNumber(row.Reserved2))
    if (row.Reserved3) expect(facts?.reserved3, `${name} reserved3`).toBe(readobjNumber(row.Reserved3))
  })

  const symbolNames = [...listBlock(block, 'Symbols').matchAll(/^\s+Name: (.*) \(\d+\)$/gm)].map((match) => match[1]).filter(Boolean)
  expect(symbolNames.length, 'llvm-readobj lists symbols').toBeGreaterThan(0)
  expect(structure.symbols).toEqual([...new Set(symbolNames)].sort())

  // llvm-readobj's NeededLibraries: LC_ID_DYLIB and every dylib-loading command's name, sorted.
  const needed = listBlock(block, 'NeededLibraries').split('\n').map((line) => line.trim()).filter(Boolean)
  const ours = ['LC_ID_DYLIB', 'LC_LOAD_DYLIB', 'LC_LOAD_WEAK_DYLIB', 'LC_REEXPORT_DYLIB'].flatMap((fact) => structure.facts[fact] ?? [])
  expect(ours.sort()).toEqual(needed)

  const minVersion = keyValues(/MinVersion \{([\s\S]*?)\n\}/.exec(block)![1])
  const expected = minVersion.Cmd === 'LC_BUILD_VERSION'
    ? `platform ${PLATFORMS[minVersion.Platform]} minos ${version(minVersion.Version)} sdk ${version(minVersion.SDK)}`
    : `version ${version(minVersion.Version)} sdk ${version(minVersion.SDK)}`
  expect(structure.facts[minVersion.Cmd], minVersion.Cmd).toBe(expected)
}

/** llvm-objdump --macho --private-headers: every load command by name in order, LC_UUID, LC_RPATH, LC_ID_DYLIB, the linkedit tables. */
function checkObjdumpBlock(block: string, structure: BinaryStructure): void {
  const commands = [...block.matchAll(/^\s+cmd (\S+)$/gm)].map((match) => match[1])
  expect(structure.facts['load commands']).toEqual(commands)
  expect(structure.facts.LC_UUID).toBe(/^\s+uuid (\S+)$/m.exec(block)?.[1])
  expect(structure.facts.LC_RPATH ?? []).toEqual([...block.matchAll(/^\s+path (.*) \(offset \d+\)$/gm)].map((match) => match[1]))
  expect(structure.facts.LC_LOAD_DYLIB).toEqual([...block.matchAll(/cmd LC_LOAD_DYLIB\n.*\n\s+name (.*) \(offset \d+\)/g)].map((match) => match[1]))
  const id = /cmd LC_ID_DYLIB\n.*\n\s+name (.*) \(offset \d+\)\n\s+time stamp (\d+) /.exec(block)
  expect(structure.facts.LC_ID_DYLIB).toBe(id?.[1])
  expect(structure.facts['LC_ID_DYLIB timestamp']).toBe(id?.[2])
  const symtab = /cmd LC_SYMTAB\n.*\n\s+symoff (\d+)\n\s+nsyms (\d+)\n\s+stroff (\d+)\n\s+strsize (\d+)/.exec(block)!
  const table = (name: string) => structure.sections.find((section) => section.name === name)
  expect(table('(LC_SYMTAB symbols)')).toMatchObject({ facts: { offset: Number(symtab[1]), nsyms: Number(symtab[2]) } })
  expect(table('(LC_SYMTAB strings)')).toMatchObject({ size: Number(symtab[4]), facts: { offset: Number(symtab[3]) } })
  for (const match of block.matchAll(/cmd (LC_\w+)\n.*\n\s+dataoff (\d+)\n\s+datasize (\d+)/g)) {
    expect(table(`(${match[1]})`), match[1]).toMatchObject({ size: Number(match[3]), facts: { offset: Number(match[2]) }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
  }
  const dyldInfo = /cmd (LC_DYLD_INFO(?:_ONLY)?)\n.*\n([\s\S]*?export_size \d+)/.exec(block)
  const parts = dyldInfo ? [...dyldInfo[2].matchAll(/(\w+)_off (\d+)\n\s+\1_size (\d+)/g)] : []
  expect(parts.length, 'llvm-objdump prints the five dyld info streams').toBe(dyldInfo ? 5 : 0)
  for (const part of parts) {
    const name = `(${dyldInfo![1]} ${part[1]})`
    if (part[3] === '0') expect(table(name), `${name} is empty`).toBeUndefined()
    else expect(table(name), name).toMatchObject({ size: Number(part[3]), facts: { offset: Number(part[2]) } })
  }
  const main = /cmd LC_MAIN\n.*\n\s+entryoff (\d+)\n\s+stacksize (\d+)/.exec(block)
  expect(structure.facts.LC_MAIN).toBe(main ? `entryoff ${main[1]} stacksize ${main[2]}` : undefined)
  expect(structure.facts.LC_SOURCE_VERSION).toBe(/cmd LC_SOURCE_VERSION\n.*\n\s+version (\S+)/.exec(block)?.[1])
  expect(structure.facts.LC_LOAD_DYLINKER).toBe(/cmd LC_LOAD_DYLINKER\n.*\n\s+name (.*) \(offset \d+\)/.exec(block)?.[1])
}

function checkThin(name: string, bytes: Uint8Array): BinaryStructure {
  const file = write(name, bytes)
  const structure = parseMacho(bytes)
  checkReadobjBlock(run('llvm-readobj', ['--file-headers', '--sections', '--needed-libs', '--symbols', '--macho-version-min', file]), structure)
  checkObjdumpBlock(run('llvm-objdump', ['--macho', '--private-headers', file]), structure)
  return structure
}

describe('Mach-O against llvm-readobj and llvm-objdump', () => {
  it('a 64-bit x86_64 MH_DYLIB with __TEXT, __DATA, __LINKEDIT, LC_UUID, LC_ID_DYLIB, LC_LOAD_DYLIB, LC_RPATH, LC_BUILD_VERSION, LC_SYMTAB', () => {
    const structure = checkThin('libdemo.dylib', sampleDylib())
    expect(structure.facts).toMatchObject({
      'cputype name': 'x86_64', 'filetype name': 'MH_DYLIB', LC_UUID: 'A0A1A2A3-A4A5-A6A7-A8A9-AAABACADAEAF', LC_ID_DYLIB: '@rpath/libdemo.dylib',
      'LC_ID_DYLIB timestamp': '1', LC_LOAD_DYLIB: ['/usr/lib/libSystem.B.dylib'], LC_RPATH: ['@loader_path/../lib'],
      LC_BUILD_VERSION: 'platform 1 minos 11.0 sdk 13.1', 'LC_BUILD_VERSION tools': ['tool 3 version 857.1'],
    })
    expect(structure.sections.find((section) => section.name === '__DATA,__bss')).toMatchObject({ size: 64, sha256: null, facts: { type: 'S_ZEROFILL' } })
    expect(structure.sections.find((section) => section.name === '__DATA,__bss')?.fileRange).toBeUndefined()
    expect(structure.sections.find((section) => section.name === '__TEXT,__cstring')?.facts?.type).toBe('S_CSTRING_LITERALS')
  })

  it('an arm64 MH_BUNDLE like a CPython extension, ad-hoc signed: LC_CODE_SIGNATURE and LC_FUNCTION_STARTS as hashed pseudo-sections', () => {
    const structure = checkThin('_speedups.cpython-312-darwin.so', sampleBundle())
    expect(structure.facts['cputype name']).toBe('arm64')
    expect(structure.facts.LC_ID_DYLIB).toBeUndefined()
    expect(structure.sections.map((section) => section.name)).toEqual(expect.arrayContaining(['(LC_CODE_SIGNATURE)', '(LC_FUNCTION_STARTS)']))
  })

  it('a 32-bit i386 dylib with LC_VERSION_MIN_MACOSX and LC_LOAD_WEAK_DYLIB', () => {
    const structure = checkThin('libold.dylib', sampleI386())
    expect(structure.facts).toMatchObject({ LC_VERSION_MIN_MACOSX: 'version 10.6 sdk 10.9.1', LC_LOAD_WEAK_DYLIB: ['/usr/lib/libweak.dylib'], 'LC_ID_DYLIB timestamp': '1234567890', 'cputype name': 'i386' })
  })

  it('a big-endian 32-bit ppc dylib (MH_CIGAM): fields read in the file\'s byte order, as llvm-readobj shows them', () => {
    const bytes = buildMacho({
      is64: false, little: false, cputype: CPU.PPC, cpusubtype: 0, filetype: MH.DYLIB, idDylib: { name: 'libppc.dylib' },
      segments: [{ segname: '__TEXT', sections: [{ sectname: '__text', data: new Uint8Array([0x4e, 0x80, 0, 0x20]) }] }],
      uuid: new Uint8Array(16).fill(1), symbols: [{ name: '_ppc' }], loadDylibs: ['/usr/lib/libSystem.B.dylib'], buildVersion: { platform: 1, minos: 0x000a0400, sdk: 0 },
    })
    expect(bytes.subarray(0, 4)).toEqual(new Uint8Array([0xfe, 0xed, 0xfa, 0xce]))
    const structure = checkThin('libppc.dylib', bytes)
    expect(structure.facts).toMatchObject({ 'byte order': 'big-endian', 'cputype name': 'ppc' })
  })

  it('an x86_64 executable: LC_DYLD_INFO_ONLY streams, LC_DATA_IN_CODE, LC_LOAD_DYLINKER, LC_MAIN, LC_SOURCE_VERSION', () => {
    const structure = checkThin('demo', sampleExecutable())
    expect(structure.facts).toMatchObject({ LC_MAIN: 'entryoff 1008 stacksize 0', LC_SOURCE_VERSION: '1.2.3.4.5', LC_LOAD_DYLINKER: '/usr/lib/dyld', 'filetype name': 'MH_EXECUTE' })
    expect(structure.sections.map((section) => section.name)).toEqual(expect.arrayContaining(['(LC_DYLD_INFO_ONLY rebase)', '(LC_DYLD_INFO_ONLY export)', '(LC_DATA_IN_CODE)']))
  })

  it('an arm64 executable with LC_DYLD_CHAINED_FIXUPS and LC_DYLD_EXPORTS_TRIE', () => {
    const structure = checkThin('demo-arm64', sampleExecutable({ chained: true }))
    expect(structure.sections.map((section) => section.name)).toEqual(expect.arrayContaining(['(LC_DYLD_CHAINED_FIXUPS)', '(LC_DYLD_EXPORTS_TRIE)']))
  })

  for (const is64 of [false, true]) {
    it(`a universal file (${is64 ? 'FAT_MAGIC_64' : 'FAT_MAGIC'}) of x86_64 and arm64: fat_arch fields, each slice as a thin file`, () => {
      const bytes = sampleFat({ is64 })
      const file = write(`universal-${is64}.dylib`, bytes)
      const structure = parseMacho(bytes)
      const universal = run('llvm-objdump', ['--macho', '--universal-headers', file])
      expect(headerValue(structure, 'nfat_arch')).toBe(Number(/^nfat_arch (\d+)$/m.exec(universal)![1]))
      expect(headerValue(structure, 'magic')).toBe(is64 ? 0xcafebabf : 0xcafebabe)
      const arches = [...universal.matchAll(/^architecture (\S+)\n[\s\S]*?offset (\d+)\n\s+size (\d+)\n\s+align 2\^(\d+)/gm)]
      expect(structure.slices?.map((slice) => slice.arch)).toEqual(arches.map((match) => match[1]))
      arches.forEach((match, i) => {
        expect(headerValue(structure, `fat_arch[${i}].offset`)).toBe(Number(match[2]))
        expect(headerValue(structure, `fat_arch[${i}].size`)).toBe(Number(match[3]))
        expect(headerValue(structure, `fat_arch[${i}].align`)).toBe(Number(match[4]))
      })
      expect(structure.sections.map((section) => section.name)).toEqual(['(slice x86_64)', '(slice arm64)'])
      const blocks = run('llvm-readobj', ['--file-headers', '--sections', '--needed-libs', '--symbols', '--macho-version-min', file]).split(/^File: /m).slice(1)
      const objdump = run('llvm-objdump', ['--macho', '--private-headers', '--arch=all', file]).split(/^\S+ \(architecture \S+\):$/m).slice(1)
      expect(blocks).toHaveLength(2)
      structure.slices!.forEach((slice, i) => {
        checkReadobjBlock(blocks[i], slice.structure)
        checkObjdumpBlock(objdump[i], slice.structure)
      })
      // fileRange is in the whole file: the arm64 slice's __cstring bytes are found there.
      const cstring = structure.slices![1].structure.sections.find((section) => section.name === '__TEXT,__cstring')!
      expect(cstring.fileRange!.offset).toBe(Number(arches[1][2]) + (cstring.facts!.offset as number))
      const text = new TextDecoder().decode(bytes.subarray(cstring.fileRange!.offset, cstring.fileRange!.offset + cstring.fileRange!.size))
      expect(text).toBe('built in /tmp/build-a\0hello\0')
    })
  }
})

function failureOf(bytes: Uint8Array) {
  try {
    parseMacho(bytes)
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(CoreFailure)
    return (thrown as CoreFailure).error
  }
  throw new Error('expected a coded failure')
}

const u32At = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true)
const setU32 = (bytes: Uint8Array, at: number, value: number, little = true) => new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value, little)
/** The offset of the first load command `cmd` in a 64-bit little-endian file. */
function commandAt(bytes: Uint8Array, cmd: number): number {
  let at = 32
  for (let i = 0; i < u32At(bytes, 16); i++, at += u32At(bytes, at + 4)) if (u32At(bytes, at) === cmd) return at
  throw new Error(`no command 0x${cmd.toString(16)}`)
}

describe('Mach-O bounds', () => {
  it('a truncated header is TRUNCATED at offset 0', () => {
    expect(failureOf(sampleDylib().subarray(0, 20))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    expect(failureOf(sampleDylib().subarray(0, 2))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
  })

  it('load commands past the end of the file (sizeofcmds) are TRUNCATED', () => {
    expect(failureOf(sampleDylib().subarray(0, 200))).toMatchObject({ code: 'TRUNCATED', offset: 32 })
  })

  it('a cmdsize of 0 is CORRUPT_STRUCTURE at that command, at once (the walk cannot loop)', () => {
    const bytes = sampleDylib()
    const uuidAt = commandAt(bytes, 0x1b)
    setU32(bytes, uuidAt + 4, 0)
    expect(failureOf(bytes)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: uuidAt, message: expect.stringContaining('cmdsize 0') })
  })

  it('a cmdsize past sizeofcmds, not a multiple of 8, or smaller than its structure is CORRUPT_STRUCTURE at that command', () => {
    for (const [cmdsize, words] of [[0x10000, 'past the end of sizeofcmds'], [20, 'not a multiple of 8'], [16, 'smaller than its structure']] as const) {
      const bytes = sampleDylib()
      const uuidAt = commandAt(bytes, 0x1b)
      setU32(bytes, uuidAt + 4, cmdsize)
      expect(failureOf(bytes)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: uuidAt, message: expect.stringContaining(words) })
    }
    const many = sampleDylib()
    setU32(many, 16, 0x7fffffff) // ncmds
    expect(failureOf(many)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 16 })
  })

  it('a section whose bytes run past the end is TRUNCATED at its offset; a zero-fill one of any size is not read', () => {
    const bytes = sampleDylib()
    const cstring = parseMacho(bytes).sections.find((section) => section.name === '__TEXT,__cstring')!
    const sectionAt = 32 + 72 + 80 // the second section of the first LC_SEGMENT_64
    setU32(bytes, sectionAt + 40, 0x7fffffff) // size (low word)
    expect(failureOf(bytes)).toMatchObject({ code: 'TRUNCATED', offset: cstring.facts!.offset })
    const bss = sampleDylib()
    const bssAt = 32 + 232 + 72 + 80 // the second section of the second segment
    setU32(bss, bssAt + 40, 0x7fffffff)
    expect(parseMacho(bss).sections.find((section) => section.name === '__DATA,__bss')).toMatchObject({ size: 0x7fffffff, sha256: null })
  })

  it('an n_strx past the string table is CORRUPT_STRUCTURE at that nlist entry', () => {
    const bytes = sampleDylib()
    const symoff = u32At(bytes, commandAt(bytes, 0x2) + 8)
    setU32(bytes, symoff + 16, 0xffff) // the second nlist_64's n_strx
    expect(failureOf(bytes)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: symoff + 16, message: expect.stringContaining('n_strx 65535') })
  })

  it('a huge nfat_arch is a named error at offset 4 or 8, never an allocation', () => {
    const bytes = sampleFat({ is64: true })
    setU32(bytes, 4, 0x7fffffff, false)
    expect(failureOf(bytes)).toMatchObject({ code: 'LIMIT_EXCEEDED', offset: 4 })
    setU32(bytes, 4, 1000, false)
    expect(failureOf(bytes)).toMatchObject({ code: 'TRUNCATED', offset: 8 })
    setU32(bytes, 4, 0, false)
    expect(failureOf(bytes)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 4 })
  })

  it('overlapping slices, a slice past the end, a malformed slice: an error of that slice only, the others read', () => {
    const cases: [string, (bytes: Uint8Array) => void, RegExp][] = [
      ['overlap', (bytes) => setU32(bytes, 8 + 20 + 8, 4096 + 512, false), /^CORRUPT_STRUCTURE at offset 4608: .*overlaps the x86_64 slice/],
      ['past the end', (bytes) => setU32(bytes, 8 + 20 + 12, 0x100000, false), /^TRUNCATED at offset 16384: .*runs past the end of the file/],
      ['cmdsize 0', (bytes) => setU32(bytes, 16384 + 32 + 4, 0), /^CORRUPT_STRUCTURE at offset 16416: .*cmdsize 0/],
    ]
    for (const [label, mutate, error] of cases) {
      const bytes = sampleFat()
      mutate(bytes)
      const structure = parseMacho(bytes)
      expect(structure.slices?.map((slice) => slice.arch), label).toEqual(['x86_64', 'arm64'])
      expect(structure.slices![0].structure.facts.LC_UUID, label).toBe('A0A1A2A3-A4A5-A6A7-A8A9-AAABACADAEAF')
      expect(structure.slices![1].structure.facts['(slice error)'], label).toMatch(error)
      expect(structure.slices![1].structure.sections, label).toEqual([])
    }
  })

  it('never throws anything but a coded failure on random bytes behind a Mach-O or fat magic', () => {
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (const base of [sampleDylib(), sampleI386(), sampleFat()]) {
      for (let round = 0; round < 300; round++) {
        const bytes = base.slice()
        for (let flips = 0; flips < 4; flips++) bytes[4 + Math.floor(random() * (bytes.length - 4))] = Math.floor(random() * 256)
        try {
          parseMacho(bytes)
        } catch (thrown) {
          expect(thrown).toBeInstanceOf(CoreFailure)
        }
      }
    }
  })
})

describe('Mach-O details', () => {
  it('hashes the bytes outside sections: padding and unreported fields differ there, never unseen', () => {
    const left = sampleDylib()
    const padded = left.slice()
    const idAt = commandAt(padded, 0xd)
    padded[idAt + u32At(padded, idAt + 4) - 1] = 0x41 // the NUL padding after LC_ID_DYLIB's name
    const loadAt = commandAt(left, 0xc)
    const versioned = left.slice()
    setU32(versioned, loadAt + 16, 0x050000) // LC_LOAD_DYLIB current_version, not a fact
    for (const right of [padded, versioned]) {
      expect(parseMacho(right).sections).toEqual(parseMacho(left).sections)
      expect(parseMacho(right).facts[OUTSIDE_SECTIONS_FACT]).not.toBe(parseMacho(left).facts[OUTSIDE_SECTIONS_FACT])
    }
    // A reported field (the UUID) is a fact, not a difference outside.
    const uuid = left.slice()
    uuid[commandAt(uuid, 0x1b) + 8] ^= 0xff
    expect(parseMacho(uuid).facts[OUTSIDE_SECTIONS_FACT]).toBe(parseMacho(left).facts[OUTSIDE_SECTIONS_FACT])
    expect(parseMacho(uuid).facts.LC_UUID).not.toBe(parseMacho(left).facts.LC_UUID)
  })

  it('an object file\'s relocation entries are a pseudo-section of their own', () => {
    const bytes = sampleDylib()
    const data = parseMacho(bytes).sections.find((section) => section.name === '__DATA,__data')!
    const textAt = 32 + 72 // the first section of the first LC_SEGMENT_64
    setU32(bytes, textAt + 56, data.facts!.offset as number) // reloff
    setU32(bytes, textAt + 60, 1) // nreloc
    expect(parseMacho(bytes).sections.find((section) => section.name === '(relocations __TEXT,__text)')).toMatchObject({ size: 8, sha256: data.sha256, facts: { offset: data.facts!.offset, nreloc: 1 } })
    setU32(bytes, textAt + 60, 0x1000000)
    expect(failureOf(bytes)).toMatchObject({ code: 'TRUNCATED', offset: data.facts!.offset })
  })

  it('names unknown cputypes and load commands by number, arm64e and x86_64h by subtype', () => {
    const fat = buildFat([
      { cputype: CPU.ARM64, cpusubtype: 0x80000002, bytes: sampleDylib({ cputype: CPU.ARM64, cpusubtype: 0x80000002 }) },
      { cputype: CPU.X86_64, cpusubtype: 8, bytes: sampleDylib({ cpusubtype: 8 }) },
      { cputype: 0x77, cpusubtype: 0, bytes: sampleDylib({ cputype: 0x77 }) },
    ])
    expect(parseMacho(fat).slices?.map((slice) => slice.arch)).toEqual(['arm64e', 'x86_64h', 'cputype 0x77'])
    const unknown = buildMacho({ is64: true, cputype: CPU.X86_64, cpusubtype: 3, filetype: MH.BUNDLE, segments: [], extraCommands: [{ cmd: 0x7e, payload: new Uint8Array(8) }] })
    expect(parseMacho(unknown).facts['load commands']).toEqual(['cmd 0x7e'])
  })
})

describe('Mach-O detection', () => {
  it('detects thin magics in either byte order and fat headers with 1 to 30 architectures, not a Java class file', () => {
    expect(MACHO_FORMAT.detect(sampleDylib().subarray(0, 64), 'x')).toBe(true)
    expect(MACHO_FORMAT.detect(sampleI386().subarray(0, 64), 'x')).toBe(true)
    expect(MACHO_FORMAT.detect(new Uint8Array([0xce, 0xfa, 0xed, 0xfe]), 'x')).toBe(true)
    expect(MACHO_FORMAT.detect(sampleFat().subarray(0, 64), 'x')).toBe(true)
    const javaClass = new Uint8Array(64)
    javaClass.set([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34])
    expect(MACHO_FORMAT.detect(javaClass, 'Demo.class')).toBe(false)
    const thirtyOne = sampleFat().subarray(0, 64).slice()
    setU32(thirtyOne, 4, 31, false)
    expect(MACHO_FORMAT.detect(thirtyOne, 'x')).toBe(false)
    expect(MACHO_FORMAT.detect(sampleFat().subarray(0, 20), 'x')).toBe(false) // the first fat_arch is not inside the bytes
  })
})

describe('Mach-O in the registry and compared', () => {
  it('the registry reads thin and fat Mach-O from their bytes, and a Java class file (0xcafebabe, major 52) is not Mach-O', () => {
    const javaClass = new Uint8Array(64)
    javaClass.set([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34, 0x00, 0x1d])
    expect(detectBinary(javaClass, 'Demo.class')).toBeNull()
    expect(parseBinary(javaClass, 'Demo.class')).toBeNull()
    expect(detectBinary(sampleFat().subarray(0, 64), 'no-extension')?.format).toBe('macho')
    expect(parseBinary(sampleBundle(), '_speedups.cpython-312-darwin.so')).toMatchObject({ format: 'macho', facts: { 'filetype name': 'MH_BUNDLE' } })
    expect(parseBinary(sampleDylib().subarray(0, 100), 'libdemo.dylib')).toEqual({ error: expect.objectContaining({ code: 'TRUNCATED', offset: 32 }) })
  })

  it('a changed LC_UUID and __TEXT,__cstring: that section modified, the UUID a fact difference, nothing else', () => {
    const left = parseMacho(sampleDylib())
    const right = parseMacho(sampleDylib({ uuidByte: 0x10, cstring: 'built in /tmp/build-b' }))
    const comparison = compareBinary(left, right)!
    expect(comparison.format).toBe('macho')
    expect(comparison.sections.filter((section) => section.status !== 'identical').map((section) => section.name)).toEqual(['__TEXT,__cstring'])
    expect(comparison.sections.find((section) => section.name === '__TEXT,__cstring')).toMatchObject({ status: 'modified', left: { size: 28 }, right: { size: 28 } })
    const differing = comparison.facts.filter((fact) => JSON.stringify(fact.left) !== JSON.stringify(fact.right))
    expect(differing).toEqual([{ field: 'LC_UUID', left: 'A0A1A2A3-A4A5-A6A7-A8A9-AAABACADAEAF', right: '10111213-1415-1617-1819-1A1B1C1D1E1F' }])
    expect(comparison.header.every((field) => field.left === field.right)).toBe(true)
  })

  it('two universal files: slices compared by architecture, the changed slice placed', () => {
    const comparison = compareBinary(parseMacho(sampleFat()), parseMacho(sampleFat({ uuidByte: 0x10 })))!
    expect(comparison.sections.map((section) => [section.name, section.status])).toEqual([['(slice x86_64)', 'modified'], ['(slice arm64)', 'identical']])
    const [x86, arm] = comparison.slices!
    expect(x86.arch).toBe('x86_64')
    expect(x86.comparison.facts.find((fact) => fact.field === 'LC_UUID')?.right).toBe('10111213-1415-1617-1819-1A1B1C1D1E1F')
    expect(arm.comparison.facts.every((fact) => JSON.stringify(fact.left) === JSON.stringify(fact.right))).toBe(true)
  })
})

describe('Mach-O repeated and hostile names', () => {
  it('a second LC_BUILD_VERSION is its own fact with its own tools', () => {
    const payload = new Uint8Array(24)
    new DataView(payload.buffer).setUint32(0, 2, true)
    new DataView(payload.buffer).setUint32(12, 1, true)
    new DataView(payload.buffer).setUint32(16, 1, true)
    new DataView(payload.buffer).setUint32(20, 0x10000, true)
    const bytes = buildMacho({ is64: true, cputype: CPU.X86_64, cpusubtype: 3, filetype: MH.BUNDLE, segments: [], buildVersion: { platform: 1, minos: 0xb0000, sdk: 0xd0100, tools: [[3, 0x3590100]] }, extraCommands: [{ cmd: 0x32, payload }] })
    expect(parseMacho(bytes).facts).toMatchObject({ LC_BUILD_VERSION: 'platform 1 minos 11.0 sdk 13.1', 'LC_BUILD_VERSION tools': ['tool 3 version 857.1'], 'LC_BUILD_VERSION#2': 'platform 2 minos 0.0 sdk 0.0', 'LC_BUILD_VERSION#2 tools': ['tool 1 version 1.0'] })
  })

  it('names with a comma, which could read as another segname,sectname split, count as bytes outside sections', () => {
    const build = (segname: string, sectname: string) => buildMacho({ is64: true, cputype: CPU.X86_64, cpusubtype: 3, filetype: MH.BUNDLE, segments: [{ segname: '__X', sections: [{ segname, sectname, data: new Uint8Array(4) }] }] })
    const [left, right] = [parseMacho(build('a,b', 'c')), parseMacho(build('a', 'b,c'))]
    expect(left.sections[0].name).toBe(right.sections[0].name)
    expect(left.facts[OUTSIDE_SECTIONS_FACT]).not.toBe(right.facts[OUTSIDE_SECTIONS_FACT])
  })
})
