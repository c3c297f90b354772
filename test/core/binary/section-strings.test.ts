/** Section strings: string tables split at NULs, printable runs elsewhere, bounded, keyed as compare-binary keys sections. */
import { describe, expect, it } from 'vitest'
import { compareBinary } from '../../../src/core/binary/compare-binary'
import { parseElf } from '../../../src/core/binary/elf'
import {
  compareStringLists, maskTimes, MAX_SECTION_STRINGS, MAX_STRING_BYTES, stringsByKey, stringsOfBytes, structureStrings,
} from '../../../src/core/binary/section-strings'
import { buildElf, sampleLibrary, SHT, stringTable } from './build-elf'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('stringsOfBytes', () => {
  it('splits a string table at every NUL, keeping empty and short strings in place', () => {
    expect(stringsOfBytes(bytes('\0ab\0\0/tmp/build-a\0x\0'), true)).toEqual({ strings: ['', 'ab', '', '/tmp/build-a', 'x'], truncated: false })
  })

  it('keeps the bytes after the last NUL of a table as a last string', () => {
    expect(stringsOfBytes(bytes('one\0two'), true).strings).toEqual(['one', 'two'])
  })

  it('gives the printable runs of 4 bytes or more elsewhere, tab included, as strings(1)', () => {
    const data = new Uint8Array([0x01, ...bytes('abc'), 0x00, ...bytes('abcd'), 0xff, ...bytes('a\tbc d'), 0x7f, ...bytes('tail')])
    expect(stringsOfBytes(data, false).strings).toEqual(['abcd', 'a\tbc d', 'tail'])
  })

  it('shows a table string that is not printable ASCII in the escaped form of names', () => {
    expect(stringsOfBytes(new Uint8Array([0x61, 0xff, 0x5c, 0]), true).strings).toEqual(['a\\xff\\\\'])
  })

  it('cuts a string longer than the cap and says the list is truncated', () => {
    const found = stringsOfBytes(bytes(`${'a'.repeat(MAX_STRING_BYTES + 10)}\0b\0`), true)
    expect(found.strings[0]).toHaveLength(MAX_STRING_BYTES)
    expect(found.truncated).toBe(true)
  })

  it('stops at the strings cap of a section and says so', () => {
    const found = stringsOfBytes(new Uint8Array(MAX_SECTION_STRINGS + 5), true)
    expect(found.strings).toHaveLength(MAX_SECTION_STRINGS)
    expect(found.truncated).toBe(true)
  })

  it('stops at the byte budget given and says so', () => {
    const found = stringsOfBytes(bytes('aaaa\0bbbb\0cccc\0dddd\0'), true, 8)
    expect(found.strings).toEqual(['aaaa', 'bbbb'])
    expect(found.truncated).toBe(true)
  })
})

describe('structureStrings', () => {
  it('reads each section through its fileRange, a table split at NULs, and no bytes for .bss', () => {
    const file = sampleLibrary({ is64: true, little: true })
    const structure = parseElf(file)
    const dynstr = structure.sections.findIndex((s) => s.name === '.dynstr')
    const data = structure.sections.findIndex((s) => s.name === '.data')
    const bss = structure.sections.findIndex((s) => s.name === '.bss')
    expect(structure.sections[dynstr].fileRange).toEqual({ offset: expect.any(Number), size: structure.sections[dynstr].size })
    expect(structure.sections[bss].fileRange).toBeUndefined()
    const found = structureStrings(file, structure)
    expect(found.sections[dynstr]).toEqual(['', 'libdemo.so.1', 'libm.so.6', '$ORIGIN/lib', 'demo_banner', 'demo_root'])
    expect(found.sections[data]).toEqual(['built in /tmp/build-a'])
    expect(found.sections[bss]).toBeNull()
    expect(found.truncated).toEqual([])
  })

  it('keeps fileRange out of the compared sections (it is not written to the report)', () => {
    const structure = parseElf(sampleLibrary({ is64: true, little: true }))
    const compared = compareBinary(structure, parseElf(sampleLibrary({ is64: true, little: true, data: 'other' })))
    expect(JSON.stringify(compared)).not.toContain('fileRange')
  })

  it('reads string tables first within a member budget, and lists what the budget left out', () => {
    const code = { name: '.text', type: SHT.PROGBITS, flags: 0x6, data: bytes('code strings here') }
    const table = { name: '.strs', type: SHT.PROGBITS, flags: 0x30, data: stringTable(['/tmp/build-a/x.c']).bytes }
    const file = buildElf({ is64: true, little: true, sections: [code, table] })
    const structure = parseElf(file)
    const found = structureStrings(file, structure, 40)
    expect(found.sections[1]).toEqual(['', '/tmp/build-a/x.c'])
    expect(found.sections[0]).toBeNull()
    expect(found.truncated).toContain(0)
    expect(found.limit).toMatch(/kept up to 40 bytes/)
  })
})

