/**
 * A small, strict subset of TOML 1.0 (toml.io/en/v1.0.0), enough for the build configuration in pyproject.toml:
 * tables `[a.b]`, arrays of tables `[[a]]`, bare, quoted and dotted keys, basic and literal strings (one line or
 * multi-line), integers, booleans, arrays (over several lines) and inline tables. Dates and floats are read as
 * their text. Anything else fails with a coded error and its offset: the trace then says the configuration could not
 * be read rather than guessing a layout from half of it.
 */
import { fail } from '../errors'

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable
export interface TomlTable { [key: string]: TomlValue }

const BARE_KEY = /[A-Za-z0-9_-]/
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' }

class Cursor {
  at = 0
  constructor(readonly text: string) {}
  peek(ahead = 0): string { return this.text[this.at + ahead] ?? '' }
  startsWith(s: string): boolean { return this.text.startsWith(s, this.at) }
  error(message: string): never { return fail('CORRUPT_STRUCTURE', `pyproject.toml: ${message}`, { offset: this.at }) }
  /** Spaces and tabs; with `lines`, also newlines and comments (inside arrays). */
  skip(lines = false): void {
    for (;;) {
      const c = this.peek()
      if (c === ' ' || c === '\t') this.at++
      else if (c === '#') while (this.at < this.text.length && this.peek() !== '\n') this.at++
      else if (lines && (c === '\n' || c === '\r')) this.at++
      else return
    }
  }
  expect(s: string): void {
    if (!this.startsWith(s)) this.error(`expected "${s}"`)
    this.at += s.length
  }
}

export function parseToml(text: string): TomlTable {
  const cursor = new Cursor(text.replace(/^\uFEFF/, ''))
  const root: TomlTable = {}
  let table = root
  while (cursor.at < cursor.text.length) {
    cursor.skip(true)
    if (cursor.at >= cursor.text.length) break
    if (cursor.startsWith('[[')) table = openArrayTable(cursor, root)
    else if (cursor.peek() === '[') table = openTable(cursor, root)
    else readKeyValue(cursor, table)
    endLine(cursor)
  }
  return root
}

function endLine(cursor: Cursor): void {
  cursor.skip()
  const c = cursor.peek()
  if (c === '' || c === '\n' || c === '\r') return
  cursor.error('expected the end of the line')
}

function openTable(cursor: Cursor, root: TomlTable): TomlTable {
  cursor.expect('[')
  const keys = readKey(cursor)
  cursor.expect(']')
  return descend(cursor, root, keys)
}

function openArrayTable(cursor: Cursor, root: TomlTable): TomlTable {
  cursor.expect('[[')
  const keys = readKey(cursor)
  cursor.expect(']]')
  const parent = descend(cursor, root, keys.slice(0, -1))
  const last = keys[keys.length - 1]
  const list = parent[last] ?? (parent[last] = [])
  if (!Array.isArray(list)) cursor.error(`"${keys.join('.')}" is not an array of tables`)
  const table: TomlTable = {}
  list.push(table)
  return table
}

/** The table at `keys` (created when missing); the last table of an array of tables when the key names one. */
function descend(cursor: Cursor, from: TomlTable, keys: string[]): TomlTable {
  let table = from
  for (const key of keys) {
    let next = table[key] ?? (table[key] = {})
    if (Array.isArray(next)) next = next[next.length - 1]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cursor.error(`"${key}" is not a table`)
    table = next as TomlTable
  }
  return table
}

function readKeyValue(cursor: Cursor, table: TomlTable): void {
  const keys = readKey(cursor)
  cursor.expect('=')
  cursor.skip()
  const value = readValue(cursor)
  const parent = descend(cursor, table, keys.slice(0, -1))
  const last = keys[keys.length - 1]
  if (last in parent) cursor.error(`"${keys.join('.')}" is defined twice`)
  parent[last] = value
}

