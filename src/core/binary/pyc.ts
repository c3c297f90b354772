/**
 * .pyc files as structure (issue 8, "Binaries"): the PEP 552 header, then the marshalled module code object
 * and every code object nested in its constants, one section per code object keyed by qualified name.
 *
 * A section's `sha256` is a canonical form of what the code object does, leaving out where it was compiled
 * (`co_filename`) and where its lines are (`co_firstlineno`, `co_lnotab` / `co_linetable`): so the same source
 * compiled from another build directory gives identical sections, and its `co_filename` fact differs. The form
 * is the SHA-256 of, for every other field of the version's TYPE_CODE layout in file order (CODE_LAYOUTS:
 * `co_code`, `co_consts`, `co_names`, the argument counts, `co_flags`, `co_stacksize`, the local, cell and free
 * variable names, `co_name`, `co_qualname`, `co_exceptiontable`), the item `field` + its name, then the field's
 * canonical item (marshal.ts `canonicalItem`: the Python value, not how marshal wrote it; an r_long field as a
 * Python int). A code object inside `co_consts` counts as its qualified name only, so a changed function body
 * modifies that function's section and no other. The argument counts and variable names are in, not only
 * `co_code`, `co_consts` and `co_names`, because two functions that differ only there are not the same code
 * (`f(a=1)` calls one and not the other).
 * The second hash, `line_table_sha256` in each section's facts (and `line_tables_sha256` over the file), covers
 * what the first leaves out but the file holds: first line and line table. `marshal_sha256` is the SHA-256 of
 * the marshalled bytes themselves, which can differ while everything above is equal (FLAG_REF bits, interning,
 * frozenset order): a reviewer then knows it is serialisation only.
 *
 * CPython 3.8 to 3.13 release magic numbers are read (their layouts in marshal.ts). Other magic numbers,
 * including pre-releases whose code layout changed during development, are UNSUPPORTED_FORMAT, never guessed.
 */
import { fail } from '../errors'
import { readU16, readU32, toHex } from '../util/bytes'
import { Sha256 } from '../util/sha256-stream'
import { CODE_LAYOUTS, readMarshal, type CodeField, type MarshalCode, type MarshalValue } from './marshal'
import { ascii, canonicalItem, childrenOf, item, sha256OfParts } from './marshal-canonical'
import { reprValue } from './python-repr'
import type { BinaryFormat, BinaryHeaderField, BinarySection, BinaryStructure } from './types'

/** PEP 552: magic (4), flags (4), then mtime (4) + source size (4), or the source hash (8). */
const PYC_HEADER_SIZE = 16
/** PEP 552 flags: bit 0 hash-based, bit 1 check_source (for hash-based pycs); other bits make importlib refuse the file. */
const FLAG_HASH_BASED = 0b01
const FLAG_CHECK_SOURCE = 0b10
/** Code flags (Include/cpython/code.h): set for function bodies, not for module or class bodies. */
const CO_NEWLOCALS = 0x0002
/** The fields a section's sha256 leaves out: where the code was compiled and where its lines are. */
const LOCATION_FIELDS = new Set(['co_filename', 'co_firstlineno', 'co_lnotab', 'co_linetable'])
/** A `co_consts` fact longer than this is cut (the section's sha256 covers all of it). */
const CONSTS_FACT_LIMIT = 1000
/** A qualified name built from the nesting (before 3.11) longer than this keeps its end only. */
const QUALNAME_LIMIT = 1024

interface PythonRelease { version: string; first: number; final: number; layout: readonly CodeField[] }

/** Lib/importlib/_bootstrap_external.py: each release's magic number range and its final (release) value. */
const PYTHON_RELEASES: PythonRelease[] = [
  { version: '3.8', first: 3400, final: 3413, layout: CODE_LAYOUTS['3.8'] },
  { version: '3.9', first: 3420, final: 3425, layout: CODE_LAYOUTS['3.8'] },
  { version: '3.10', first: 3430, final: 3439, layout: CODE_LAYOUTS['3.10'] },
  { version: '3.11', first: 3450, final: 3495, layout: CODE_LAYOUTS['3.11'] },
  { version: '3.12', first: 3500, final: 3531, layout: CODE_LAYOUTS['3.11'] },
  { version: '3.13', first: 3550, final: 3571, layout: CODE_LAYOUTS['3.11'] },
]
/** PEP 552 headers start with CPython 3.7 (magic 3390); 3.x magic numbers stay below 4000. */
const PEP552_FIRST_MAGIC = 3390
const LAST_3X_MAGIC = 3999
const TYPE_CODE = 0x63
const FLAG_REF = 0x80

