/**
 * Canonical forms of marshalled values, for hashing what a Python object is rather than how marshal wrote
 * it (see `canonicalItem`). Used by the .pyc reader to hash code objects without their build location.
 */
import { Sha256 } from '../util/sha256-stream'
import type { MarshalCode, MarshalValue } from './marshal'

const UTF8 = new TextEncoder()
const ASCII_CACHE = new Map<string, Uint8Array>()

/** Fixed strings (tags, field names) as bytes, encoded once; never data, which would grow the cache. */
export function ascii(text: string): Uint8Array {
  let bytes = ASCII_CACHE.get(text)
  if (!bytes) ASCII_CACHE.set(text, (bytes = UTF8.encode(text)))
  return bytes
}

/** SHA-256 (hex) of the parts in order; strings as UTF-8. */
export function sha256OfParts(parts: (string | Uint8Array)[]): string {
  const hash = new Sha256()
  for (const part of parts) hash.update(typeof part === 'string' ? UTF8.encode(part) : part)
  return hash.digestHex()
}

/** One canonical item: a tag, the content's length (4 bytes, little-endian), the content. */
export function item(tag: string, ...contents: Uint8Array[]): Uint8Array {
  let length = 0
  for (const content of contents) length += content.length
  const out = new Uint8Array(tag.length + 4 + length)
  out.set(ascii(tag), 0)
  let at = tag.length
  for (let shift = 0; shift < 32; shift += 8) out[at++] = (length >>> shift) & 0xff
  for (const content of contents) {
    out.set(content, at)
    at += content.length
  }
  return out
}

/** A scalar's canonical item, a code object's (its name from `nameCode`), or null for a container. */
function scalarItem(value: MarshalValue, nameCode: (code: MarshalCode) => string): Uint8Array | null {
  switch (value.kind) {
    case 'int': return item(value.negative ? 'int-' : 'int+', UTF8.encode(value.magnitude))
    case 'float': return item('float', value.bits)
    case 'complex': return item('complex', value.real, value.imag)
    case 'bytes': return item('bytes', value.bytes)
    case 'str': return item('str', value.utf8)
    case 'code': return item('code', UTF8.encode(nameCode(value)))
    case 'tuple': case 'list': case 'set': case 'frozenset': case 'dict': return null
    default: return item(value.kind)
  }
}

/** A container's items in order (a dict's keys and values alternating); nothing for a scalar or a code object. */
export const childrenOf = (value: MarshalValue): MarshalValue[] =>
  value.kind === 'dict' ? value.entries.flat() : 'items' in value ? value.items : []

const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/** A finished container: its tag and item count, then its items (a set's sorted and distinct), hashed. */
function containerDigest(value: MarshalValue, items: Uint8Array[]): string {
  const unordered = value.kind === 'set' || value.kind === 'frozenset'
  const sorted = unordered ? items.slice().sort(compareBytes).filter((entry, i, all) => i === 0 || compareBytes(entry, all[i - 1]) !== 0) : items
  const hash = new Sha256().update(item(value.kind, UTF8.encode(String(sorted.length))))
  for (const entry of sorted) hash.update(entry)
  return hash.digestHex()
}

/**
 * The canonical item of a value: what the Python object is, not how marshal wrote it. So TYPE_INT and
 * TYPE_LONG of one number, interned and plain strings, a shared (TYPE_REF) object and a copy are alike, and a
 * set or frozenset has its distinct items sorted (their marshalled order follows the string hash seed of the
 * process that wrote them). A scalar's item holds its content; a container's holds the SHA-256 of its own
 * items (a Merkle tree: each shared container is hashed once through `memo`); a code object's holds the name
 * `nameCode` gives it (the .pyc reader gives the qualified name, so a nested function's body does not change
 * its parent). A container inside itself stands for its distance up the stack. Iterative, however deep.
 */
export function canonicalItem(root: MarshalValue, nameCode: (code: MarshalCode) => string, memo = new Map<MarshalValue, string>()): Uint8Array {
  const stack: { value: MarshalValue; children: MarshalValue[]; items: Uint8Array[] }[] = []
  const onStack = new Map<MarshalValue, number>()
  const visit = (value: MarshalValue): Uint8Array | null => {
    const scalar = scalarItem(value, nameCode)
    if (scalar) return scalar
    const known = memo.get(value)
    if (known !== undefined) return item('digest', UTF8.encode(known))
    const position = onStack.get(value)
    if (position !== undefined) return item('cycle', UTF8.encode(String(stack.length - position)))
    onStack.set(value, stack.length)
    stack.push({ value, children: childrenOf(value), items: [] })
    return null
  }
  let last = visit(root)
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    if (last !== null) top.items.push(last)
    if (top.items.length < top.children.length) {
      last = visit(top.children[top.items.length])
      continue
    }
    stack.pop()
    onStack.delete(top.value)
    const digest = containerDigest(top.value, top.items)
    memo.set(top.value, digest)
    last = item('digest', UTF8.encode(digest))
  }
  return last as Uint8Array
}

/** SHA-256 (hex) of a value's canonical item (`canonicalItem`). */
export function digestValue(value: MarshalValue, nameCode: (code: MarshalCode) => string, memo?: Map<MarshalValue, string>): string {
  return new Sha256().update(canonicalItem(value, nameCode, memo)).digestHex()
}
