/** The displayed form of names: unambiguous (two different stored names never display the same) and inert. */
import { describe, expect, it } from 'vitest'
import { decodeName, escapeControls, scanDisplayedName } from '../../../src/core/util/text'

const utf8 = (text: string) => new TextEncoder().encode(text)
const shown = (bytes: number[] | Uint8Array) => decodeName(Uint8Array.from(bytes)).text

/** The inverse of the displayed form, written from its documentation: a display names exactly one byte string. */
function bytesOfDisplay(display: string): number[] {
  const out: number[] = []
  const chars = Array.from(display)
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '\\') {
      out.push(...utf8(chars[i]))
      continue
    }
    const next = chars[++i]
    if (next === '\\') out.push(0x5c)
    else if (next === 'x') (out.push(parseInt(chars[i + 1] + chars[i + 2], 16)), (i += 2))
    else if (next === 'u') {
      const end = chars.indexOf('}', i)
      out.push(...utf8(String.fromCodePoint(parseInt(chars.slice(i + 2, end).join(''), 16))))
      i = end
    } else throw new Error(`not a displayed name: ${display}`)
  }
  return out
}

describe('escapeControls', () => {
  it('escapes the backslash itself, so the text \\x1b and a real ESC display differently', () => {
    expect(escapeControls('a\\b')).toBe('a\\\\b')
    expect(escapeControls('\\x1b')).toBe('\\\\x1b')
    expect(escapeControls('\u001b')).toBe('\\x1b')
    expect(escapeControls('\\x1b')).not.toBe(escapeControls('\u001b'))
  })

  it('escapes C0, DEL and C1 controls, line and paragraph separators and bidi controls', () => {
    expect(escapeControls('a\u0000\u001f\u007f')).toBe('a\\x00\\x1f\\x7f')
    expect(escapeControls('\u0085\u009f')).toBe('\\u{85}\\u{9f}')
    expect(escapeControls('\u2028\u2029')).toBe('\\u{2028}\\u{2029}')
    expect(escapeControls('\u202e\u2066\u2069\u061c')).toBe('\\u{202e}\\u{2066}\\u{2069}\\u{61c}')
  })

  it('escapes invisible and format characters (Cf), spaces other than U+0020 and other default-ignorables', () => {
    const invisible: [string, string][] = [
      ['\u200b', '200b'], ['\u200c', '200c'], ['\u200d', '200d'], ['\u200e', '200e'], ['\u200f', '200f'], ['\u00ad', 'ad'],
      ['\ufeff', 'feff'], ['\u2060', '2060'], ['\u{e0001}', 'e0001'], ['\u{e0041}', 'e0041'], ['\u00a0', 'a0'], ['\u3000', '3000'],
      ['\u034f', '34f'], ['\ufe0f', 'fe0f'], ['\u3164', '3164'],
    ]
    for (const [char, code] of invisible) expect(escapeControls(`set${char}up.py`)).toBe(`set\\u{${code}}up.py`)
  })

  it('leaves printable text alone, non-Latin scripts and the plain space included', () => {
    for (const text of ['pkg/__init__.py', 'a b.txt', '日本語.txt', 'README_Привет.md', 'café.py', 'cafe\u0301.py', '<img src=x>.py']) {
      expect(escapeControls(text)).toBe(text)
    }
  })
})

describe('decodeName', () => {
  it('shows invalid bytes as \\xNN and the literal text \\xff as \\\\xff', () => {
    expect(shown([0x62, 0xff, 0xfe, 0x2e, 0x70, 0x79])).toBe('b\\xff\\xfe.py')
    expect(shown(utf8('b\\xff\\xfe.py'))).toBe('b\\\\xff\\\\xfe.py')
    expect(decodeName(Uint8Array.from([0xff])).validUtf8).toBe(false)
  })

  it('never shows a character the way it shows an invalid byte (C1 U+0085 and soft hyphen U+00AD against bytes 85 and ad)', () => {
    expect(shown(utf8('a\u0085'))).toBe('a\\u{85}')
    expect(shown([0x61, 0x85])).toBe('a\\x85')
    expect(shown(utf8('a\u00ad'))).toBe('a\\u{ad}')
    expect(shown([0x61, 0xad])).toBe('a\\xad')
  })

  it('decodes the valid parts of a name that is not valid UTF-8, escaping only the bad bytes', () => {
    expect(shown([...utf8('café'), 0xff, ...utf8('.py')])).toBe('café\\xff.py')
    expect(shown([0xed, 0xa0, 0x80])).toBe('\\xed\\xa0\\x80') // a UTF-16 surrogate encoded in UTF-8 is invalid
    expect(shown([0xc0, 0xaf])).toBe('\\xc0\\xaf') // an overlong "/"
    expect(shown([0xf0, 0x9f, 0x98])).toBe('\\xf0\\x9f\\x98') // cut four-byte sequence
    expect(shown([0x5c, 0xff, 0x1b])).toBe('\\\\\\xff\\x1b')
  })

  it('is one-to-one: every display decodes back to exactly the bytes it came from', () => {
    let seed = 7
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff
    const alphabet = [0x5c, 0x78, 0x75, 0x7b, 0x7d, 0x31, 0x62, 0x1b, 0x00, 0x7f, 0x80, 0xad, 0xc2, 0xc3, 0xa9, 0xe2, 0x80, 0x8b, 0xef, 0xbb, 0xbf, 0xf0, 0x9f, 0x98, 0x80, 0xff]
    const seen = new Map<string, string>()
    for (let round = 0; round < 5000; round++) {
      const bytes = Uint8Array.from({ length: 1 + (next() % 6) }, () => alphabet[next() % alphabet.length])
      const display = shown(bytes)
      expect(bytesOfDisplay(display)).toEqual([...bytes])
      const key = [...bytes].join(',')
      const earlier = seen.get(display)
      if (earlier !== undefined) expect(earlier).toBe(key)
      seen.set(display, key)
    }
  })
})

describe('scanDisplayedName', () => {
  it('tells a real backslash from escapes, and says what each escape stands for', () => {
    expect(scanDisplayedName('a\\\\x1b')).toEqual({ backslash: true, codePoints: [], invalidBytes: [] })
    expect(scanDisplayedName('a\\x1b\\u{202e}\\xff')).toEqual({ backslash: false, codePoints: [0x1b, 0x202e], invalidBytes: [0xff] })
    expect(scanDisplayedName('plain.py')).toEqual({ backslash: false, codePoints: [], invalidBytes: [] })
  })
  it('counts a backslash that starts no escape as a backslash, and always ends', () => {
    for (const text of ['a\\u{zz', 'a\\u{110000}', 'end\\', '\\x4']) expect(scanDisplayedName(text)).toEqual({ backslash: true, codePoints: [], invalidBytes: [] })
  })
})