function describeMagic(magic: number): string {
  const release = PYTHON_RELEASES.find((candidate) => magic >= candidate.first && magic <= candidate.final)
  if (release) return magic === release.final ? release.version : `${release.version} pre-release`
  if (magic >= 3390 && magic <= 3394) return '3.7'
  return magic > PYTHON_RELEASES[PYTHON_RELEASES.length - 1].final && magic <= LAST_3X_MAGIC ? 'newer than 3.13' : 'unknown'
}

const hasMagicShape = (head: Uint8Array): boolean => head.length >= 4 && head[2] === 0x0d && head[3] === 0x0a

/** A PEP 552 header (3.x magic, `\r\n`, valid flags) followed by a code object; or any `\r\n` magic named `.pyc`. */
export function detectPyc(head: Uint8Array, path: string): boolean {
  if (!hasMagicShape(head)) return false
  if (/\.pyc$/i.test(path)) return true
  const magic = readU16(head, 0)
  return head.length > PYC_HEADER_SIZE && magic >= PEP552_FIRST_MAGIC && magic <= LAST_3X_MAGIC
    && readU32(head, 4) <= (FLAG_HASH_BASED | FLAG_CHECK_SOURCE) && (head[PYC_HEADER_SIZE] & ~FLAG_REF) === TYPE_CODE
}

function readHeader(bytes: Uint8Array): { header: BinaryHeaderField[]; release: PythonRelease } {
  if (bytes.length < PYC_HEADER_SIZE) fail('TRUNCATED', `A .pyc header is ${PYC_HEADER_SIZE} bytes; this file has ${bytes.length}`, { offset: bytes.length })
  if (!hasMagicShape(bytes)) fail('CORRUPT_STRUCTURE', 'Not a .pyc: the magic number does not end in \\r\\n', { offset: 2 })
  const magic = readU16(bytes, 0)
  const python = describeMagic(magic)
  const release = PYTHON_RELEASES.find((candidate) => candidate.final === magic)
  if (!release) fail('UNSUPPORTED_FORMAT', `A .pyc of Python ${python} (magic ${magic}): only the releases of CPython 3.8 to 3.13 are read`, { offset: 0 })
  // offset 4: flags (PEP 552); importlib refuses unknown bits ("invalid flags").
  const flags = readU32(bytes, 4)
  if (flags & ~(FLAG_HASH_BASED | FLAG_CHECK_SOURCE)) fail('CORRUPT_STRUCTURE', `Invalid .pyc flags 0x${flags.toString(16)} (PEP 552 defines bits 0 and 1)`, { offset: 4 })
  const hashBased = (flags & FLAG_HASH_BASED) !== 0
  const header: BinaryHeaderField[] = [
    { field: 'magic', value: toHex(bytes.subarray(0, 4)) },
    { field: 'python_version', value: python },
    { field: 'flags', value: flags },
    { field: 'invalidation_mode', value: !hashBased ? 'timestamp' : flags & FLAG_CHECK_SOURCE ? 'checked-hash' : 'unchecked-hash' },
  ]
  // offset 8: the source's SipHash (hash-based), or its mtime and size (timestamp-based), little-endian.
  if (hashBased) header.push({ field: 'source_hash', value: toHex(bytes.subarray(8, 16)) })
  else header.push({ field: 'mtime', value: readU32(bytes, 8) }, { field: 'source_size', value: readU32(bytes, 12) })
  return { header, release }
}

/** A code field of the type CPython's code constructor requires (`_PyCode_Validate`, PyCode_New), else a coded error. */
function typed<K extends MarshalValue['kind']>(code: MarshalCode, name: string, kind: K): MarshalValue & { kind: K } {
  const value = code.fields[name]
  if (typeof value !== 'object' || value.kind !== kind) fail('CORRUPT_STRUCTURE', `The code object at offset ${code.offset} has a ${name} that is not a ${kind}`, { offset: code.offset })
  return value as MarshalValue & { kind: K }
}
const bytesField = (code: MarshalCode, name: string): Uint8Array => typed(code, name, 'bytes').bytes
const strField = (code: MarshalCode, name: string): string => typed(code, name, 'str').text
const tupleField = (code: MarshalCode, name: string): MarshalValue[] => typed(code, name, 'tuple').items
/** An r_long field: always a number once read (marshal.ts reads it in place). */
const longField = (code: MarshalCode, name: string): number => code.fields[name] as number

