/**
 * .pyc structure (src/core/binary/pyc.ts) on fixtures that CPython 3.8 to 3.13 compiled
 * (test/fixtures/binaries/make-pyc.py), checked against what CPython's own marshal reads: live, with each
 * interpreter this machine has (python3 at least), and through the readouts the generator committed.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareBinary } from '../../../src/core/binary/compare-binary'
import type { MarshalCode, MarshalValue } from '../../../src/core/binary/marshal'
import { PYC_FORMAT, parsePyc, readPycCodeObjects } from '../../../src/core/binary/pyc'
import { reprValue } from '../../../src/core/binary/python-repr'
import { detectBinary, parseBinary } from '../../../src/core/binary/registry'
import type { BinaryStructure } from '../../../src/core/binary/types'
import { CoreFailure, type CoreError } from '../../../src/core/errors'

const DIR = join(import.meta.dirname, '../../fixtures/binaries/pyc')
const FIXTURES = readdirSync(DIR).filter((name) => name.endsWith('.pyc')).sort()
const load = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))
const parse = (name: string) => parsePyc(load(name))

interface Readout {
  magic?: string
  header: Record<string, string | number>
  code_objects: { co_name: string; co_qualname: string | null; co_filename: string; co_firstlineno: number; co_names: string[]; co_code: string; co_consts: string[] }[]
}

/** What CPython's marshal reads from a .pyc: the same fields as the generator's readout. */
const READ_PYC = String.raw`
import json, marshal, sys
data = open(sys.argv[1], "rb").read()
code_type = type(compile("", "", "exec"))
objects, stack = [], [marshal.loads(data[16:])]
while stack:
    co = stack.pop()
    objects.append({"co_name": co.co_name, "co_qualname": getattr(co, "co_qualname", None), "co_filename": co.co_filename,
                    "co_firstlineno": co.co_firstlineno, "co_names": list(co.co_names), "co_code": co.co_code.hex(),
                    "co_consts": [repr(c) for c in co.co_consts if not isinstance(c, (code_type, frozenset))]})
    stack.extend(reversed([c for c in co.co_consts if isinstance(c, code_type)]))
print(json.dumps({"header": {}, "code_objects": objects}))
`

/** python3, and every CPython 3.8+ pyenv has installed here, by the magic number each one writes. */
function interpretersByMagic(): Map<string, string> {
  const root = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv')
  const versions = existsSync(join(root, 'versions')) ? readdirSync(join(root, 'versions')).map((v) => join(root, 'versions', v, 'bin', 'python3')) : []
  const found = new Map<string, string>()
  for (const candidate of ['python3', ...versions]) {
    try {
      const magic = execFileSync(candidate, ['-c', 'import importlib.util; print(importlib.util.MAGIC_NUMBER.hex())'], { encoding: 'utf8', timeout: 20_000 }).trim()
      if (!found.has(magic)) found.set(magic, candidate)
    } catch {
      // Not installed or not runnable: that version is checked through the committed readout only.
    }
  }
  return found
}

function expectAgreement(name: string, readout: Readout): void {
  const bytes = load(name)
  const { codes } = readPycCodeObjects(bytes)
  const structure = parsePyc(bytes)
  expect(codes.map(({ code }) => (code.fields.co_name as { text: string }).text)).toEqual(readout.code_objects.map((o) => o.co_name))
  readout.code_objects.forEach((python, i) => {
    const { code, qualname } = codes[i]
    const section = structure.sections[i]
    if (python.co_qualname !== null) expect(qualname).toBe(python.co_qualname)
    expect(section.name).toBe(qualname)
    expect((code.fields.co_filename as { text: string }).text).toBe(python.co_filename)
    expect(section.facts?.co_firstlineno).toBe(python.co_firstlineno)
    expect(JSON.parse(String(section.facts?.co_names))).toEqual(python.co_names)
    expect(Buffer.from((code.fields.co_code as { bytes: Uint8Array }).bytes).toString('hex')).toBe(python.co_code)
    expect(section.size).toBe(python.co_code.length / 2)
    const consts = (code.fields.co_consts as { items: MarshalValue[] }).items.filter((c) => c.kind !== 'code' && c.kind !== 'frozenset')
    expect(consts.map((c) => reprValue(c, () => '', 10_000))).toEqual(python.co_consts)
  })
  expect(structure.facts.co_filename).toBe(readout.code_objects[0].co_filename)
  expect(structure.facts.co_names).toEqual(readout.code_objects[0].co_names)
}

