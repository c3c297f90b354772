/** The binary registry: detection from the bytes, and parse failures as data, never thrown. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BINARY_FORMATS, detectBinary, parseBinary } from '../../../src/core/binary/registry'
import { sampleLibrary } from './build-elf'

const library = () => readFileSync(join(import.meta.dirname, '../../fixtures/binaries/build-path/left/libdemo.so'))

describe('binary registry', () => {
  it('lists ELF and detects it from the bytes, whatever the name', () => {
    expect(BINARY_FORMATS.map((format) => format.format)).toContain('elf')
    expect(detectBinary(library().subarray(0, 64), 'no-extension')?.format).toBe('elf')
    expect(detectBinary(new TextEncoder().encode('print("hello")\n'), 'libfake.so')).toBeNull()
    expect(detectBinary(new Uint8Array(0), 'x.so')).toBeNull()
  })

  it('parses an ELF member into its structure', () => {
    const parsed = parseBinary(library(), 'pkg/_speedups.cpython-311-x86_64-linux-gnu.so')
    expect(parsed).toMatchObject({ format: 'elf', facts: { DT_SONAME: 'libdemo.so.1' } })
  })

  it('returns a malformed member as { error } with its code and offset, and null for a non-binary', () => {
    const cut = sampleLibrary({ is64: true, little: true }).subarray(0, 200)
    expect(parseBinary(cut, 'x.so')).toEqual({ error: expect.objectContaining({ code: 'TRUNCATED', offset: expect.any(Number) }) })
    expect(parseBinary(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), 'x.so')).toEqual({ error: expect.objectContaining({ code: 'TRUNCATED' }) })
    expect(parseBinary(new TextEncoder().encode('not a binary'), 'x.txt')).toBeNull()
  })

  it('never throws on random bytes behind an ELF magic', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const base = sampleLibrary({ is64: true, little: true })
    for (let round = 0; round < 300; round++) {
      const bytes = base.slice()
      for (let flips = 0; flips < 4; flips++) bytes[4 + Math.floor(random() * (bytes.length - 4))] = Math.floor(random() * 256)
      expect(() => parseBinary(bytes, 'x.so')).not.toThrow()
    }
  })
})
