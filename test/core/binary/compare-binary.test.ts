/** Two binary structures compared into `members[].binary`: keys, statuses, every field of either side, errors. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { compareArtifacts } from '../../../src/core/index'
import { bytesSource } from '../../fixture-files'
import { writeZip } from '../../e2e/zip-writer'
import { MAX_LISTED_SYMBOLS, compareBinary } from '../../../src/core/binary/compare-binary'
import { parseElf } from '../../../src/core/binary/elf'
import { sampleDylib, sampleFat } from './build-macho'
import { samplePyd } from './build-pe'
import type { BinarySection, BinaryStructure } from '../../../src/core/binary/types'

const FIXTURES = join(import.meta.dirname, '../../fixtures/binaries')
const fixture = (path: string) => parseElf(readFileSync(join(FIXTURES, path)))

function section(name: string, sha256: string | null, facts: Record<string, string | number> = {}, size = 8): BinarySection {
  return { name, size, sha256, facts: { sh_type: 1, sh_offset: 0x100, ...facts } }
}

function structure(parts: Partial<BinaryStructure>): BinaryStructure {
  return { format: 'elf', header: [], sections: [], facts: {}, ...parts }
}

describe('compareBinary', () => {
  it('the build-path pair: the four sections that hold the paths and the build-id differ, later ones only move', () => {
    const comparison = compareBinary(fixture('build-path/left/libdemo.so'), fixture('build-path/right/libdemo.so'))!
    const differing = comparison.sections.filter((s) => s.status !== 'identical').map((s) => s.name)
    expect(differing).toEqual(['.note.gnu.build-id', '.debug_info', '.debug_line', '.debug_line_str'])
    const moved = comparison.sections.find((s) => s.name === '.symtab')!
    expect(moved).toMatchObject({ status: 'identical', changed: ['sh_offset'] })
    expect(comparison.sections.find((s) => s.name === '.bss')).toMatchObject({ status: 'identical', left: { sha256: null }, right: { sha256: null } })
    const buildId = comparison.facts.find((f) => f.field === 'NT_GNU_BUILD_ID')!
    expect(buildId.left).not.toBe(buildId.right)
    expect(comparison.facts.find((f) => f.field === 'DT_SONAME')).toEqual({ field: 'DT_SONAME', left: 'libdemo.so.1', right: 'libdemo.so.1' })
    expect(comparison.header.find((h) => h.field === 'e_machine')).toEqual({ field: 'e_machine', left: 62, right: 62 })
    expect(comparison.symbols).toEqual({ added: [], removed: [], addedCount: 0, removedCount: 0 })
  })

  it('Mach-O and PE sections whose relocations only moved stay identical; a changed relocation count does not', () => {
    const left = structure({ format: 'pe', sections: [section('.text', 'x', { PointerToRelocations: 0x400, NumberOfRelocations: 2 }), section('__TEXT,__text', 'y', { reloff: 0x800 })] })
    const right = structure({ format: 'pe', sections: [section('.text', 'x', { PointerToRelocations: 0x480, NumberOfRelocations: 3 }), section('__TEXT,__text', 'y', { reloff: 0x900 })] })
    const [pe, macho] = compareBinary(left, right)!.sections
    expect(pe).toMatchObject({ status: 'modified', changed: ['PointerToRelocations', 'NumberOfRelocations'] })
    expect(macho).toMatchObject({ status: 'identical', changed: ['reloff'] })
  })

  it('a .pyc code object whose source lines only moved stays identical, with the moved facts listed', () => {
    const code = (firstLine: number, lineTable: string): BinaryStructure =>
      structure({ format: 'pyc', sections: [{ name: 'f', size: 8, sha256: 'aa', facts: { co_firstlineno: firstLine, line_table_sha256: lineTable, co_name: 'f' } }] })
    const [moved] = compareBinary(code(3, 'x'), code(5, 'y'))!.sections
    expect(moved).toMatchObject({ status: 'identical', changed: ['co_firstlineno', 'line_table_sha256'] })
    const renamed = compareBinary(code(3, 'x'), structure({ format: 'pyc', sections: [{ name: 'f', size: 8, sha256: 'aa', facts: { co_firstlineno: 3, line_table_sha256: 'x', co_name: 'g' } }] }))!.sections[0]
    expect(renamed.status).toBe('modified')
  })

  it('the symbols pair: one function added, DT_RPATH on both sides', () => {
    const comparison = compareBinary(fixture('symbols/left/libdemo.so'), fixture('symbols/right/libdemo.so'))!
    expect(comparison.symbols).toMatchObject({ added: ['demo_extra'], removed: [] })
    expect(comparison.facts.find((f) => f.field === 'DT_RPATH')).toMatchObject({ left: '/opt/demo/lib', right: '/opt/demo/lib' })
    expect(comparison.sections.find((s) => s.name === '.text')?.status).toBe('modified')
  })

  it('keys a repeated name name#2 without taking a stored name#2, and marks one-sided sections', () => {
    const left = structure({ sections: [section('.text', 'a'), section('.text', 'b'), section('.text#2', 'c'), section('.old', 'd')] })
    const right = structure({ sections: [section('.text', 'a'), section('.text', 'B'), section('.text#2', 'c'), section('.new', 'e')] })
    const rows = compareBinary(left, right)!.sections.map((s) => [s.name, s.status])
    expect(rows).toEqual([['.text', 'identical'], ['.text#3', 'modified'], ['.text#2', 'identical'], ['.old', 'left-only'], ['.new', 'right-only']])
  })

  it('a section of another type or size is modified even with one hash; only a move keeps it identical', () => {
    const left = structure({ sections: [section('.a', 'x'), section('.b', 'x'), section('.c', 'x'), section('.bss', null, { sh_type: 8 }, 64)] })
    const right = structure({ sections: [section('.a', 'x', { sh_type: 7 }), section('.b', 'x', {}, 9), section('.c', 'x', { sh_offset: 0x200 }), section('.bss', null, { sh_type: 8 }, 128)] })
    const sections = compareBinary(left, right)!.sections
    expect(sections.map((s) => s.status)).toEqual(['modified', 'modified', 'identical', 'modified'])
    expect(sections[0].changed).toEqual(['sh_type'])
    expect(sections[2].changed).toEqual(['sh_offset'])
  })

  it('lists every header field and fact of either side', () => {
    const left = structure({ header: [{ field: 'e_type', value: 3 }, { field: 'only-left', value: 1 }], facts: { DT_NEEDED: ['libm.so.6'] } })
    const right = structure({ header: [{ field: 'e_type', value: 2 }, { field: 'only-right', value: '0x20000000000000' }], facts: { DT_SONAME: 'x.so' } })
    const comparison = compareBinary(left, right)!
    expect(comparison.header).toEqual([
      { field: 'e_type', left: 3, right: 2 }, { field: 'only-left', left: 1, right: null }, { field: 'only-right', left: null, right: '0x20000000000000' },
    ])
    expect(comparison.facts).toEqual([{ field: 'DT_NEEDED', left: ['libm.so.6'], right: null }, { field: 'DT_SONAME', left: null, right: 'x.so' }])
  })

  it('caps the symbol lists and keeps the counts exact', () => {
    const many = Array.from({ length: MAX_LISTED_SYMBOLS + 10 }, (_, i) => `f${String(i).padStart(6, '0')}`)
    const comparison = compareBinary(structure({ symbols: ['kept', 'gone'] }), structure({ symbols: ['kept', ...many] }))!
    expect(comparison.symbols!.added).toHaveLength(MAX_LISTED_SYMBOLS)
    expect(comparison.symbols).toMatchObject({ addedCount: MAX_LISTED_SYMBOLS + 10, removed: ['gone'], removedCount: 1 })
  })

  it('keeps one side\'s error and still shows the other side; null when neither parsed', () => {
    const error = { code: 'TRUNCATED' as const, message: 'cut', offset: 40 }
    const comparison = compareBinary(structure({ sections: [section('.text', 'a')] }), { error })!
    expect(comparison.error).toEqual({ side: 'right', code: 'TRUNCATED', message: 'cut', offset: 40 })
    expect(comparison.sections).toEqual([{ name: '.text', status: 'left-only', left: expect.objectContaining({ sha256: 'a' }), right: null }])
    expect(compareBinary({ error }, structure({}))!.error?.side).toBe('left')
    expect(compareBinary({ error }, { error })).toBeNull()
  })

  it('does not compare two formats as one', () => {
    const comparison = compareBinary(structure({}), { ...structure({}), format: 'pyc' })!
    expect(comparison.error).toMatchObject({ side: 'right', code: 'UNSUPPORTED_FORMAT' })
  })

  it('pairs the slices of universal binaries by architecture, a missing slice against nothing', () => {
    const slice = (sha: string) => structure({ format: 'macho', sections: [section('__text', sha)] })
    const left = structure({ format: 'macho', slices: [{ arch: 'x86_64', structure: slice('a') }, { arch: 'arm64', structure: slice('b') }] })
    const right = structure({ format: 'macho', slices: [{ arch: 'arm64', structure: slice('B') }] })
    const slices = compareBinary(left, right)!.slices!
    expect(slices.map((s) => [s.arch, s.comparison.sections[0].status])).toEqual([['x86_64', 'left-only'], ['arm64', 'modified']])
  })
})

describe('members[].binary in the report', () => {
  // fflate writes the zips; fixed mtimes so only the member bytes differ.
  const wheel = (files: Record<string, Uint8Array>) => zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { mtime: new Date(2020, 0, 1) }]])))
  const so = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)))
  const compare = (left: Record<string, Uint8Array>, right: Record<string, Uint8Array>) =>
    compareArtifacts(bytesSource('pkg-1.0-py3-none-any.whl', wheel(left)), bytesSource('pkg-1.0-py3-none-any.whl', wheel(right)))

  it('a wheel\'s .pyd (PE) and .so (Mach-O, thin and universal) members carry their structures compared', async () => {
    const report = await compare(
      { 'pkg/_ext.pyd': samplePyd({ is64: true, TimeDateStamp: 0x65000000 }), 'pkg/_mac.so': sampleDylib({ uuidByte: 1 }), 'pkg/_fat.so': sampleFat({ uuidByte: 1 }) },
      { 'pkg/_ext.pyd': samplePyd({ is64: true, TimeDateStamp: 0x65000001 }), 'pkg/_mac.so': sampleDylib({ uuidByte: 2, cstring: 'another string' }), 'pkg/_fat.so': sampleFat({ uuidByte: 2 }) },
    )
    const member = (path: string) => report.members.find((m) => m.path === path)!
    expect(member('pkg/_ext.pyd').binary).toMatchObject({ format: 'pe' })
    expect(member('pkg/_ext.pyd').binary!.header.find((h) => h.field === 'TimeDateStamp')).toMatchObject({ left: expect.any(Number), right: expect.any(Number) })
    const mac = member('pkg/_mac.so').binary!
    expect(mac.format).toBe('macho')
    expect(mac.sections.find((s) => s.name === '__TEXT,__cstring')?.status).toBe('modified')
    const fat = member('pkg/_fat.so').binary!
    expect(fat.slices?.map((slice) => slice.arch)).toEqual(['x86_64', 'arm64'])
    // sampleFat changes the x86_64 slice's LC_UUID only.
    const uuidDiffers = (arch: string) => fat.slices!.find((slice) => slice.arch === arch)!.comparison.facts.some((f) => f.field === 'LC_UUID' && f.left !== f.right)
    expect([uuidDiffers('x86_64'), uuidDiffers('arm64')]).toEqual([true, false])
  })

  it('carries both sides\' structures compared for a modified ELF member, whatever its name, and nothing else', async () => {
    const report = await compare(
      { 'pkg/_ext.so': so('build-path/left/libdemo.so'), 'pkg/helper': so('symbols/left/libdemo.so'), 'pkg/a.py': new TextEncoder().encode('a = 1\n'), 'pkg/same.so': so('object/demo.o') },
      { 'pkg/_ext.so': so('build-path/right/libdemo.so'), 'pkg/helper': so('symbols/right/libdemo.so'), 'pkg/a.py': new TextEncoder().encode('a = 2\n'), 'pkg/same.so': so('object/demo.o') },
    )
    const member = (path: string) => report.members.find((m) => m.path === path)!
    expect(member('pkg/_ext.so').binary?.sections.filter((s) => s.status === 'modified').map((s) => s.name)).toEqual(['.note.gnu.build-id', '.debug_info', '.debug_line', '.debug_line_str'])
    expect(member('pkg/helper').binary?.symbols?.added).toEqual(['demo_extra'])
    expect(member('pkg/a.py').binary).toBeUndefined()
    expect(member('pkg/same.so')).toMatchObject({ status: 'identical' })
    expect(member('pkg/same.so').binary).toBeUndefined()
  })

  it('one side cut short: that side\'s error, the other side shown', async () => {
    const whole = so('build-path/left/libdemo.so')
    const report = await compare({ 'pkg/_ext.so': whole }, { 'pkg/_ext.so': whole.slice(0, 4000) })
    const binary = report.members.find((m) => m.path === 'pkg/_ext.so')!.binary!
    expect(binary.error).toMatchObject({ side: 'right', code: 'TRUNCATED', offset: expect.any(Number) })
    expect(binary.sections.find((s) => s.name === '.text')).toMatchObject({ status: 'left-only', right: null })
  })

  it('a side whose bytes were not read carries that reason, never a structure', async () => {
    const elf = so('object/demo.o')
    const report = await compareArtifacts(
      bytesSource('pkg-1.0-py3-none-any.whl', writeZip([{ name: 'pkg/x.so', data: elf }])),
      bytesSource('pkg-1.0-py3-none-any.whl', writeZip([{ name: 'pkg/x.so', data: elf.slice().reverse(), method: 77 }])),
    )
    const member = report.members.find((m) => m.path === 'pkg/x.so')!
    expect(member.unread).toBe(true)
    expect(member.binary?.error).toMatchObject({ side: 'right', code: member.right!.error!.code, message: expect.stringContaining('not read') })
  })

  it('an ELF on one side and text on the other: the text side is named as not an ELF', async () => {
    const report = await compare({ 'pkg/tool': so('object/demo.o') }, { 'pkg/tool': new TextEncoder().encode('#!/bin/sh\necho hi\n') })
    expect(report.members.find((m) => m.path === 'pkg/tool')!.binary?.error).toMatchObject({ side: 'right', code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('not an ELF') })
  })
})
