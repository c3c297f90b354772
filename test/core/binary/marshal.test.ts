/** CPython's marshal format (src/core/binary/marshal.ts), checked against Python's own `marshal.loads`. */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { CoreFailure } from '../../../src/core/errors'
import { CODE_LAYOUTS, MARSHAL_MAX_DEPTH, readMarshal, type MarshalValue } from '../../../src/core/binary/marshal'
import { digestValue } from '../../../src/core/binary/marshal-canonical'
import { decodeUtf8SurrogatePass } from '../../../src/core/binary/utf8-surrogatepass'

/** Marshal byte builders (Python/marshal.c w_object), for bytes no compiler writes. */
const FLAG_REF = 0x80
const code = (char: string, flag = false) => [char.charCodeAt(0) | (flag ? FLAG_REF : 0)]
const i32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0))
const short = (text: string, flag = false) => [...code('z', flag), text.length, ...ascii(text)]
const utf8 = (bytes: number[], flag = false) => [...code('u', flag), ...i32(bytes.length), ...bytes]
const int = (n: number, flag = false) => [...code('i', flag), ...i32(n)]
const tuple = (items: number[][], flag = false) => [...code(')', flag), items.length, ...items.flat()]
const ref = (index: number) => [...code('r'), ...i32(index)]
/** TYPE_LONG with the given 15-bit digits, least significant first; negative count for a negative number. */
const long = (digits: number[], negative = false) => [...code('l'), ...i32(negative ? -digits.length : digits.length), ...digits.flatMap((d) => [d & 0xff, d >> 8])]
const NONE = code('N')

const read = (bytes: number[]) => readMarshal(Uint8Array.from(bytes), 0, CODE_LAYOUTS['3.11']).value
const digest = (bytes: number[]) => digestValue(read(bytes), () => 'code')

function failure(bytes: number[]): { code: string; offset?: number; message: string } {
  try {
    read(bytes)
  } catch (thrown) {
    if (thrown instanceof CoreFailure) return thrown.error
    throw thrown
  }
  throw new Error('expected a CoreFailure')
}

describe('marshal: values', () => {
  it('reads the singletons, ints, longs, floats, complex numbers and bytes', () => {
    expect(['N', 'T', 'F', '.', 'S'].map((c) => read(code(c)).kind)).toEqual(['none', 'true', 'false', 'ellipsis', 'stopiteration'])
    expect(read(int(-5))).toEqual({ kind: 'int', negative: true, magnitude: '5' })
    // 2**70 = digits 0, 0, 0, 0, 1 << 10 (15 bits each).
    expect(read(long([0, 0, 0, 0, 1 << 10]))).toEqual({ kind: 'int', negative: false, magnitude: (2n ** 70n).toString(16) })
    expect(read(long([0x7fff, 0x1234], true))).toEqual({ kind: 'int', negative: true, magnitude: ((0x1234n << 15n) | 0x7fffn).toString(16) })
    expect(read([...code('I'), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])).toEqual({ kind: 'int', negative: true, magnitude: '1' })
    const float = read([...code('g'), 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]) as { bits: Uint8Array }
    expect(new DataView(float.bits.slice().buffer).getFloat64(0, true)).toBe(1.5)
    const text = read([...code('f'), 4, ...ascii('-2.5')]) as { bits: Uint8Array }
    expect(new DataView(text.bits.slice().buffer).getFloat64(0, true)).toBe(-2.5)
    expect(read([...code('y'), ...new Array(16).fill(0)]).kind).toBe('complex')
    expect(read([...code('s'), ...i32(2), 0, 0xff])).toEqual({ kind: 'bytes', bytes: Uint8Array.from([0, 0xff]) })
  })

  it('reads every str type code; the ASCII ones as Latin-1, the UTF-8 ones with encoded surrogates (surrogatepass)', () => {
    expect((read(short('abc')) as { text: string }).text).toBe('abc')
    expect((read([...code('a'), ...i32(2), 0xe9, 0x78]) as { text: string }).text).toBe('éx')
    expect((read([...code('A'), ...i32(1), 0x41]) as { text: string }).text).toBe('A')
    expect((read([...code('Z'), 1, 0x42]) as { text: string }).text).toBe('B')
    expect((read([...code('t'), ...i32(2), 0xc3, 0xa9]) as { text: string }).text).toBe('é')
    expect((read(utf8([0xed, 0xa0, 0x80])) as { text: string }).text).toBe('\ud800')
    expect(decodeUtf8SurrogatePass(Uint8Array.from([0xef, 0xbb, 0xbf]))).toBe('\ufeff') // a BOM is a character, not dropped
    expect(failure(utf8([0xc0, 0x80]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 0 })
  })

  it('reads containers, and a dict ends at a NULL key or a NULL value', () => {
    expect(read(tuple([NONE, int(1)]))).toMatchObject({ kind: 'tuple', items: [{ kind: 'none' }, { kind: 'int' }] })
    expect(read([...code('('), ...i32(1), ...NONE])).toMatchObject({ kind: 'tuple', items: [{ kind: 'none' }] })
    expect(read([...code('['), ...i32(1), ...NONE]).kind).toBe('list')
    expect(read([...code('<'), ...i32(1), ...int(3)]).kind).toBe('set')
    expect(read([...code('>'), ...i32(0)])).toEqual({ kind: 'frozenset', items: [] })
    expect(read([...code('{'), ...NONE, ...NONE, ...code('0')])).toMatchObject({ kind: 'dict', entries: [[{ kind: 'none' }, { kind: 'none' }]] })
    expect(read([...code('{'), ...NONE, ...code('0')])).toEqual({ kind: 'dict', entries: [] })
    // A list in a set is unhashable (PySet_Add refuses it): the error is at the list.
    expect(failure([...code('<'), ...i32(1), ...code('['), ...i32(0)])).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 5 })
  })

  it('reads a code object field by field in the layout of its version', () => {
    const empty = tuple([])
    const fields = [...i32(1), ...i32(0), ...i32(0), ...i32(2), ...i32(3), ...[...code('s'), ...i32(2), 0x97, 0x00], ...empty, ...empty, ...empty,
      ...[...code('s'), ...i32(0)], ...short('f.py'), ...short('f'), ...short('f'), ...i32(7), ...[...code('s'), ...i32(0)], ...[...code('s'), ...i32(0)]]
    const value = read([...code('c'), ...fields])
    expect(value).toMatchObject({ kind: 'code', offset: 0, fields: { co_argcount: 1, co_stacksize: 2, co_flags: 3, co_firstlineno: 7, co_filename: { text: 'f.py' } } })
  })
})

