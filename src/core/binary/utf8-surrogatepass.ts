/**
 * UTF-8 with CPython's "surrogatepass" error handler, as marshal reads and writes TYPE_UNICODE
 * (Objects/unicodeobject.c): strict UTF-8, except that encoded lone surrogates (ED A0..BF xx) are kept.
 */
/** UTF-8 as CPython decodes it with "surrogatepass": strict, except that encoded surrogates (ED A0..BF xx) are kept. */
export function decodeUtf8SurrogatePass(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    // Fall through: encoded surrogates, or not UTF-8 at all.
  }
  const units: number[] = []
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]
    const size = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
    if (size === 0 || i + size > bytes.length) return null
    let point = size === 1 ? lead : lead & (0xff >> (size + 1))
    for (let k = 1; k < size; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return null
      point = (point << 6) | (bytes[i + k] & 0x3f)
    }
    const minimum = [0, 0, 0x80, 0x800, 0x10000][size]
    if (point < minimum || point > 0x10ffff) return null
    if (point > 0xffff) units.push(0xd800 + ((point - 0x10000) >> 10), 0xdc00 + ((point - 0x10000) & 0x3ff))
    else units.push(point)
    i += size
  }
  let text = ''
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode.apply(null, units.slice(i, i + 4096))
  return text
}

/** The inverse, for canonical forms: a lone surrogate becomes its three bytes (a pair stays a pair only if it was one). */
export function encodeUtf8SurrogatePass(text: string): Uint8Array {
  const out: number[] = []
  for (const char of text) {
    const point = char.codePointAt(0)!
    if (point < 0x80) out.push(point)
    else if (point < 0x800) out.push(0xc0 | (point >> 6), 0x80 | (point & 0x3f))
    else if (point < 0x10000) out.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f))
    else out.push(0xf0 | (point >> 18), 0x80 | ((point >> 12) & 0x3f), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f))
  }
  return Uint8Array.from(out)
}
