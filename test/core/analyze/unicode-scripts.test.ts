/** TR39 script sets from the engine's Unicode data (used by confusable-name). */
import { describe, expect, it } from 'vitest'
import { characterScripts, generalCategory, isHighlyRestrictive, resolvedScripts } from '../../../src/core/analyze/unicode-scripts'

describe('unicode-scripts', () => {
  it('names every script the engine assigns to a letter, mark or number (the list is complete for this engine)', () => {
    const lettersWithoutScript: string[] = []
    const letter = /^[\p{L}\p{M}\p{N}]$/u
    for (let codePoint = 0x80; codePoint <= 0x10ffff; codePoint += codePoint < 0x30000 ? 1 : 0x100) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue
      const char = String.fromCodePoint(codePoint)
      if (letter.test(char) && characterScripts(char).scripts.some((name) => name.startsWith('unnamed script'))) lettersWithoutScript.push(codePoint.toString(16))
    }
    expect(lettersWithoutScript).toEqual([])
  })

  it('gives Script_Extensions, and none for Common and Inherited', () => {
    expect(characterScripts('е').scripts).toEqual(['Cyrillic'])
    expect(characterScripts('a').scripts).toEqual(['Latin'])
    expect(characterScripts('ー').scripts).toEqual(['Hiragana', 'Katakana']) // U+30FC, Script_Extensions {Hira, Kana}
    expect(characterScripts('_').augmented).toBeNull()
    expect(characterScripts('\u20d0').augmented).toBeNull() // Script_Extensions {Inherited}
    // U+0301 is Inherited by Script, but its Script_Extensions name the scripts it combines with.
    expect(characterScripts('\u0301').scripts).toEqual(expect.arrayContaining(['Latin', 'Cyrillic', 'Greek']))
    expect(generalCategory('е')).toBe('Ll')
    expect(generalCategory('\u200b')).toBe('Cf')
  })

  it('resolves script sets with the TR39 augmentations (Jpan, Kore, Hanb)', () => {
    expect(resolvedScripts(Array.from('漢字かな'))).toEqual(new Set(['Japanese']))
    expect(resolvedScripts(Array.from('한국漢字'))).toEqual(new Set(['Korean']))
    expect(resolvedScripts(Array.from('sеtup'))).toEqual(new Set())
    expect(resolvedScripts(Array.from('_.-'))).toBeNull()
  })

  it('applies the Highly Restrictive level: Latin with CJK passes, Latin with Cyrillic or Greek does not', () => {
    expect(isHighlyRestrictive(Array.from('Python入門'))).toBe(true)
    expect(isHighlyRestrictive(Array.from('abc한국'))).toBe(true)
    expect(isHighlyRestrictive(Array.from('sеtup'))).toBe(false)
    expect(isHighlyRestrictive(Array.from('pοst'))).toBe(false)
    expect(isHighlyRestrictive(Array.from('abcمرحبا'))).toBe(false)
  })
})
