/**
 * The reads, errors and shared rules every binary reader goes through (byte-view.ts): error offsets in the whole
 * file for a slice, 32/64-bit words in either byte order, values beyond 2^53, fixed-width names, the bytes no
 * section holds, and the structure's symbol list.
 */
import { describe, expect, it } from 'vitest'
import { CoreFailure, type CoreError } from '../../../src/core/errors'
import { Sha256 } from '../../../src/core/util/sha256-stream'
import {
  binaryStructure, byteView, bytesOutside, corrupt, decodeBudget, need, readFixedName, readU16, readU32, readU32Fields, readU64, readU8,
  readWord, readWordNumber, wordNumber, wordValue,
} from '../../../src/core/binary/byte-view'

function failureOf(run: () => unknown): CoreError {
  try {
    run()
  } catch (thrown) {
    if (thrown instanceof CoreFailure) return thrown.error
    throw thrown
  }
  throw new Error('expected a coded failure')
}

const bytes = new Uint8Array([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a])

describe('bounds-checked reads', () => {
  it('reads in the byte order of the view', () => {
    const little = byteView(bytes, 'ELF', true, false)
    const big = byteView(bytes, 'ELF', false, false)
    expect([readU8(little, 1, 'x'), readU16(little, 0, 'x'), readU32(little, 0, 'x')]).toEqual([2, 0x0201, 0x04030201])
    expect([readU16(big, 0, 'x'), readU32(big, 0, 'x'), readU64(big, 0, 'x')]).toEqual([0x0102, 0x01020304, 0x0102030405060708n])
  })

  it('reads a word as 4 bytes in a 32-bit file and 8 in a 64-bit one', () => {
    expect(readWord(byteView(bytes, 'Mach-O', false, false), 0, 'x')).toBe(0x01020304n)
    expect(readWord(byteView(bytes, 'Mach-O', false, true), 0, 'x')).toBe(0x0102030405060708n)
    expect(failureOf(() => readWord(byteView(bytes, 'Mach-O', false, true), 4, 'vmaddr'))).toMatchObject({ code: 'TRUNCATED', offset: 4 })
    expect(readWord(byteView(bytes, 'Mach-O', false, false), 4, 'vmaddr')).toBe(0x05060708n)
  })

  it('names the format, the structure, its length and the file size when the bytes are not there', () => {
    const pe = byteView(bytes, 'PE', true, false)
    expect(failureOf(() => readU32(pe, 8, 'Characteristics'))).toEqual({
      code: 'TRUNCATED', message: 'PE Characteristics at offset 8 (4 bytes) runs past the end of the file (10 bytes)', offset: 8,
    })
    expect(failureOf(() => need(pe, -1, 1, 'x'))).toMatchObject({ code: 'TRUNCATED', offset: -1 })
    expect(failureOf(() => need(pe, 0, -1, 'x'))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    expect(() => need(pe, 0, 10, 'x')).not.toThrow()
  })

  it('reports offsets in the whole file for a slice of it (a universal Mach-O file)', () => {
    const slice = byteView(bytes.subarray(4), 'Mach-O', true, false, 4096)
    expect(readU32(slice, 0, 'x')).toBe(0x08070605)
    expect(failureOf(() => readU32(slice, 4, 'cmdsize'))).toEqual({
      code: 'TRUNCATED', message: 'Mach-O cmdsize at offset 4100 (4 bytes) runs past the end of the file (4102 bytes)', offset: 4100,
    })
    expect(failureOf(() => corrupt(slice, 2, 'header: bad'))).toEqual({ code: 'CORRUPT_STRUCTURE', message: 'Mach-O header: bad', offset: 4098 })
  })

  it('reads named 4-byte fields at their offsets, and names the field that is cut off', () => {
    const view = byteView(bytes, 'PE', true, false)
    expect(readU32Fields(view, 0, { First: 0, Second: 4 })).toEqual({ First: 0x04030201, Second: 0x08070605 })
    expect(failureOf(() => readU32Fields(view, 4, { First: 0, Second: 4 }))).toMatchObject({ code: 'TRUNCATED', message: expect.stringMatching(/^PE Second at offset 8 /) })
  })
})

describe('64-bit values', () => {
  const limit = BigInt(Number.MAX_SAFE_INTEGER)

  it('keeps a value beyond 2^53 as hex, never a rounded number', () => {
    expect(wordValue(limit)).toBe(Number.MAX_SAFE_INTEGER)
    expect(wordValue(limit + 1n)).toBe('0x20000000000000')
    expect(wordValue(0xffffffffffffffffn)).toBe('0xffffffffffffffff')
  })

  it('fails an offset or size beyond 2^53 as corrupt, at the field, in the whole file', () => {
    const file = byteView(bytes, 'ELF', true, true, 100)
    expect(wordNumber(file, limit, 'sh_size', 8)).toBe(Number.MAX_SAFE_INTEGER)
    expect(failureOf(() => wordNumber(file, limit + 1n, 'sh_size', 8))).toEqual({
      code: 'CORRUPT_STRUCTURE', message: 'ELF sh_size at offset 108 is 0x20000000000000, beyond any file size', offset: 108,
    })
    const high = new Uint8Array(8).fill(0xff)
    expect(failureOf(() => readWordNumber(byteView(high, 'ELF', true, true), 0, 'sh_offset'))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 0 })
    expect(readWordNumber(byteView(high, 'ELF', true, false), 0, 'sh_offset')).toBe(0xffffffff)
  })
})