function strings(code: MarshalCode, name: string): string[] {
  return tupleField(code, name).map((item) => {
    if (item.kind !== 'str') fail('CORRUPT_STRUCTURE', `The code object at offset ${code.offset} has a non-str in ${name}`, { offset: code.offset })
    return item.text
  })
}

/** The code objects in a code object's constants (also inside constant tuples), in order, each once in the file. */
function nestedCodes(code: MarshalCode, seen: Set<MarshalValue>): MarshalCode[] {
  const found: MarshalCode[] = []
  const pending = tupleField(code, 'co_consts').slice().reverse()
  while (pending.length > 0) {
    const value = pending.pop()!
    if (seen.has(value)) continue
    seen.add(value)
    if (value.kind === 'code') found.push(value)
    else {
      const children = childrenOf(value) // the value's own array: read it backwards, never reverse it
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i])
    }
  }
  return found
}

/**
 * `co_qualname` where the version has it (3.11+); before, built as CPython's compiler does
 * (compile.c compiler_set_qualname): `outer.<locals>.inner` below a function, `Class.method` below a class
 * body, the bare name at module level. (A nested function declared `global` keeps its bare name in CPython;
 * that needs the source and is not followed before 3.11.)
 */
function qualifiedName(code: MarshalCode, parent: { code: MarshalCode; qualname: string } | null, top: MarshalCode): string {
  if ('co_qualname' in code.fields) return strField(code, 'co_qualname')
  const name = strField(code, 'co_name')
  if (!parent || parent.code === top) return name
  const qualname = longField(parent.code, 'co_flags') & CO_NEWLOCALS ? `${parent.qualname}.<locals>.${name}` : `${parent.qualname}.${name}`
  // Built names grow with the nesting: cut them (keeping the innermost part) so that a deep file cannot make
  // names quadratic in its size.
  return qualname.length > QUALNAME_LIMIT ? `…${qualname.slice(qualname.length - QUALNAME_LIMIT + 1)}` : qualname
}

