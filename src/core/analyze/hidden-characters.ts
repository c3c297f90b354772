/**
 * Characters that show as nothing, or as something else, in a name: format characters (General_Category
 * Cf: zero-width space and joiners, LRM/RLM, soft hyphen, BOM, tag characters, …), the other
 * Default_Ignorable_Code_Points (Hangul fillers, variation selectors, the combining grapheme joiner), bidi
 * controls (Bidi_Control), spaces other than U+0020 (Zs), and compatibility characters that NFKC folds to
 * ASCII letters or digits (fullwidth `ｓ`, mathematical `𝐬`, the `ﬁ` ligature, the Kelvin sign `K`; UTS #39
 * keeps them out of identifiers as Identifier_Type=Not_NFKC).
 */
import { generalCategory, hex } from './unicode-scripts'

export type HiddenKind = 'bidi-control' | 'tag' | 'invisible' | 'space' | 'ascii-look-alike'

export interface HiddenCharacter {
  kind: HiddenKind
  codePoint: string
  name?: string
  category: string
  /** For an ASCII look-alike: the ASCII it folds to under NFKC. */
  looksLike?: string
}

const BIDI_CONTROL = /^\p{Bidi_Control}$/u
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u
const ODD_SPACE = /^[\p{Zs}]$/u
const ASCII_ALPHANUMERIC = /^[A-Za-z0-9]+$/

/** Names (UnicodeData.txt) of the characters this rule meets most, so the evidence reads without a table. */
const NAMES: Record<number, string> = {
  0x00a0: 'NO-BREAK SPACE', 0x00ad: 'SOFT HYPHEN', 0x034f: 'COMBINING GRAPHEME JOINER', 0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER', 0x1160: 'HANGUL JUNGSEONG FILLER', 0x1680: 'OGHAM SPACE MARK', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD', 0x2001: 'EM QUAD', 0x2002: 'EN SPACE', 0x2003: 'EM SPACE', 0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE', 0x2006: 'SIX-PER-EM SPACE', 0x2007: 'FIGURE SPACE', 0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE', 0x200a: 'HAIR SPACE', 0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER', 0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE', 0x2060: 'WORD JOINER', 0x2061: 'FUNCTION APPLICATION', 0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR', 0x2064: 'INVISIBLE PLUS', 0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE', 0x3000: 'IDEOGRAPHIC SPACE', 0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)', 0xffa0: 'HALFWIDTH HANGUL FILLER', 0xe0001: 'LANGUAGE TAG', 0xe007f: 'CANCEL TAG',
}

/** The name of a character this module knows, computing the regular families (tags, variation selectors). */
export function characterName(codePoint: number): string | undefined {
  if (NAMES[codePoint]) return NAMES[codePoint]
  // Tag characters mirror ASCII (U+E0020–E007E); UnicodeData names them "TAG <ASCII name>".
  if (codePoint >= 0xe0020 && codePoint <= 0xe007e) return `TAG ${JSON.stringify(String.fromCharCode(codePoint - 0xe0000))}`
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return `VARIATION SELECTOR-${codePoint - 0xfe00 + 1}`
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return `VARIATION SELECTOR-${codePoint - 0xe0100 + 17}`
  return undefined
}

const cache = new Map<number, HiddenCharacter | null>()

/** What hides in one character, or null for an ordinary one (ASCII is always ordinary here). Cached per code point. */
export function hiddenCharacter(char: string): HiddenCharacter | null {
  const codePoint = char.codePointAt(0)!
  if (codePoint < 0x80) return null
  let known = cache.get(codePoint)
  if (known === undefined) {
    known = classify(char, codePoint)
    cache.set(codePoint, known)
  }
  return known
}

function classify(char: string, codePoint: number): HiddenCharacter | null {
  const base = { codePoint: `U+${hex(codePoint)}`, category: generalCategory(char), ...(characterName(codePoint) ? { name: characterName(codePoint) } : {}) }
  if (BIDI_CONTROL.test(char)) return { kind: 'bidi-control', ...base }
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return { kind: 'tag', ...base }
  if (INVISIBLE.test(char)) return { kind: 'invisible', ...base }
  if (ODD_SPACE.test(char)) return { kind: 'space', ...base }
  const folded = char.normalize('NFKC')
  if (ASCII_ALPHANUMERIC.test(folded)) return { kind: 'ascii-look-alike', ...base, looksLike: folded }
  return null
}