describe('marshal: references', () => {
  it('numbers the objects flagged FLAG_REF in order, singletons not included, and TYPE_REF returns the same object', () => {
    const value = read(tuple([[...code('N', true)], short('x', true), ref(0)])) as { items: MarshalValue[] }
    expect(value.items[2]).toBe(value.items[1])
  })

  it('registers a tuple before its items, so a tuple may contain itself, and its digest still ends', () => {
    const value = read(tuple([ref(0)], true)) as MarshalValue & { items: MarshalValue[] }
    expect(value.items[0]).toBe(value)
    expect(digestValue(value, () => 'code')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a reference to a code object or frozenset still being read, and indices out of range', () => {
    expect(failure([...code('>', true), ...i32(1), ...ref(0)])).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 5 })
    expect(failure([...code('c', true), ...i32(0), ...i32(0), ...i32(0), ...i32(0), ...i32(0), ...ref(0)])).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 21 })
    expect(failure(tuple([short('x', true), ref(1)]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 5 })
    expect(failure(tuple([short('x', true), ref(-1)]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 5 })
  })
})

describe('marshal: hostile input', () => {
  it(`reads ${MARSHAL_MAX_DEPTH} levels of nesting, as CPython does, and refuses one more without recursing`, () => {
    const nested = (depth: number) => [...new Array(depth - 1).fill([0x29, 1]).flat(), ...NONE]
    expect(read(nested(MARSHAL_MAX_DEPTH)).kind).toBe('tuple')
    expect(failure(nested(MARSHAL_MAX_DEPTH + 1))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: MARSHAL_MAX_DEPTH * 2 })
    expect(failure(nested(200_000)).message).toMatch(/nested deeper than 2000/)
  })

  it('reads a tuple of 300,000 items', () => {
    const bytes = [...code('('), ...i32(300_000), ...new Array(300_000).fill(0x4e)]
    expect((read(bytes) as { items: MarshalValue[] }).items).toHaveLength(300_000)
  })

  it('checks every length against the bytes left before reading or allocating', () => {
    expect(failure([...code('('), ...i32(0x7fffffff), ...NONE])).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    expect(failure([...code('('), ...i32(-1)])).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 0 })
    // Only the first object is read (CPython ignores what follows): the cut bytes object after it is no error.
    expect(readMarshal(Uint8Array.from([...NONE, ...code('s'), ...i32(10), 1, 2]), 0, CODE_LAYOUTS['3.11']).end).toBe(1)
    expect(failure(tuple([NONE, [...code('s'), ...i32(10), 1, 2]]))).toMatchObject({ code: 'TRUNCATED', offset: 3 })
    expect(failure(long(new Array(3).fill(1)).slice(0, 8))).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    expect(failure([...code('l'), ...i32(-0x80000000)])).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 0 })
    expect(failure([...code(')'), 3, ...NONE])).toMatchObject({ code: 'TRUNCATED', offset: 0 })
    expect(failure([])).toMatchObject({ code: 'TRUNCATED', offset: 0 })
  })

  it('refuses unnormalized longs, digits out of range, unknown type codes and NULL where an object must be', () => {
    expect(failure(long([1, 0]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', message: expect.stringMatching(/unnormalized/) })
    expect(failure(long([0x8000]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', message: expect.stringMatching(/digit out of range/) })
    expect(failure(tuple([NONE, code('?')]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 3 })
    expect(failure(tuple([code('0')]))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 2 })
    expect(failure(code('0'))).toMatchObject({ code: 'CORRUPT_STRUCTURE', offset: 0 })
  })
})

describe('marshal: canonical digests', () => {
  it('digest the Python value, not the way marshal wrote it', () => {
    expect(digest(int(5))).toBe(digest(long([5])))
    expect(digest(short('abc'))).toBe(digest(utf8(ascii('abc'), true)))
    expect(digest([...code('a'), ...i32(1), 0xe9])).toBe(digest(utf8([0xc3, 0xa9])))
    const frozen = (items: number[][]) => [...code('>'), ...i32(items.length), ...items.flat()]
    expect(digest(frozen([short('a'), short('b')]))).toBe(digest(frozen([short('b'), short('a')])))
    expect(digest(tuple([short('x', true), ref(0)]))).toBe(digest(tuple([short('x'), short('x')])))
  })

  it('tell apart values Python tells apart', () => {
    expect(digest(short('a'))).not.toBe(digest([...code('s'), ...i32(1), 0x61]))
    expect(digest(tuple([]))).not.toBe(digest([...code('['), ...i32(0)]))
    expect(digest(int(1))).not.toBe(digest(int(-1)))
    expect(digest(tuple([short('ab')]))).not.toBe(digest(tuple([short('a'), short('b')])))
    // Two encoded surrogates are two characters, not the astral character their UTF-16 pair would be.
    expect(digest(utf8([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]))).not.toBe(digest(utf8([0xf0, 0x9f, 0x98, 0x80])))
  })

  it('digests a value shared 2**60 times over through references in linear time', () => {
    // t0 = (None, None); t(k+1) = (t(k), t(k)) by reference: a tree of 2**60 leaves in 60 objects.
    const bytes: number[] = [...code(')'), 2, ...NONE, ...NONE]
    bytes[0] |= FLAG_REF
    let value = bytes
    for (let k = 0; k < 60; k++) value = [...code(')', true), 2, ...value, ...ref(k)]
    const started = performance.now()
    expect(digest(value)).toMatch(/^[0-9a-f]{64}$/)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

/** The same bytes given to CPython's marshal.loads: it must accept exactly what the reader accepts. */
describe('marshal: agrees with CPython', () => {
  const cases: number[][] = [
    tuple([short('x', true), ref(0)]), tuple([ref(0)], true), [...code('>', true), ...i32(1), ...ref(0)], tuple([short('x', true), ref(1)]),
    long([1, 0]), long([0x8000]), long([0x7fff, 1], true), utf8([0xed, 0xa0, 0x80]), utf8([0xc0, 0x80]), utf8([0xf4, 0x90, 0x80, 0x80]),
    [...code('{'), ...NONE, ...code('0')], [...code('{'), ...NONE], [...code('<'), ...i32(1), ...code('['), ...i32(0)],
    [...code('a'), ...i32(2), 0xe9, 0x78], [...code('f'), 3, ...ascii('1e5')], [...code('f'), 3, ...ascii('0x1')], tuple([code('?')]),
    [...new Array(MARSHAL_MAX_DEPTH - 1).fill([0x29, 1]).flat(), ...NONE], [...new Array(MARSHAL_MAX_DEPTH).fill([0x29, 1]).flat(), ...NONE],
  ]
  it('accepts and refuses the same hand-built inputs', () => {
    const script = 'import marshal, sys, json\nprint(json.dumps([_ok(bytes.fromhex(h)) for h in sys.argv[1:]]))'
    const helper = 'def _ok(b):\n    try:\n        marshal.loads(b)\n        return True\n    except Exception:\n        return False\n'
    const hexes = cases.map((bytes) => Buffer.from(bytes).toString('hex'))
    const python = JSON.parse(execFileSync('python3', ['-c', `import marshal\n${helper}${script}`, ...hexes], { encoding: 'utf8' })) as boolean[]
    const ours = cases.map((bytes) => {
      try {
        read(bytes)
        return true
      } catch (thrown) {
        if (thrown instanceof CoreFailure) return false
        throw thrown
      }
    })
    expect(ours).toEqual(python)
    expect(python).toContain(false)
    expect(python).toContain(true)
  })
})
