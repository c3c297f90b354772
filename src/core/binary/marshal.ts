/**
 * CPython's marshal format (Python/marshal.c, `r_object`; marshal version 4, unchanged from CPython 3.8 to
 * 3.13), read as far as .pyc code objects need. The reader never recurses: the containers being filled sit on
 * an explicit stack, capped at CPython's own MAX_MARSHAL_STACK_DEPTH, so a file CPython refuses is refused here
 * too. Every length is checked against the bytes left before anything is allocated, every TYPE_REF index
 * against the objects registered so far, and a problem is a coded error at the offset of its type byte.
 * Objects shared through TYPE_REF are the same JavaScript object (a container may even contain itself, as in
 * CPython): walk values with a visited set, never by plain recursion.
 */
import { fail } from '../errors'
import { decodeLatin1 } from '../util/text'
import { decodeUtf8SurrogatePass, encodeUtf8SurrogatePass } from './utf8-surrogatepass'

/** Python/marshal.c: the type code is the low 7 bits; FLAG_REF asks the reader to remember the object. */
const FLAG_REF = 0x80
/** Python/marshal.c MAX_MARSHAL_STACK_DEPTH: nesting deeper than this is "recursion limit exceeded". */
export const MARSHAL_MAX_DEPTH = 2000
/** Python/marshal.c SIZE32_MAX: lengths are signed 32-bit and must not be negative. */
const SIZE32_MAX = 0x7fffffff

