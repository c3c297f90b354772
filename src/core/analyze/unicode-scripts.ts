/**
 * Unicode facts about single characters for the confusable-name rule, from the JavaScript engine's own
 * Unicode data (regular-expression property escapes), so no table has to be kept in step with Unicode:
 * Script_Extensions (UAX #24), the General_Category, and the TR39 augmented script set (UTS #39 section
 * 5.1: Common and Inherited stand for every script; Han adds Hanb, Jpan and Kore, Hiragana and Katakana
 * add Jpan, Hangul adds Kore, Bopomofo adds Hanb). Answers are cached per code point.
 */

/** Script property values (long names, Unicode 17). Names the engine does not know are skipped. */
const SCRIPT_NAMES = (
  'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Beria_Erfe Bhaiksuki ' +
  'Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian ' +
  'Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs ' +
  'Elbasan Elymaic Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema ' +
  'Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inscriptional_Pahlavi ' +
  'Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki ' +
  'Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic ' +
  'Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao ' +
  'Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu ' +
  'Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian ' +
  'Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa ' +
  'Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham Sidetic SignWriting Sinhala ' +
  'Sogdian Sora_Sompeng Soyombo Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo ' +
  'Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Todhri Tolong_Siki Toto Tulu_Tigalari Ugaritic ' +
  'Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square'
).split(' ')

/** General_Category values (UAX #44 table 12). */
const CATEGORIES = 'Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co Cn'.split(' ')

/** The TR39 augmentations (UTS #39 section 5.1), as the pseudo-scripts they add. */
const AUGMENTED: Record<string, string[]> = {
  Han: ['Han with Bopomofo', 'Japanese', 'Korean'],
  Hiragana: ['Japanese'],
  Katakana: ['Japanese'],
  Hangul: ['Korean'],
  Bopomofo: ['Han with Bopomofo'],
}

function compile(property: string): RegExp | null {
  try {
    return new RegExp(`^\\p{${property}}$`, 'u')
  } catch {
    return null
  }
}

let scriptTests: [string, RegExp][] | null = null
const COMMON_OR_INHERITED = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u
const categoryTests = CATEGORIES.map((category) => [category, compile(`General_Category=${category}`)] as const)

/** Built once, on first use: one test per script the engine knows. */
function scripts(): [string, RegExp][] {
  scriptTests ??= SCRIPT_NAMES.flatMap((name) => {
    const test = compile(`Script_Extensions=${name}`)
    return test ? [[name.replace(/_/g, ' '), test] as [string, RegExp]] : []
  })
  return scriptTests
}

export interface CharacterScripts {
  /** Script_Extensions with the names spelled with spaces (Latin, Cyrillic, Old Italic); empty for Common/Inherited. */
  scripts: string[]
  /** The augmented set of TR39 5.1, or null for "every script" (Common, Inherited). */
  augmented: Set<string> | null
}

const scriptCache = new Map<number, CharacterScripts>()

export function characterScripts(char: string): CharacterScripts {
  const codePoint = char.codePointAt(0)!
  let known = scriptCache.get(codePoint)
  if (known) return known
  if (COMMON_OR_INHERITED.test(char)) known = { scripts: [], augmented: null }
  else {
    const found = scripts().filter(([, test]) => test.test(char)).map(([name]) => name)
    // A character of a script this engine has no name for still counts as a script of its own.
    const names = found.length ? found : [`unnamed script of U+${hex(codePoint)}`]
    known = { scripts: names, augmented: new Set(names.flatMap((name) => [name, ...(AUGMENTED[name] ?? [])])) }
  }
  scriptCache.set(codePoint, known)
  return known
}

const categoryCache = new Map<number, string>()

export function generalCategory(char: string): string {
  const codePoint = char.codePointAt(0)!
  let category = categoryCache.get(codePoint)
  if (category === undefined) {
    category = categoryTests.find(([, test]) => test?.test(char))?.[0] ?? 'Cn'
    categoryCache.set(codePoint, category)
  }
  return category
}

export function hex(codePoint: number): string {
  return codePoint.toString(16).toUpperCase().padStart(4, '0')
}

/** The TR39 resolved script set of some characters (5.1): the intersection of their augmented sets; null = every script. */
export function resolvedScripts(chars: string[]): Set<string> | null {
  let resolved: Set<string> | null = null
  for (const char of chars) {
    const augmented: Set<string> | null = characterScripts(char).augmented
    if (augmented === null) continue
    if (resolved === null) resolved = new Set(augmented)
    else for (const script of resolved) if (!augmented.has(script)) resolved.delete(script)
  }
  return resolved
}

/**
 * TR39 5.2 "Highly Restrictive": single-script, or covered by Latin + Han + Hiragana + Katakana, Latin + Han
 * + Bopomofo, or Latin + Han + Hangul. As ICU's SpoofChecker does it: the characters that are not Latin
 * must resolve to Japanese, Han with Bopomofo or Korean.
 */
export function isHighlyRestrictive(chars: string[]): boolean {
  const resolved = resolvedScripts(chars)
  if (resolved === null || resolved.size > 0) return true
  const withoutLatin = resolvedScripts(chars.filter((char) => !characterScripts(char).augmented?.has('Latin')))
  return withoutLatin !== null && ['Japanese', 'Han with Bopomofo', 'Korean'].some((script) => withoutLatin.has(script))
}