const headerOf = (structure: BinaryStructure) => Object.fromEntries(structure.header.map((field) => [field.field, field.value]))

function failure(bytes: Uint8Array): CoreError {
  try {
    parsePyc(bytes)
  } catch (thrown) {
    if (thrown instanceof CoreFailure) return thrown.error
    throw thrown
  }
  throw new Error('expected a CoreFailure')
}

describe('pyc: agrees with CPython marshal', () => {
  it('has a fixture of each of CPython 3.8 to 3.13', () => {
    expect(FIXTURES.filter((name) => name.startsWith('module-cpython-'))).toEqual(['310', '311', '312', '313', '38', '39'].map((v) => `module-cpython-${v}.pyc`))
  })

  it.each(FIXTURES)('%s: the readout CPython wrote when compiling it', (name) => {
    const readout = JSON.parse(readFileSync(join(DIR, name.replace(/\.pyc$/, '.json')), 'utf8')) as Readout
    expectAgreement(name, readout)
    const header = headerOf(parse(name))
    expect(header.magic).toBe(readout.header.magic)
    expect(header.flags).toBe(readout.header.flags)
    for (const field of ['mtime', 'source_size', 'source_hash']) expect(header[field]).toBe(readout.header[field])
  })

  const interpreters = interpretersByMagic()
  it('runs python3 live on at least one fixture', () => {
    expect(FIXTURES.some((name) => interpreters.has(Buffer.from(load(name).subarray(0, 4)).toString('hex')))).toBe(true)
  })
  it.each(FIXTURES)('%s: python marshal, run now, reads the same code objects', (name) => {
    const python = interpreters.get(Buffer.from(load(name).subarray(0, 4)).toString('hex'))
    if (!python) return // No interpreter of that version here: the committed readout above covers it.
    expectAgreement(name, JSON.parse(execFileSync(python, ['-c', READ_PYC, join(DIR, name)], { encoding: 'utf8', timeout: 30_000 })) as Readout)
  })

  it('builds qualified names before 3.11 as 3.11 records them in co_qualname', () => {
    const qualnames = parse('module-cpython-311.pyc').sections.map((section) => section.name)
    expect(qualnames).toContain('Widget.Nested.deep.<locals>.<dictcomp>')
    for (const version of ['38', '39', '310']) expect(parse(`module-cpython-${version}.pyc`).sections.map((s) => s.name)).toEqual(qualnames)
  })
})

