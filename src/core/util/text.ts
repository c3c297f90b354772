/** Decoding that never hides bytes: strict UTF-8, and names in one unambiguous displayed form (escapeControls). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Strict UTF-8 decode; null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes)
  } catch {
    return null
  }
}

const hex2 = (byte: number) => byte.toString(16).padStart(2, '0')

/** What escapeControls escapes (U+0020 is matched with the other spaces and kept). */
const ESCAPED = /[\\\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Zs}\p{Default_Ignorable_Code_Point}]/gu

/**
 * The displayed form of every stored name (reprodiff-report/2, `path`): one string per byte string, so two
 * different stored names never display the same, and nothing in it can move the cursor, hide text, reorder
 * text or end a line in the page or a terminal. Escaped, and nothing else:
 * - the backslash U+005C itself, as `\\` (so the text `\x1b` displays `\\x1b`, a real ESC `\x1b`);
 * - C0 controls U+0000–U+001F and DEL U+007F, as `\xNN` (two lowercase hex digits);
 * - as `\u{N}` (lowercase hex, no leading zeros):
 *   - C1 controls U+0080–U+009F (General_Category Cc);
 *   - every format character (Cf): soft hyphen U+00AD, Arabic letter mark U+061C, zero-width space,
 *     non-joiner and joiner U+200B–U+200D, LRM and RLM U+200E/U+200F, bidi embeddings and overrides
 *     U+202A–U+202E, word joiner and invisible operators U+2060–U+2064, bidi isolates U+2066–U+2069,
 *     U+206A–U+206F, BOM U+FEFF, U+FFF9–U+FFFB, tag characters U+E0001 and U+E0020–U+E007F, …;
 *   - line and paragraph separators U+2028, U+2029 (Zl, Zp);
 *   - every space character other than U+0020 (Zs: no-break space U+00A0, U+1680, U+2000–U+200A, U+202F,
 *     U+205F, U+3000), which look like a plain space;
 *   - the other Default_Ignorable_Code_Point characters, which render as nothing (combining grapheme joiner
 *     U+034F, Hangul fillers U+115F, U+1160, U+3164, U+FFA0, Mongolian variation selectors U+180B–U+180F,
 *     variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF, …), and lone surrogates (Cs);
 * - in a name that is not valid UTF-8, each byte that is not part of a valid UTF-8 sequence, as `\xNN`
 *   (always 80–ff: ASCII bytes are valid UTF-8); the valid parts are decoded and escaped as above.
 * So `\xNN` below 80 is a control byte (the same in every encoding), `\xNN` from 80 up is always an
 * undecodable byte and never a character, `\u{N}` is always a character, and `\\` a backslash. (Zip names
 * without the UTF-8 flag are decoded as CP437 first, then escaped the same way; `nameHex` keeps the bytes.)
 */
export function escapeControls(text: string): string {
  return text.replace(ESCAPED, (char) => {
    if (char === ' ') return char
    if (char === '\\') return '\\\\'
    const code = char.codePointAt(0)!
    return code < 0x80 ? `\\x${hex2(code)}` : `\\u{${code.toString(16)}}`
  })
}

/** A stored name for display (see escapeControls); `validUtf8` says whether the bytes were valid UTF-8. */
export function decodeName(bytes: Uint8Array): { text: string; validUtf8: boolean } {
  const text = decodeUtf8(bytes)
  return text === null ? { text: escapeInvalidUtf8(bytes), validUtf8: false } : { text: escapeControls(text), validUtf8: true }
}

/** Valid UTF-8 runs decoded and escaped, every other byte as `\xNN`: the bytes can be told back from the text. */
function escapeInvalidUtf8(bytes: Uint8Array): string {
  let out = ''
  let runStart = 0
  let at = 0
  while (at < bytes.length) {
    const length = utf8SequenceLength(bytes, at)
    if (length > 0) {
      at += length
      continue
    }
    out += escapeControls(STRICT_UTF8.decode(bytes.subarray(runStart, at))) + `\\x${hex2(bytes[at])}`
    runStart = ++at
  }
  return out + escapeControls(STRICT_UTF8.decode(bytes.subarray(runStart)))
}

/**
 * Length of the well-formed UTF-8 sequence starting at `at`, or 0 when none does (Unicode 15, table 3-7:
 * no overlong forms, no surrogates U+D800–U+DFFF, nothing past U+10FFFF).
 */
function utf8SequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]
  if (lead < 0x80) return 1
  let length: number
  let low = 0x80
  let high = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) length = 2
  else if (lead >= 0xe0 && lead <= 0xef) [length, low, high] = [3, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf]
  else if (lead >= 0xf0 && lead <= 0xf4) [length, low, high] = [4, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf]
  else return 0
  if (at + length > bytes.length) return 0
  if (bytes[at + 1] < low || bytes[at + 1] > high) return 0
  for (let k = 2; k < length; k++) if (bytes[at + k] < 0x80 || bytes[at + k] > 0xbf) return 0
  return length
}

/** What the escapes of a displayed name stand for: whether it has a real backslash, which characters and undecodable bytes. */
export interface DisplayedNameEscapes {
  backslash: boolean
  /** Code points shown as `\xNN` (below 80) or `\u{N}`, in order. */
  codePoints: number[]
  /** Bytes shown as `\xNN` from 80 up: not valid UTF-8. */
  invalidBytes: number[]
}

/** One escape at the start of a string: `\\`, `\xNN` or `\u{N}` (at most U+10FFFF, so six hex digits). */
const ESCAPE_TOKEN = /^\\(?:x([0-9a-f]{2})|u\{(10[0-9a-f]{4}|[0-9a-f]{1,5})\}|\\)/

/**
 * Reads a displayed name (escapeControls, decodeName) token by token, so `\\x1b` is a backslash and text, not
 * an escape. A backslash that starts no well-formed escape (a text that was never escaped) counts as a backslash.
 */
export function scanDisplayedName(display: string): DisplayedNameEscapes {
  const found: DisplayedNameEscapes = { backslash: false, codePoints: [], invalidBytes: [] }
  for (let at = display.indexOf('\\'); at >= 0; at = display.indexOf('\\', at)) {
    const token = ESCAPE_TOKEN.exec(display.slice(at, at + 12))
    if (token?.[1] !== undefined) {
      const byte = parseInt(token[1], 16)
      if (byte < 0x80) found.codePoints.push(byte)
      else found.invalidBytes.push(byte)
    } else if (token?.[2] !== undefined) {
      found.codePoints.push(parseInt(token[2], 16))
    } else {
      found.backslash = true
    }
    at += token ? token[0].length : 1
  }
  return found
}

/** UTF-8 when valid (as is: for texts such as comments, not names), otherwise escaped bytes. */
export function decodeUtf8OrEscape(bytes: Uint8Array): string {
  return decodeUtf8(bytes) ?? escapeBytes(bytes)
}

/** Printable ASCII as is, the backslash as `\\`, every other byte as `\xNN`. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) {
    out += byte === 0x5c ? '\\\\' : byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${hex2(byte)}`
  }
  return out
}

export function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false
  return true
}

/** IBM code page 437, upper half: the zip default name encoding when flag bit 11 is clear (APPNOTE appendix D.1). */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0'

export function decodeCp437(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80]
  return out
}

/** Latin-1 (ISO 8859-1), which RFC 1952 prescribes for the gzip FNAME and FCOMMENT fields. */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += String.fromCharCode(byte)
  return out
}

/** A member is shown as text when it is valid UTF-8 without NUL bytes (NUL almost never occurs in text). */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null
  return decodeUtf8(bytes)
}