export type MarshalValue =
  | { kind: 'none' | 'true' | 'false' | 'ellipsis' | 'stopiteration' }
  /** TYPE_INT, TYPE_INT64 and TYPE_LONG: one Python int. `magnitude` is lowercase hex without leading zeros. */
  | { kind: 'int'; negative: boolean; magnitude: string }
  /** IEEE 754 binary64, little-endian (TYPE_BINARY_FLOAT; TYPE_FLOAT's decimal text is converted). */
  | { kind: 'float'; bits: Uint8Array }
  | { kind: 'complex'; real: Uint8Array; imag: Uint8Array }
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Any str type code. `utf8` is the canonical UTF-8 (surrogates as three bytes, Python's surrogatepass). */
  | { kind: 'str'; text: string; utf8: Uint8Array }
  | { kind: 'tuple' | 'list' | 'set' | 'frozenset'; items: MarshalValue[] }
  | { kind: 'dict'; entries: [MarshalValue, MarshalValue][] }
  | MarshalCode

/** TYPE_CODE: the fields in file order, by their `co_` names (CODE_LAYOUTS). */
export interface MarshalCode {
  kind: 'code'
  /** Offset of the type byte in the bytes given to `readMarshal`. */
  offset: number
  fields: Record<string, number | MarshalValue>
}

export interface CodeField {
  name: string
  /** `long`: an r_long (signed 32-bit) read in place; `object`: a nested r_object. */
  type: 'long' | 'object'
}

const longs = (...names: string[]): CodeField[] => names.map((name) => ({ name, type: 'long' }))
const objects = (...names: string[]): CodeField[] => names.map((name) => ({ name, type: 'object' }))

/** TYPE_CODE field order per version (marshal.c `case TYPE_CODE` of each release branch). */
export const CODE_LAYOUTS = {
  '3.8': [...longs('co_argcount', 'co_posonlyargcount', 'co_kwonlyargcount', 'co_nlocals', 'co_stacksize', 'co_flags'),
    ...objects('co_code', 'co_consts', 'co_names', 'co_varnames', 'co_freevars', 'co_cellvars', 'co_filename', 'co_name'),
    ...longs('co_firstlineno'), ...objects('co_lnotab')],
  /** 3.10 replaced co_lnotab by co_linetable (PEP 626). */
  '3.10': [...longs('co_argcount', 'co_posonlyargcount', 'co_kwonlyargcount', 'co_nlocals', 'co_stacksize', 'co_flags'),
    ...objects('co_code', 'co_consts', 'co_names', 'co_varnames', 'co_freevars', 'co_cellvars', 'co_filename', 'co_name'),
    ...longs('co_firstlineno'), ...objects('co_linetable')],
  /** 3.11 to 3.13: locals, cells and free variables merged into co_localsplusnames/kinds; co_qualname added. */
  '3.11': [...longs('co_argcount', 'co_posonlyargcount', 'co_kwonlyargcount', 'co_stacksize', 'co_flags'),
    ...objects('co_code', 'co_consts', 'co_names', 'co_localsplusnames', 'co_localspluskinds', 'co_filename', 'co_name', 'co_qualname'),
    ...longs('co_firstlineno'), ...objects('co_linetable', 'co_exceptiontable')],
} satisfies Record<string, CodeField[]>

const SINGLETONS = {
  N: { kind: 'none' }, T: { kind: 'true' }, F: { kind: 'false' }, '.': { kind: 'ellipsis' }, S: { kind: 'stopiteration' },
} as const satisfies Record<string, MarshalValue>

/** A slot taken by r_ref_reserve (code objects, non-empty frozensets) whose object is not built yet. */
const RESERVED = Symbol('reserved')
/** TYPE_NULL: only a dict's terminator. */
const NULL_OBJECT = Symbol('null')

/** A container being filled; `frame` (not `kind`) tells frames from finished values. */
type Frame =
  | { frame: 'sequence'; value: MarshalValue & { items: MarshalValue[] }; remaining: number; reserved: number; hashable: boolean }
  | { frame: 'dict'; value: MarshalValue & { kind: 'dict' }; key: MarshalValue | null }
  | { frame: 'code'; value: MarshalCode; step: number; layout: readonly CodeField[]; reserved: number }

type Begun = MarshalValue | Frame | typeof NULL_OBJECT

const isFrame = (begun: Begun): begun is Frame => typeof begun === 'object' && 'frame' in begun

class MarshalReader {
  offset: number
  private readonly refs: (MarshalValue | typeof RESERVED)[] = []
  private readonly view: DataView

  constructor(private readonly bytes: Uint8Array, offset: number, private readonly layout: readonly CodeField[]) {
    this.offset = offset
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  need(count: number, what: string, at = this.offset): void {
    if (count > this.bytes.length - this.offset) fail('TRUNCATED', `marshal data ends inside ${what} (${count} bytes needed, ${this.bytes.length - this.offset} left)`, { offset: at })
  }
  u8(what: string): number { this.need(1, what); return this.bytes[this.offset++] }
  i32(what: string): number { this.need(4, what); const value = this.view.getInt32(this.offset, true); this.offset += 4; return value }
  take(count: number, what: string, at: number): Uint8Array {
    this.need(count, what, at)
    const slice = this.bytes.subarray(this.offset, this.offset + count)
    this.offset += count
    return slice
  }
  /** A signed 32-bit length, as marshal.c checks it: negative is out of range, more than the bytes left is cut. */
  length(what: string, at: number, bytesPerItem: number): number {
    const count = this.i32(`the length of ${what}`)
    if (count < 0 || count > SIZE32_MAX) fail('CORRUPT_STRUCTURE', `bad marshal data (${what} size out of range: ${count})`, { offset: at })
    this.need(count * bytesPerItem, `${what} of ${count}`, at)
    return count
  }
  register(value: MarshalValue, flag: boolean): MarshalValue {
    if (flag) this.refs.push(value)
    return value
  }
  reserve(flag: boolean, at: number): number {
    if (!flag) return -1
    if (this.refs.length >= 0x7ffffffe) fail('CORRUPT_STRUCTURE', 'bad marshal data (index list too large)', { offset: at })
    this.refs.push(RESERVED)
    return this.refs.length - 1
  }
  fill(index: number, value: MarshalValue): void {
    if (index >= 0) this.refs[index] = value
  }
  reference(at: number): MarshalValue {
    const index = this.i32('a TYPE_REF index')
    const value = index >= 0 && index < this.refs.length ? this.refs[index] : RESERVED
    if (value === RESERVED) fail('CORRUPT_STRUCTURE', `bad marshal data (invalid reference ${index}; ${this.refs.length} objects registered)`, { offset: at })
    return value
  }
  get codeLayout(): readonly CodeField[] { return this.layout }
}

type Handler = (reader: MarshalReader, flag: boolean, at: number) => Begun

/** TYPE_LONG: a signed count of 15-bit digits (PyLong_MARSHAL_SHIFT), least significant first. */
function readLong(reader: MarshalReader, at: number): MarshalValue {
  const count = reader.i32('the digit count of a long')
  if (count === 0) return { kind: 'int', negative: false, magnitude: '0' }
  if (count < -SIZE32_MAX) fail('CORRUPT_STRUCTURE', 'bad marshal data (long size out of range)', { offset: at })
  const digits = Math.abs(count)
  const raw = reader.take(digits * 2, `a long of ${digits} digits`, at)
  const nibbles: string[] = []
  let accumulator = 0
  let bits = 0
  for (let i = 0; i < digits; i++) {
    const digit = raw[i * 2] | (raw[i * 2 + 1] << 8)
    if (digit > 0x7fff) fail('CORRUPT_STRUCTURE', 'bad marshal data (digit out of range in long)', { offset: at })
    if (digit === 0 && i === digits - 1) fail('CORRUPT_STRUCTURE', 'bad marshal data (unnormalized long data)', { offset: at })
    accumulator |= digit << bits
    bits += 15
    for (; bits >= 4; bits -= 4, accumulator >>>= 4) nibbles.push((accumulator & 0xf).toString(16))
  }
  if (bits > 0) nibbles.push(accumulator.toString(16))
  let top = nibbles.length - 1
  while (top > 0 && nibbles[top] === '0') top--
  let magnitude = ''
  for (let i = top; i >= 0; i--) magnitude += nibbles[i]
  return { kind: 'int', negative: count < 0, magnitude }
}

/** TYPE_FLOAT / TYPE_COMPLEX (marshal version 0 and 1): a length byte and the repr, as PyOS_string_to_double reads it. */
function readFloatText(reader: MarshalReader, at: number): Uint8Array {
  const text = decodeLatin1(reader.take(reader.u8('a float length'), 'a float', at))
  if (!/^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf(?:inity)?|nan)$/i.test(text)) fail('CORRUPT_STRUCTURE', `bad marshal data (float ${JSON.stringify(text)})`, { offset: at })
  const lower = text.toLowerCase().replace(/^\+/, '')
  const value = /inf/.test(lower) ? (lower.startsWith('-') ? -Infinity : Infinity) : /nan/.test(lower) ? NaN : Number(lower)
  const bits = new Uint8Array(8)
  new DataView(bits.buffer).setFloat64(0, value, true)
  return bits
}

function readString(reader: MarshalReader, flag: boolean, at: number, count: number, ascii: boolean): MarshalValue {
  const raw = reader.take(count, 'a string', at)
  const text = ascii ? decodeLatin1(raw) : decodeUtf8SurrogatePass(raw)
  if (text === null) fail('CORRUPT_STRUCTURE', 'bad marshal data (a str that is not UTF-8)', { offset: at })
  return reader.register({ kind: 'str', text, utf8: ascii && raw.some((byte) => byte > 0x7f) ? encodeUtf8SurrogatePass(text) : raw }, flag)
}

function sequence(reader: MarshalReader, kind: 'tuple' | 'list' | 'set' | 'frozenset', flag: boolean, at: number, count: number): Begun {
  const value = { kind, items: [] as MarshalValue[] }
  // marshal.c registers tuples, lists and sets before their items (they may contain themselves), but reserves
  // a frozenset's slot and fills it afterwards; the empty frozenset is registered at once.
  const delayed = kind === 'frozenset' && count > 0
  const reserved = delayed ? reader.reserve(flag, at) : -1
  if (!delayed) reader.register(value, flag)
  if (count === 0) return value
  return { frame: 'sequence', value, remaining: count, reserved, hashable: kind === 'set' || kind === 'frozenset' }
}

const HANDLERS = new Map<string, Handler>([
  ...Object.entries(SINGLETONS).map(([code, value]): [string, Handler] => [code, () => value]),
  ['0', () => NULL_OBJECT],
  ['i', (r, flag) => { const n = r.i32('a TYPE_INT'); return r.register({ kind: 'int', negative: n < 0, magnitude: Math.abs(n).toString(16) }, flag) }],
  ['I', (r, flag, at) => {
    const n = new DataView(r.take(8, 'a TYPE_INT64', at).slice().buffer).getBigInt64(0, true)
    return r.register({ kind: 'int', negative: n < 0n, magnitude: (n < 0n ? -n : n).toString(16) }, flag)
  }],
  ['l', (r, flag, at) => r.register(readLong(r, at), flag)],
  ['g', (r, flag, at) => r.register({ kind: 'float', bits: r.take(8, 'a float', at) }, flag)],
  ['f', (r, flag, at) => r.register({ kind: 'float', bits: readFloatText(r, at) }, flag)],
  ['y', (r, flag, at) => r.register({ kind: 'complex', real: r.take(8, 'a complex', at), imag: r.take(8, 'a complex', at) }, flag)],
  ['x', (r, flag, at) => r.register({ kind: 'complex', real: readFloatText(r, at), imag: readFloatText(r, at) }, flag)],
  ['s', (r, flag, at) => r.register({ kind: 'bytes', bytes: r.take(r.length('bytes object', at, 1), 'a bytes object', at) }, flag)],
  ...['u', 't'].map((code): [string, Handler] => [code, (r, flag, at) => readString(r, flag, at, r.length('string', at, 1), false)]),
  ...['a', 'A'].map((code): [string, Handler] => [code, (r, flag, at) => readString(r, flag, at, r.length('string', at, 1), true)]),
  ...['z', 'Z'].map((code): [string, Handler] => [code, (r, flag, at) => readString(r, flag, at, r.u8('a short string length'), true)]),
  ['(', (r, flag, at) => sequence(r, 'tuple', flag, at, r.length('tuple', at, 1))],
  [')', (r, flag, at) => { const n = r.u8('a small tuple length'); r.need(n, `a tuple of ${n}`, at); return sequence(r, 'tuple', flag, at, n) }],
  ['[', (r, flag, at) => sequence(r, 'list', flag, at, r.length('list', at, 1))],
  ['<', (r, flag, at) => sequence(r, 'set', flag, at, r.length('set', at, 1))],
  ['>', (r, flag, at) => sequence(r, 'frozenset', flag, at, r.length('set', at, 1))],
  ['{', (r, flag) => {
    const value = { kind: 'dict' as const, entries: [] as [MarshalValue, MarshalValue][] }
    r.register(value, flag)
    return { frame: 'dict', value, key: null }
  }],
  ['r', (r, _flag, at) => r.reference(at)],
  ['c', (r, flag, at) => ({ frame: 'code', value: { kind: 'code', offset: at, fields: {} }, step: 0, layout: r.codeLayout, reserved: r.reserve(flag, at) })],
])

function begin(reader: MarshalReader, depth: number): Begun {
  const at = reader.offset
  if (depth > MARSHAL_MAX_DEPTH) fail('CORRUPT_STRUCTURE', `marshal data nested deeper than ${MARSHAL_MAX_DEPTH} (CPython: recursion limit exceeded)`, { offset: at })
  const code = reader.u8('an object')
  const handler = HANDLERS.get(String.fromCharCode(code & ~FLAG_REF))
  if (!handler) fail('CORRUPT_STRUCTURE', `bad marshal data (unknown type code 0x${code.toString(16).padStart(2, '0')})`, { offset: at })
  return handler(reader, (code & FLAG_REF) !== 0, at)
}

const UNHASHABLE = new Set(['list', 'dict', 'set'])

/** Gives `child` to the frame; true when the frame is complete. A code frame then reads its longs up to its next object. */
function feed(reader: MarshalReader, frame: Frame, child: MarshalValue | typeof NULL_OBJECT, at: number): boolean {
  if (frame.frame === 'dict') {
    if (child === NULL_OBJECT) return true // a NULL key, or a NULL value, ends the dict (marshal.c TYPE_DICT)
    if (frame.key === null) {
      if (UNHASHABLE.has(child.kind)) fail('CORRUPT_STRUCTURE', `bad marshal data (unhashable ${child.kind} as a dict key)`, { offset: at })
      frame.key = child
      return false
    }
    frame.value.entries.push([frame.key, child])
    frame.key = null
    return false
  }
  if (child === NULL_OBJECT) fail('CORRUPT_STRUCTURE', `NULL object in marshal data for ${frame.frame === 'code' ? 'a code object' : frame.value.kind}`, { offset: at })
  if (frame.frame === 'sequence') {
    if (frame.hashable && UNHASHABLE.has(child.kind)) fail('CORRUPT_STRUCTURE', `bad marshal data (unhashable ${child.kind} in a set)`, { offset: at })
    frame.value.items.push(child)
    return --frame.remaining === 0
  }
  frame.value.fields[frame.layout[frame.step++].name] = child
  return advanceCode(reader, frame)
}

function advanceCode(reader: MarshalReader, frame: Frame & { frame: 'code' }): boolean {
  for (; frame.step < frame.layout.length && frame.layout[frame.step].type === 'long'; frame.step++) {
    frame.value.fields[frame.layout[frame.step].name] = reader.i32(`${frame.layout[frame.step].name} of a code object`)
  }
  return frame.step === frame.layout.length
}

function finish(reader: MarshalReader, frame: Frame): MarshalValue {
  if (frame.frame !== 'dict') reader.fill(frame.reserved, frame.value)
  return frame.value
}

/**
 * Reads one marshalled object starting at `offset`, with code objects laid out as `layout` says. Returns the
 * object and the offset just after it (what follows is not marshal data: CPython ignores it).
 */
export function readMarshal(bytes: Uint8Array, offset: number, layout: readonly CodeField[]): { value: MarshalValue; end: number } {
  const reader = new MarshalReader(bytes, offset, layout)
  const stack: Frame[] = []
  for (;;) {
    const at = reader.offset
    let done: Begun = begin(reader, stack.length + 1)
    if (isFrame(done)) {
      if (done.frame !== 'code' || !advanceCode(reader, done)) {
        stack.push(done)
        continue
      }
      done = finish(reader, done)
    }
    for (;;) {
      const top = stack.at(-1)
      if (!top) {
        if (done === NULL_OBJECT) fail('CORRUPT_STRUCTURE', 'NULL object in marshal data for object', { offset: at })
        return { value: done as MarshalValue, end: reader.offset }
      }
      if (!feed(reader, top, done as MarshalValue | typeof NULL_OBJECT, at)) break
      stack.pop()
      done = finish(reader, top)
    }
  }
}