describe('pyc: header', () => {
  it('reads the PEP 552 fields of each invalidation mode', () => {
    expect(headerOf(parse('path-a.pyc'))).toEqual({ magic: 'a70d0d0a', python_version: '3.11', flags: 0, invalidation_mode: 'timestamp', mtime: 1700000000, source_size: 1222 })
    expect(headerOf(parse('checked-hash.pyc'))).toMatchObject({ flags: 3, invalidation_mode: 'checked-hash', source_hash: '4916b4c78f73f76e' })
    expect(headerOf(parse('unchecked-hash.pyc'))).toMatchObject({ flags: 1, invalidation_mode: 'unchecked-hash', source_hash: '4916b4c78f73f76e' })
    expect(headerOf(parse('unchecked-hash.pyc')).mtime).toBeUndefined()
  })

  it('names the version of each release magic, and refuses the ones whose code layout it does not know', () => {
    expect(['38', '39', '310', '312', '313'].map((v) => headerOf(parse(`module-cpython-${v}.pyc`)).python_version)).toEqual(['3.8', '3.9', '3.10', '3.12', '3.13'])
    const withMagic = (magic: number) => { const bytes = load('path-a.pyc'); bytes[0] = magic & 0xff; bytes[1] = magic >> 8; return bytes }
    expect(failure(withMagic(3394))).toMatchObject({ code: 'UNSUPPORTED_FORMAT', offset: 0, message: expect.stringMatching(/Python 3\.7 \(magic 3394\)/) })
    expect(failure(withMagic(3460))).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/3\.11 pre-release/) })
    expect(failure(withMagic(3627))).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/newer than 3\.13/) })
  })

  it('refuses undefined flag bits, a cut header and a magic without \\r\\n, at their offsets', () => {
    const bytes = load('path-a.pyc')
    bytes[4] = 4
    expect(failure(bytes)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 4 })
    bytes[4] = 2 // check_source without hash-based: importlib reads it as a timestamp pyc
    expect(headerOf(parsePyc(bytes))).toMatchObject({ flags: 2, invalidation_mode: 'timestamp' })
    expect(failure(load('path-a.pyc').subarray(0, 10))).toMatchObject({ code: 'TRUNCATED', offset: 10 })
    const text = new TextEncoder().encode('import os\r\nprint(os.sep)\n')
    expect(failure(text)).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 2 })
  })
})