function readKey(cursor: Cursor): string[] {
  const keys: string[] = []
  for (;;) {
    cursor.skip()
    const c = cursor.peek()
    if (c === '"' || c === "'") keys.push(readString(cursor))
    else {
      const start = cursor.at
      while (BARE_KEY.test(cursor.peek())) cursor.at++
      if (cursor.at === start) cursor.error('expected a key')
      keys.push(cursor.text.slice(start, cursor.at))
    }
    cursor.skip()
    if (cursor.peek() !== '.') return keys
    cursor.at++
  }
}

function readValue(cursor: Cursor): TomlValue {
  const c = cursor.peek()
  if (c === '"' || c === "'") return readString(cursor)
  if (c === '[') return readArray(cursor)
  if (c === '{') return readInlineTable(cursor)
  const match = /^(true|false|[-+]?[0-9][0-9_]*(?![0-9A-Za-z:.+-])|[0-9A-Za-z:.+_-]+)/.exec(cursor.text.slice(cursor.at, cursor.at + 64))
  if (!match || match[0] === '') cursor.error('expected a value')
  cursor.at += match[0].length
  if (match[0] === 'true' || match[0] === 'false') return match[0] === 'true'
  if (/^[-+]?[0-9][0-9_]*$/.test(match[0])) return Number(match[0].replace(/_/g, ''))
  // Floats, dates and times: kept as written (nothing in the build configuration needs them as numbers).
  if (/^[-+]?[0-9]/.test(match[0])) return match[0]
  return cursor.error(`"${match[0]}" is not a value`)
}

function readArray(cursor: Cursor): TomlValue[] {
  cursor.expect('[')
  const list: TomlValue[] = []
  for (;;) {
    cursor.skip(true)
    if (cursor.peek() === ']') break
    list.push(readValue(cursor))
    cursor.skip(true)
    if (cursor.peek() === ',') cursor.at++
    else if (cursor.peek() !== ']') cursor.error('expected "," or "]"')
  }
  cursor.at++
  return list
}

function readInlineTable(cursor: Cursor): TomlTable {
  cursor.expect('{')
  const table: TomlTable = {}
  cursor.skip()
  if (cursor.peek() === '}') { cursor.at++; return table }
  for (;;) {
    readKeyValue(cursor, table)
    cursor.skip()
    if (cursor.peek() === '}') { cursor.at++; return table }
    cursor.expect(',')
  }
}

function readString(cursor: Cursor): string {
  const quote = cursor.peek()
  const multi = cursor.startsWith(quote.repeat(3))
  cursor.at += multi ? 3 : 1
  // A newline right after the opening delimiter of a multi-line string is trimmed (TOML: String).
  if (multi && cursor.peek() === '\n') cursor.at++
  else if (multi && cursor.startsWith('\r\n')) cursor.at += 2
  let out = ''
  for (;;) {
    if (cursor.at >= cursor.text.length) cursor.error('unterminated string')
    if (multi ? cursor.startsWith(quote.repeat(3)) : cursor.peek() === quote) break
    const c = cursor.peek()
    if (!multi && (c === '\n' || c === '\r')) cursor.error('newline in a one-line string')
    if (quote === '"' && c === '\\') out += readEscape(cursor)
    else { out += c; cursor.at++ }
  }
  cursor.at += multi ? 3 : 1
  return out
}

function readEscape(cursor: Cursor): string {
  cursor.at++
  const c = cursor.peek()
  if (c in ESCAPES) { cursor.at++; return ESCAPES[c] }
  if (c === 'u' || c === 'U') {
    const width = c === 'u' ? 4 : 8
    const hex = cursor.text.slice(cursor.at + 1, cursor.at + 1 + width)
    if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== width) cursor.error('bad unicode escape')
    cursor.at += 1 + width
    const code = parseInt(hex, 16)
    if (code > 0x10ffff) cursor.error('bad unicode escape')
    return String.fromCodePoint(code)
  }
  // A line-ending backslash in a multi-line basic string trims the newline and the whitespace after it.
  if (c === '\n' || c === '\r' || c === ' ' || c === '\t') {
    while (/[ \t\r\n]/.test(cursor.peek())) cursor.at++
    return ''
  }
  return cursor.error(`bad escape "\\${c}"`)
}
