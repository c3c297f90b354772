/**
 * confusable-name (security): member names that hide what they are. Judged on the stored name (the hex of
 * its bytes, `nameHex`, read as UTF-8) and, where it reads otherwise, on the name as shown (a zip name
 * without the UTF-8 flag is CP437); the display form's escapes are undone, never judged as text.
 *
 * 1. Hidden characters (hidden-characters.ts): format characters (Cf), other default-ignorables, bidi
 *    controls, tag characters, spaces other than U+0020, and compatibility characters NFKC folds to ASCII
 *    when they stand among ASCII letters or make up a whole word (`𝐬etup`, `ｓｅｔｕｐ`; not `第１章`).
 * 2. Mixed scripts, after UTS #39 (Unicode Security Mechanisms). Its mixed-script detection (5.1) resolves
 *    a string's script set over Script_Extensions, with Common and Inherited ignored and Han augmented by
 *    Hanb, Jpan and Kore; its restriction levels (5.2) then say which mixtures are acceptable. Judged on a
 *    whole path segment no level fits: `README_Привет.md` (Latin and Cyrillic) is only "Minimally
 *    Restrictive", exactly like `sеtup.py` with a Cyrillic `е`, while `日本語.txt` (Latin and Han) is
 *    "Highly Restrictive". Two words in different scripts side by side do not deceive; a script change
 *    inside one word does. So the level is applied to each WORD, a maximal run of letters, marks and
 *    digits (separators such as `_ - .` and `/` end a word): a word is suspicious when it is below
 *    "Highly Restrictive", i.e. neither single-script nor Latin mixed only with Han, Kana, Bopomofo or
 *    Hangul. `README_Привет.md`, `日本語.txt`, `Python入門.md` pass; `sеtup.py` and `pаypal.py` do not.
 * Not covered: whole-script confusables (a name entirely in Cyrillic letters that look Latin, UTS #39
 * section 4 needs confusables.txt), and look-alikes within Latin (`ı`, `ɡ`).
 */
import type { MemberComparison, Side } from '../../types'
import { escapeControls } from '../../util/text'
import { hiddenCharacter, type HiddenCharacter } from '../hidden-characters'
import { sidesOf } from '../member-anomalies'
import { finding, listPaths, plural, type ExplanationRule } from '../rule'
import { characterScripts, generalCategory, hex, isHighlyRestrictive } from '../unicode-scripts'

/** Printable ASCII holds no hidden character and one script only: most names stop here. */
const PLAIN_ASCII = /^[\x20-\x5b\x5d-\x7e]*$/
/** The escapes of util/text.ts `escapeControls` / `escapeBytes`, undone when a side has no nameHex. */
const DISPLAY_ESCAPE = /\\(\\|x[0-9a-f]{2}|u\{[0-9a-f]+\})/g

/** Invalid bytes become U+FFFD, which hides nothing: the name-encoding rule reports them. */
const LENIENT_UTF8 = new TextDecoder('utf-8')

/** The stored name: its bytes as UTF-8 when the report has them, else the display form unescaped. */
export function storedName(nameHex: string | undefined, shown: string): string {
  const bytes = nameHex === undefined ? null : bytesOfHex(nameHex)
  if (bytes) return LENIENT_UTF8.decode(bytes)
  return shown.replace(DISPLAY_ESCAPE, (whole, escape: string) => {
    if (escape === '\\') return '\\'
    // `\xNN` from 80 up is an undecodable byte, never a character (util/text.ts escapeControls).
    const codePoint = parseInt(escape.startsWith('x') ? escape.slice(1) : escape.slice(2, -1), 16)
    if (escape.startsWith('x')) return codePoint < 0x80 ? String.fromCharCode(codePoint) : '\ufffd'
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole
  })
}

const HEX_DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < 16; i++) HEX_DIGIT['0123456789abcdef'.charCodeAt(i)] = HEX_DIGIT['0123456789ABCDEF'.charCodeAt(i)] = i

function bytesOfHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0) return null
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) {
    const high = HEX_DIGIT[hex.charCodeAt(2 * i)] ?? -1
    const low = HEX_DIGIT[hex.charCodeAt(2 * i + 1)] ?? -1
    if (high < 0 || low < 0) return null
    bytes[i] = (high << 4) | low
  }
  return bytes
}

interface FlaggedCharacter extends Omit<HiddenCharacter, 'kind'> {
  kind: HiddenCharacter['kind'] | 'mixed-script'
  /** Where in the name, counted in code points. */
  at: number
  /** The character itself, only for visible ones (an invisible one would show nothing). */
  character?: string
  scripts?: string[]
}

interface MixedWord {
  word: string
  scripts: string[]
}

interface Word {
  /** Index of the first character in the name, in code points. */
  start: number
  chars: string[]
}

const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u

/** The name's words: maximal runs of letters, marks and digits (`_ - . /` and spaces end a word). */
function splitWords(name: string): Word[] {
  const words: Word[] = []
  let current: Word | null = null
  let at = 0
  for (const char of name) {
    if (WORD_CHARACTER.test(char)) {
      current ??= { start: at, chars: [] }
      current.chars.push(char)
    } else if (current) {
      words.push(current)
      current = null
    }
    at++
  }
  if (current) words.push(current)
  return words
}

/** Words that change script inside (below TR39 "Highly Restrictive"), and their characters outside the word's main script. */
function mixedWords(words: Word[]): { words: MixedWord[]; characters: FlaggedCharacter[] } {
  const mixed: MixedWord[] = []
  const characters: FlaggedCharacter[] = []
  for (const { start, chars } of words) {
    if (chars.every((char) => char.charCodeAt(0) < 0x80) || isHighlyRestrictive(chars)) continue
    const counts = new Map<string, number>()
    for (const char of chars) for (const script of characterScripts(char).scripts) counts.set(script, (counts.get(script) ?? 0) + 1)
    const main = [...counts].sort((a, b) => b[1] - a[1])[0][0]
    mixed.push({ word: chars.join(''), scripts: [...counts.keys()] })
    chars.forEach((char, i) => {
      const { scripts } = characterScripts(char)
      if (scripts.length === 0 || scripts.includes(main)) return
      characters.push({ kind: 'mixed-script', codePoint: `U+${hex(char.codePointAt(0)!)}`, category: generalCategory(char), at: start + i, character: char, scripts })
    })
  }
  return { words: mixed, characters }
}

/**
 * Compatibility characters that fold to ASCII deceive among ASCII letters (`𝐬etup`, `ﬁle`) or on their own
 * (`ｓｅｔｕｐ`), not in CJK text, which writes fullwidth digits and letters as a matter of course (`第１章`).
 */
function isAmongAscii(words: Word[], at: number): boolean {
  const word = words.find((w) => at >= w.start && at < w.start + w.chars.length)
  if (!word) return true
  return word.chars.every((char) => char.charCodeAt(0) < 0x80 || hiddenCharacter(char)?.kind === 'ascii-look-alike')
}

function hiddenCharacters(name: string, words: Word[]): FlaggedCharacter[] {
  const found: FlaggedCharacter[] = []
  let at = 0
  for (const char of name) {
    const hidden = hiddenCharacter(char)
    if (hidden?.kind === 'ascii-look-alike') {
      if (isAmongAscii(words, at)) found.push({ ...hidden, at, character: char })
    } else if (hidden) found.push({ ...hidden, at })
    at++
  }
  return found
}

/** The name with every flagged character written as `\u{N}`, the rest as the report shows names. */
function marked(name: string, flagged: FlaggedCharacter[]): string {
  const positions = new Set(flagged.map((f) => f.at))
  let out = ''
  let at = 0
  for (const char of name) out += positions.has(at++) ? `\\u{${char.codePointAt(0)!.toString(16)}}` : escapeControls(char)
  return out
}