describe('pyc: sections and facts', () => {
  it('the same source compiled in two paths: every section identical, the co_filename fact differs', () => {
    const [a, b] = [parse('path-a.pyc'), parse('path-b.pyc')]
    expect(load('path-a.pyc')).not.toEqual(load('path-b.pyc'))
    expect(b.sections).toEqual(a.sections)
    expect(a.facts.co_filename).toBe('/tmp/pip-build-env-a1b2c3/src/pkg/module.py')
    expect(b.facts.co_filename).toBe('/home/runner/work/pkg/src/pkg/module.py')
    const comparison = compareBinary(a, b)!
    expect(comparison.sections.every((section) => section.status === 'identical')).toBe(true)
    expect(comparison.facts.filter((fact) => JSON.stringify(fact.left) !== JSON.stringify(fact.right)).map((fact) => fact.field)).toEqual(['co_filename', 'marshal_sha256'])
  })

  it('a changed function body: that section modified, every other identical', () => {
    const comparison = compareBinary(parse('path-a.pyc'), parse('changed-body.pyc'))!
    expect(comparison.sections.filter((section) => section.status !== 'identical').map((section) => section.name)).toEqual(['plain'])
    expect(comparison.sections).toHaveLength(17)
  })

  it('same code, another header: sections identical, only the header fields differ', () => {
    const [timestamp, hashed] = [parse('path-a.pyc'), parse('checked-hash.pyc')]
    expect(hashed.sections).toEqual(timestamp.sections)
    const comparison = compareBinary(timestamp, hashed)!
    expect(comparison.header.filter((field) => field.left !== field.right).map((field) => field.field)).toEqual(['flags', 'invalidation_mode', 'mtime', 'source_size', 'source_hash'])
  })

  it('a frozenset marshalled in another order (another PYTHONHASHSEED, CPython 3.10): other bytes, the same code', () => {
    const [seed0, seed1] = [parse('module-cpython-310.pyc'), parse('hash-seed-1-cpython-310.pyc')]
    expect(load('module-cpython-310.pyc')).not.toEqual(load('hash-seed-1-cpython-310.pyc'))
    expect(seed1.sections).toEqual(seed0.sections)
    expect(seed1.facts.marshal_sha256).not.toBe(seed0.facts.marshal_sha256)
    // The constant is shown in one order whatever the seed: the frozenset's items sorted.
    expect(seed1.sections.find((section) => section.name === 'membership')?.facts?.co_consts).toBe("(None, frozenset({'alpha', 'beta', 'delta', 'gamma'}))")
  })

  it('facts carry the first line, the names and the constants of each code object', () => {
    const plain = parse('module-cpython-311.pyc').sections.find((section) => section.name === 'plain')!
    expect(plain.facts).toMatchObject({ co_name: 'plain', co_firstlineno: 10, co_argcount: 2, co_kwonlyargcount: 2, co_names: '["len","os","sep","count"]', co_consts: "('Docstring of plain.', '/')" })
    const module = parse('module-cpython-311.pyc')
    expect(module.facts).toMatchObject({ co_name: '<module>', co_firstlineno: '1', co_filename: '/build/src/pkg/module.py' })
    expect(module.facts.names).toContain('namedtuple')
    expect(String(module.sections[0].facts?.co_consts)).toContain('<code object plain>')
  })

  it('shows bytes after the marshalled object as a header field and a fact', () => {
    const bytes = load('path-a.pyc')
    const longer = new Uint8Array(bytes.length + 3)
    longer.set(bytes)
    const structure = parsePyc(longer)
    expect(headerOf(structure).trailing_bytes).toBe(3)
    expect(structure.facts.trailing_sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(structure.sections).toEqual(parse('path-a.pyc').sections)
  })
})

describe('pyc: malformed files', () => {
  it('a cut file is TRUNCATED with an offset inside it, at every cut', () => {
    const bytes = load('path-a.pyc')
    for (let cut = 16; cut < bytes.length; cut += 97) {
      const error = failure(bytes.subarray(0, cut))
      expect(error.code).toBe('TRUNCATED')
      expect(error.offset).toBeGreaterThanOrEqual(16)
      expect(error.offset).toBeLessThanOrEqual(cut)
    }
  })

  it('a file holding something other than a code object, or a code object with a field of the wrong type', () => {
    const header = load('path-a.pyc').subarray(0, 16)
    const withBody = (body: number[]) => Uint8Array.from([...header, ...body])
    expect(failure(withBody([0x4e]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 16 })
    // A 3.11 code object whose co_code is None.
    const long = [0, 0, 0, 0]
    const code = [0x63, ...long, ...long, ...long, ...long, ...long, 0x4e, 0x29, 0, 0x29, 0, 0x29, 0, 0x73, 0, 0, 0, 0, 0x7a, 1, 0x66, 0x7a, 1, 0x66, 0x7a, 1, 0x66, ...long, 0x73, 0, 0, 0, 0, 0x73, 0, 0, 0, 0]
    expect(failure(withBody(code))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 16, message: expect.stringMatching(/co_code/) })
    // The same with an empty co_code reads.
    const valid = code.slice()
    valid.splice(21, 1, 0x73, 0, 0, 0, 0)
    expect(parsePyc(withBody(valid)).sections).toMatchObject([{ name: 'f', size: 0 }])
    // One local kind (co_localspluskinds) for no local name: CPython's _PyCode_Validate refuses it.
    const kinds = valid.slice()
    kinds.splice(32, 5, 0x73, 1, 0, 0, 0, 0x20)
    expect(failure(withBody(kinds))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 16, message: expect.stringMatching(/co_localspluskinds/) })
  })
})

/**
 * CPython 3.8 code objects (marshal.c TYPE_CODE of 3.8) nested `depth` deep, each the only constant of the one
 * around it, for nestings no compiler writes. Built as the parts before and after the innermost one.
 */
function nested38(depth: number, outerName: string): Uint8Array {
  const long = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]
  const text = (t: string) => [0x61, ...long(t.length), ...Array.from(t, (c) => c.charCodeAt(0))]
  const empty = [0x29, 0]
  const before = (consts: number) => [0x63, ...long(0), ...long(0), ...long(0), ...long(0), ...long(1), ...long(0x3), 0x73, ...long(2), 0x64, 0x00, 0x28, ...long(consts)]
  const after = (name: string) => [...empty, ...empty, ...empty, ...empty, ...text('/b/m.py'), ...text(name), ...long(1), 0x73, ...long(0)]
  const outerBefore = before(1)
  const outerAfter = after(outerName)
  const parts: number[][] = [[0x55, 0x0d, 0x0d, 0x0a, ...new Array(12).fill(0)]]
  for (let level = 1; level < depth; level++) parts.push(outerBefore)
  parts.push([...before(0), ...after('f')])
  for (let level = 1; level < depth; level++) parts.push(outerAfter)
  return Uint8Array.from(parts.flat())
}