describe('names and budgets', () => {
  const text = (value: string) => new TextEncoder().encode(value)

  it('reads a fixed-width name up to its NUL, or the whole field when it fills it', () => {
    const field = new Uint8Array(16)
    field.set(text('__TEXT'))
    expect(readFixedName(byteView(field, 'Mach-O', true, true), 0, 16, 'segname')).toEqual({ name: '__TEXT', length: 6 })
    expect(readFixedName(byteView(text('.textbss'), 'PE', true, false), 0, 8, 'name')).toEqual({ name: '.textbss', length: 8 })
    expect(readFixedName(byteView(text('a\\b\n'), 'PE', true, false), 0, 4, 'name').name).toBe('a\\\\b\\x0a')
    expect(failureOf(() => readFixedName(byteView(text('.text'), 'PE', true, false), 0, 8, 'name'))).toMatchObject({ code: 'TRUNCATED' })
  })

  it('allows four times the file in decoded names, and at least 1 MiB', () => {
    expect(decodeBudget(byteView(new Uint8Array(10), 'ELF', true, true))).toBe(1024 * 1024)
    expect(decodeBudget(byteView(new Uint8Array(1024 * 1024), 'ELF', true, true))).toBe(4 * 1024 * 1024)
  })
})

describe('the bytes no section holds', () => {
  const file = Uint8Array.from({ length: 64 }, (_, i) => i)
  const hashOf = (...parts: [number, number][]) => {
    const hash = new Sha256()
    let size = 0
    for (const [start, end] of parts) {
      hash.update(file.subarray(start, end))
      size += end - start
    }
    return `${size} bytes, SHA-256 ${hash.digestHex()}`
  }

  it('hashes the gaps between covered ranges in file order, whatever the order and overlap of the ranges', () => {
    expect(bytesOutside(file, [[40, 50], [0, 8], [4, 12], [45, 48]])).toBe(hashOf([12, 40], [50, 64]))
  })

  it('counts empty and inverted ranges as covering nothing', () => {
    expect(bytesOutside(file, [[10, 10], [30, 20], [0, 4]])).toBe(hashOf([4, 64]))
  })

  it('hashes the whole file when nothing is covered, and nothing when all is', () => {
    expect(bytesOutside(file, [])).toBe(hashOf([0, 64]))
    expect(bytesOutside(file, [[0, 64]])).toBe(hashOf())
    expect(bytesOutside(file, [[60, 100]])).toBe(hashOf([0, 60]))
  })
})

describe('the structure a reader returns', () => {
  it('lists symbols in code-unit order, not the locale order', () => {
    const structure = binaryStructure('elf', [], [], {}, new Set(['b', 'B', 'a', '_start', 'é']))
    expect(structure.symbols).toEqual(['B', '_start', 'a', 'b', 'é'])
  })

  it('has an empty list for an empty symbol table and no key without one', () => {
    expect(binaryStructure('pe', [], [], {}, new Set()).symbols).toEqual([])
    expect('symbols' in binaryStructure('macho', [], [], {}, undefined)).toBe(false)
  })
})