function reasonOf(characters: FlaggedCharacter[], words: MixedWord[]): string {
  const reasons = words.map((w) => `${w.scripts.join(' and ')} in one word`)
  for (const c of characters) if (c.kind !== 'mixed-script') reasons.push(c.kind === 'ascii-look-alike' ? `${c.codePoint} looks like "${c.looksLike}"` : (c.name ?? `${c.codePoint} ${c.category}`))
  return [...new Set(reasons)].join(', ')
}

interface ConfusableEntry {
  member: MemberComparison
  side: Side
  path: string
  index: number
  offset: number
  name: string
  reason: string
  characters: FlaggedCharacter[]
  scripts: string[]
  words: MixedWord[]
  /** Which reading of the name hides something, when the stored bytes and the shown name differ (CP437 zip names). */
  readAs?: string
}

/** One reading of a name judged: its hidden characters and mixed words, or null when it hides nothing. */
function judgeName(name: string): Pick<ConfusableEntry, 'name' | 'reason' | 'characters' | 'scripts' | 'words'> | null {
  const split = splitWords(name)
  const { words, characters: mixed } = mixedWords(split)
  const characters = [...hiddenCharacters(name, split), ...mixed].sort((a, b) => a.at - b.at)
  if (characters.length === 0 && words.length === 0) return null
  const scripts = new Set<string>()
  for (const char of name) for (const script of characterScripts(char).scripts) scripts.add(script)
  return { name: marked(name, characters), reason: reasonOf(characters, words), characters, scripts: [...scripts], words }
}

function judgeSide(member: MemberComparison, side: Side): ConfusableEntry | null {
  const path = side === 'left' ? member.leftPath : member.rightPath
  // The display form escapes every character that is not printable ASCII (and the backslash), so a
  // plain display form is a plain stored name.
  if (path === null || PLAIN_ASCII.test(path)) return null
  const own = side === 'left' ? member.left : member.right
  if (!own) return null
  // The stored bytes as UTF-8 (what most extractors write), and the name as shown when it differs (a zip
  // name without the UTF-8 flag is CP437, as Python's zipfile extracts it).
  const stored = storedName(own.nameHex, path)
  const shown = storedName(undefined, path)
  const readings: [string, string][] = [[stored, 'the stored bytes as UTF-8']]
  if (shown !== stored) readings.push([shown, 'the name as shown'])
  for (const [name, readAs] of readings) {
    const judged = judgeName(name)
    if (judged) return { member, side, path, index: own.index, offset: own.offset, ...judged, ...(readings.length > 1 ? { readAs } : {}) }
  }
  return null
}

export const confusableNameRule: ExplanationRule = {
  cause: 'confusable-name',
  security: true,
  description: 'Member names with invisible, format or bidi characters, or with a script change inside one word (UTS #39).',
  explain({ report }) {
    const entries: ConfusableEntry[] = []
    for (const side of ['left', 'right'] as Side[]) {
      for (const member of report.members) {
        const entry = judgeSide(member, side)
        if (entry) entries.push(entry)
      }
    }
    if (entries.length === 0) return []
    entries.sort((a, b) => (a.side === b.side ? a.index - b.index : a.side === 'left' ? -1 : 1))
    const named = new Map<string, string>()
    for (const entry of entries) if (!named.has(entry.name)) named.set(entry.name, `${entry.name} (${entry.reason})`)
    return [finding({
      cause: 'confusable-name',
      severity: 'security',
      title: `${plural(named.size, 'member name')} in ${sidesOf(entries)} ${named.size === 1 ? 'hides what it is' : 'hide what they are'}: ${listPaths([...named.values()])}`,
      members: [...new Set(entries.map((entry) => entry.member.path))],
      evidence: { names: entries.map(({ member: _member, ...entry }) => entry) },
      remedy: 'Look at the names with their code points shown: a build never needs invisible characters or a script change inside a word. Rename the members, or find out what wrote them.',
    })]
  },
}