describe('pyc: hostile nesting', () => {
  it('reads 900 nested functions with long names without recursing, their built names cut to 1024 characters', () => {
    const structure = parsePyc(nested38(900, 'g'.repeat(200)))
    expect(structure.sections).toHaveLength(900)
    expect(structure.sections[3].name).toBe(`${'g'.repeat(200)}.<locals>.`.repeat(2) + 'g'.repeat(200))
    expect(structure.sections.every((section) => section.name.length <= 1024)).toBe(true)
    expect(structure.sections[899].name).toMatch(/^….*\.<locals>\.f$/)
  })

  it('refuses code objects nested past the marshal depth limit with a coded error', () => {
    expect(failure(nested38(1100, 'g'))).toMatchObject({ code: 'CORRUPT_STRUCTURE', message: expect.stringMatching(/nested deeper than 2000/) })
  })

  it('mutated fixtures give a structure or a coded error, never an exception of another kind', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    const bases = ['path-a.pyc', 'module-cpython-38.pyc', 'module-cpython-313.pyc'].map(load)
    for (let i = 0; i < 600; i++) {
      const bytes = bases[i % bases.length].slice()
      for (let k = 0; k < 3; k++) bytes[16 + Math.floor(random() * (bytes.length - 16))] = [Math.floor(random() * 256), 0x72, 0xff, 0xe3][k]
      try {
        parsePyc(bytes)
      } catch (thrown) {
        expect(thrown).toBeInstanceOf(CoreFailure)
      }
    }
  })
})

describe('pyc: detection', () => {
  it('is detected from its bytes (any name), registered, and other bytes are not', () => {
    const head = load('module-cpython-38.pyc').subarray(0, 64)
    expect(PYC_FORMAT.detect(head, 'x/module.bin')).toBe(true)
    expect(detectBinary(head, 'x/module.bin')).toBe(PYC_FORMAT)
    expect(parseBinary(load('path-a.pyc').subarray(0, 300), 'pkg/__pycache__/module.cpython-311.pyc')).toEqual({ error: expect.objectContaining({ code: 'TRUNCATED', offset: expect.any(Number) }) })
    expect(PYC_FORMAT.detect(new TextEncoder().encode('ab\r\n'.padEnd(64, 'x')), 'notes.txt')).toBe(false)
    expect(PYC_FORMAT.detect(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, ...new Array(60).fill(0)]), 'lib.so')).toBe(false)
    // Named .pyc with a \r\n magic: detected, so an unreadable one is an error shown, not silently bytes.
    expect(PYC_FORMAT.detect(Uint8Array.from([0x33, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]), 'old.pyc')).toBe(true)
  })
})

/** reprValue is what the `co_consts` fact shows: Python's repr, cut, and bounded on hostile values. */
describe('pyc: constants shown as Python shows them', () => {
  const str = (text: string): MarshalValue => ({ kind: 'str', text, utf8: new TextEncoder().encode(text) })
  it('cuts a long or self-containing value at the limit', () => {
    const items: MarshalValue[] = []
    const cyclic: MarshalValue = { kind: 'tuple', items }
    items.push(cyclic, str('x'))
    expect(reprValue(cyclic, () => '', 100)).toBe("((...), 'x')")
    const shared: MarshalValue = { kind: 'tuple', items: [str('a'.repeat(50)), str('b')] }
    let big: MarshalValue = shared
    for (let k = 0; k < 60; k++) big = { kind: 'tuple', items: [big, big] }
    const shown = reprValue(big, () => '', 500)
    expect(shown).toHaveLength(501)
    expect(shown.endsWith('…')).toBe(true)
    expect(reprValue({ kind: 'code', offset: 0, fields: {} } as MarshalCode, () => 'outer.<locals>.f', 100)).toBe('<code object outer.<locals>.f>')
  })
})
