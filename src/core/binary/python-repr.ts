/**
 * Python's repr of marshalled constants (Objects/unicodeobject.c, bytesobject.c, floatobject.c,
 * complexobject.c, longobject.c), for the `co_consts` fact of a .pyc code object: what a reviewer would read
 * in Python, cut at a limit, never as deep as the input.
 */
import type { MarshalCode, MarshalValue } from './marshal'
import { childrenOf, digestValue } from './marshal-canonical'

/** Python's str.isprintable (Objects/unicodectype.c): everything but the categories Cc Cf Cs Co Cn Zl Zp Zs, and space. */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u
const SPECIAL_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** Python's repr quoting: single quotes unless the text has a ' and no ". */
function quoted(chars: Iterable<string>, hasSingle: boolean, hasDouble: boolean, escape: (char: string) => string, prefix = ''): string {
  const quote = hasSingle && !hasDouble ? '"' : "'"
  let out = prefix + quote
  for (const char of chars) out += char === quote ? `\\${quote}` : (SPECIAL_ESCAPES[char] ?? escape(char))
  return out + quote
}

const hex = (point: number, width: number) => point.toString(16).padStart(width, '0')
const strRepr = (text: string) => quoted(text, text.includes("'"), text.includes('"'), (char) => {
  if (char === ' ' || !NON_PRINTABLE.test(char)) return char
  const point = char.codePointAt(0)!
  return point < 0x100 ? `\\x${hex(point, 2)}` : point < 0x10000 ? `\\u${hex(point, 4)}` : `\\U${hex(point, 8)}`
})
const bytesRepr = (bytes: Uint8Array) => quoted(Array.from(bytes, (byte) => String.fromCharCode(byte)), bytes.includes(0x27), bytes.includes(0x22),
  (char) => (char < ' ' || char > '~' ? `\\x${hex(char.charCodeAt(0), 2)}` : char), 'b')

/** Python's float repr (the shortest text that reads back; exponent form below 1e-4 and from 1e16). */
function floatRepr(bits: Uint8Array, addDotZero = true): string {
  const x = new DataView(bits.buffer, bits.byteOffset, 8).getFloat64(0, true)
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  const sign = x < 0 || Object.is(x, -0) ? '-' : ''
  if (x === 0) return `${sign}0${addDotZero ? '.0' : ''}`
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const exponent = Number(exponentText)
  if (exponent < -4 || exponent >= 16) {
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
  const fraction = digits.slice(exponent + 1)
  return `${sign}${whole}${fraction ? `.${fraction}` : addDotZero ? '.0' : ''}`
}

/** Objects/complexobject.c complex_repr: `2j` when the real part is +0.0, else `(1+2j)`. */
function complexRepr(real: Uint8Array, imag: Uint8Array): string {
  const imaginary = floatRepr(imag, false)
  const realPart = floatRepr(real, false)
  if (realPart === '0') return `${imaginary}j`
  return `(${realPart}${imaginary.startsWith('-') ? '' : '+'}${imaginary}j)`
}

function intRepr(value: { negative: boolean; magnitude: string }): string {
  // Python 3.11+ refuses repr above 4300 digits (sys.int_info.default_max_str_digits); a long one is shown in hex.
  if (value.magnitude.length > 3500) return `${value.negative ? '-' : ''}0x${value.magnitude.slice(0, 32)}… (${value.magnitude.length * 4} bits)`
  return `${value.negative ? '-' : ''}${BigInt(`0x${value.magnitude}`).toString()}`
}

const SCALAR_REPRS: Partial<Record<MarshalValue['kind'], string>> = { none: 'None', true: 'True', false: 'False', ellipsis: 'Ellipsis', stopiteration: 'StopIteration' }

function scalarRepr(value: MarshalValue, nameOf: (code: MarshalCode) => string): string | null {
  switch (value.kind) {
    case 'int': return intRepr(value)
    case 'float': return floatRepr(value.bits)
    case 'complex': return complexRepr(value.real, value.imag)
    case 'bytes': return bytesRepr(value.bytes)
    case 'str': return strRepr(value.text)
    case 'code': return `<code object ${nameOf(value)}>`
    case 'tuple': case 'list': case 'set': case 'frozenset': case 'dict': {
      if (value.kind === 'dict' ? value.entries.length > 0 : value.items.length > 0) return null
      return { tuple: '()', list: '[]', set: 'set()', frozenset: 'frozenset()', dict: '{}' }[value.kind]
    }
    default: return SCALAR_REPRS[value.kind] ?? value.kind
  }
}

/**
 * A set's items in an order that does not depend on how marshal wrote them (that follows the writer's string
 * hash seed): scalars by their repr, then containers by their canonical digest.
 */
function setOrder(items: MarshalValue[], nameOf: (code: MarshalCode) => string): MarshalValue[] {
  const keyed = items.map((entry) => {
    const scalar = scalarRepr(entry, nameOf)
    return { entry, key: scalar !== null ? `0${scalar}` : `1${digestValue(entry, nameOf)}` }
  })
  return keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).map(({ entry }) => entry)
}

const BRACKETS = { tuple: ['(', ')'], list: ['[', ']'], set: ['{', '}'], frozenset: ['frozenset({', '})'], dict: ['{', '}'] } as const

/**
 * Python's repr of a constant, cut at `limit` characters (with …). Iterative, one container frame at a time, so
 * a deep or shared (TYPE_REF) value costs at most `limit` steps; a container inside itself shows as `(...)`.
 */
export function reprValue(root: MarshalValue, nameOf: (code: MarshalCode) => string, limit: number): string {
  let out = ''
  const stack: { value: MarshalValue; items: MarshalValue[]; index: number }[] = []
  const open = new Set<MarshalValue>()
  const emit = (value: MarshalValue) => {
    const scalar = scalarRepr(value, nameOf)
    if (scalar !== null) out += scalar
    else if (open.has(value)) out += value.kind === 'list' ? '[...]' : value.kind === 'dict' ? '{...}' : '(...)'
    else {
      out += BRACKETS[value.kind as keyof typeof BRACKETS][0]
      open.add(value)
      stack.push({ value, items: value.kind === 'set' || value.kind === 'frozenset' ? setOrder(value.items, nameOf) : childrenOf(value), index: 0 })
    }
  }
  emit(root)
  while (stack.length > 0 && out.length <= limit) {
    const top = stack[stack.length - 1]
    if (top.index < top.items.length) {
      if (top.index > 0) out += top.value.kind === 'dict' && top.index % 2 === 1 ? ': ' : ', '
      emit(top.items[top.index++])
      continue
    }
    stack.pop()
    open.delete(top.value)
    out += (top.value.kind === 'tuple' && top.items.length === 1 ? ',' : '') + BRACKETS[top.value.kind as keyof typeof BRACKETS][1]
  }
  return out.length > limit ? `${out.slice(0, limit)}…` : out
}