/** Every code object in pre-order (a code object, then those in its constants), with its qualified name. */
function walkCodes(top: MarshalCode): { code: MarshalCode; qualname: string }[] {
  const ordered: { code: MarshalCode; qualname: string }[] = []
  const seen = new Set<MarshalValue>([top])
  const stack = [{ code: top, qualname: qualifiedName(top, null, top) }]
  while (stack.length > 0) {
    const entry = stack.pop()!
    ordered.push(entry)
    const children = nestedCodes(entry.code, seen).map((code) => ({ code, qualname: qualifiedName(code, entry, top) }))
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return ordered
}

function lineTable(code: MarshalCode): Uint8Array {
  return bytesField(code, 'co_linetable' in code.fields ? 'co_linetable' : 'co_lnotab')
}

function toSection(code: MarshalCode, qualname: string, layout: readonly CodeField[], nameOf: (code: MarshalCode) => string, memo: Map<MarshalValue, string>, moduleFilename: string): BinarySection {
  const hash = new Sha256()
  for (const { name, type } of layout) {
    if (LOCATION_FIELDS.has(name)) continue
    const value = code.fields[name]
    const canonical = type === 'long' ? { kind: 'int' as const, negative: (value as number) < 0, magnitude: Math.abs(value as number).toString(16) } : value as MarshalValue
    hash.update(item('field', ascii(name))).update(canonicalItem(canonical, nameOf, memo))
  }
  const facts: Record<string, string | number> = { co_name: strField(code, 'co_name'), co_firstlineno: longField(code, 'co_firstlineno') }
  for (const { name, type } of layout) if (type === 'long' && name !== 'co_firstlineno') facts[name] = code.fields[name] as number
  facts.co_names = JSON.stringify(strings(code, 'co_names'))
  facts.co_consts = reprValue(code.fields.co_consts as MarshalValue, nameOf, CONSTS_FACT_LIMIT)
  facts.line_table_sha256 = sha256OfParts([`co_firstlineno=${facts.co_firstlineno}:`, lineTable(code)])
  const filename = strField(code, 'co_filename')
  if (filename !== moduleFilename) facts.co_filename = filename
  return { name: qualname, size: bytesField(code, 'co_code').length, sha256: hash.digestHex(), facts }
}

/** The type each object field must have, as CPython's code constructor checks them (`_PyCode_Validate`, PyCode_New). */
const FIELD_CHECKS: Record<string, (code: MarshalCode, name: string) => unknown> = {
  co_code: bytesField, co_consts: tupleField, co_names: strings, co_varnames: strings, co_freevars: strings, co_cellvars: strings,
  co_localsplusnames: strings, co_localspluskinds: bytesField, co_filename: strField, co_name: strField, co_qualname: strField,
  co_lnotab: bytesField, co_linetable: bytesField, co_exceptiontable: bytesField,
}

/** Checks every object field's type, so a malformed code object is a coded error before anything is built. */
function validateCode(code: MarshalCode, layout: readonly CodeField[]): void {
  for (const { name, type } of layout) if (type === 'object') FIELD_CHECKS[name]?.(code, name)
  if ('co_localspluskinds' in code.fields && tupleField(code, 'co_localsplusnames').length !== bytesField(code, 'co_localspluskinds').length) {
    fail('CORRUPT_STRUCTURE', `The code object at offset ${code.offset} has co_localsplusnames and co_localspluskinds of different lengths`, { offset: code.offset })
  }
}

export interface PycCodeObjects {
  header: BinaryHeaderField[]
  layout: readonly CodeField[]
  /** Every code object in pre-order with its qualified name, each checked (validateCode). */
  codes: { code: MarshalCode; qualname: string }[]
  /** Offset just after the marshalled module code object. */
  end: number
}

/** The header and every code object of a .pyc; throws a coded error (with the offset) when malformed. */
export function readPycCodeObjects(bytes: Uint8Array): PycCodeObjects {
  const { header, release } = readHeader(bytes)
  const { value, end } = readMarshal(bytes, PYC_HEADER_SIZE, release.layout)
  if (value.kind !== 'code') fail('CORRUPT_STRUCTURE', `A .pyc holds a code object; this one holds a ${value.kind}`, { offset: PYC_HEADER_SIZE })
  const codes = walkCodes(value)
  for (const { code } of codes) validateCode(code, release.layout)
  return { header, layout: release.layout, codes, end }
}

export function parsePyc(bytes: Uint8Array): BinaryStructure {
  const { header, layout, codes, end } = readPycCodeObjects(bytes)
  const value = codes[0].code
  const names = new Map(codes.map(({ code, qualname }) => [code, qualname]))
  const nameOf = (code: MarshalCode) => names.get(code) ?? strField(code, 'co_name')
  const moduleFilename = strField(value, 'co_filename')
  const memo = new Map<MarshalValue, string>()
  const sections = codes.map(({ code, qualname }) => toSection(code, qualname, layout, nameOf, memo, moduleFilename))
  const otherFilenames = new Set(codes.map(({ code }) => strField(code, 'co_filename')).filter((name) => name !== moduleFilename))
  const allNames = new Set(codes.flatMap(({ code }) => strings(code, 'co_names')))
  const facts: Record<string, string | string[]> = {
    co_filename: moduleFilename,
    co_name: strField(value, 'co_name'),
    co_firstlineno: String(longField(value, 'co_firstlineno')),
    co_names: strings(value, 'co_names'),
    names: Array.from(allNames).sort(),
    line_tables_sha256: sha256OfParts(sections.map((section) => String(section.facts?.line_table_sha256))),
    marshal_sha256: sha256OfParts([bytes.subarray(PYC_HEADER_SIZE, end)]),
  }
  if (otherFilenames.size > 0) facts.co_filename_others = Array.from(otherFilenames).sort()
  if (end < bytes.length) {
    // marshal.loads ignores what follows the object; it is still bytes of the file, so it is shown.
    header.push({ field: 'trailing_bytes', value: bytes.length - end })
    facts.trailing_sha256 = sha256OfParts([bytes.subarray(end)])
  }
  return { format: 'pyc', header, sections, facts }
}

export const PYC_FORMAT: BinaryFormat = {
  format: 'pyc',
  description: 'CPython bytecode (.pyc): PEP 552 header and marshalled code objects, CPython 3.8 to 3.13',
  detect: detectPyc,
  parse: parsePyc,
}
