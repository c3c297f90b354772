/** Decoding that never hides bytes: strict UTF-8, with invalid bytes shown as \xNN escapes. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Strict UTF-8 decode; null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes)
  } catch {
    return null
  }
}

/**
 * Control characters (C0, DEL, C1) as \xNN or \u{N}, so a name shows literally and can never move the
 * cursor, hide text or end a line in the page or a terminal.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => {
    const code = char.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`
  })
}

/** A stored name for display: strict UTF-8 with controls escaped, or escaped bytes; `valid` says which. */
export function decodeName(bytes: Uint8Array): { text: string; validUtf8: boolean } {
  const text = decodeUtf8(bytes)
  return text === null ? { text: escapeBytes(bytes), validUtf8: false } : { text: escapeControls(text), validUtf8: true }
}

/** UTF-8 when valid, otherwise ASCII with every other byte escaped, so two different names never merge. */
export function decodeUtf8OrEscape(bytes: Uint8Array): string {
  return decodeUtf8(bytes) ?? escapeBytes(bytes)
}

export function escapeBytes(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) {
    out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`
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