describe('stringsByKey', () => {
  it('keys a repeated section name#2 with both sides\' names reserved, as compare-binary does', () => {
    const two = (second: string) => buildElf({ is64: true, little: true, sections: [
      { name: '.x', type: SHT.PROGBITS, data: bytes('first copy') },
      { name: '.x', type: SHT.PROGBITS, data: bytes(second) },
    ] })
    const left = two('second left')
    const right = two('second right')
    const l = parseElf(left)
    const r = parseElf(right)
    const keyed = stringsByKey({ structure: l, strings: structureStrings(left, l) }, { structure: r, strings: structureStrings(right, r) })
    expect(keyed.left.get('.x#2')).toEqual({ strings: ['second left'], complete: true, table: false })
    expect(keyed.right.get('.x#2')?.strings).toEqual(['second right'])
    expect(compareBinary(l, r)!.sections.map((s) => s.name)).toEqual(['.x', '.x#2', '.shstrtab'])
  })
})

describe('compareStringLists', () => {
  const from = '/tmp/build-a'
  const to = '/home/alice/src'
  it('the same strings in the same order after replacing the path', () => {
    expect(compareStringLists(['', `${from}/x.c`, 'x.h'], ['', `${to}/x.c`, 'x.h'], { from, to })).toMatchObject({ afterReplacement: 'identical', leftOnly: [], rightOnly: [] })
  })
  it('the same strings in another order', () => {
    expect(compareStringLists([from, 'x.c'], ['x.c', to], { from, to }).afterReplacement).toBe('reordered')
  })
  it('other strings differ too', () => {
    expect(compareStringLists([from, 'x.c', 'v1'], [to, 'x.c', 'v2'], { from, to })).toMatchObject({ afterReplacement: 'differs', leftOnly: ['v1'], rightOnly: ['v2'] })
  })
  it('pairs the strings that differ only in an embedded date or time', () => {
    const result = compareStringLists(['built Dec  1 2026', '09:24:31', 'v1'], ['built Dec  2 2026', '10:00:00', 'v1'], null)
    expect(result.times).toEqual([{ left: 'built Dec  1 2026', right: 'built Dec  2 2026' }, { left: '09:24:31', right: '10:00:00' }])
    expect(result).toMatchObject({ afterReplacement: 'differs', leftOnly: [], rightOnly: [] })
  })
})

describe('maskTimes', () => {
  it.each([
    ['Dec  1 2026', true], ['09:24:31', true], ['2026-12-01', true], ['2026-12-01T09:24:31Z', true], ['built Mon Dec  1 09:24:31 2026', true],
    ['version 1.2.3', false], ['Decimal 12', false],
  ])('%s holds a time: %s', (text, holds) => {
    expect(maskTimes(text) !== null).toBe(holds)
  })
  it('masks the whole ctime form, not its parts one by one', () => {
    expect(maskTimes('Mon Dec  1 09:24:31 2026')).toBe(maskTimes('Tue Dec  2 10:00:00 2026'))
  })
})
