import { describe, expect, it } from 'vitest'
import type { ContentPair } from '../../src/core/types-public'
import { describeLineEndings, hiddenDifferenceNote } from '../../src/ui/hidden-differences'

const text = (over: Partial<ContentPair>): ContentPair => ({
  isText: true, leftText: 'a', rightText: 'a', leftSize: 3, rightSize: 3, firstDifference: 1, bytesEqual: false,
  textHides: [], textChange: 'visible', ...over,
})
const counts = (crlf: number, lf: number, cr = 0) => ({ crlf, lf, cr })

describe('hiddenDifferenceNote', () => {
  it('says a CRLF-only pair differs only in line endings, with the counts of each side', () => {
    const note = hiddenDifferenceNote(text({ textHides: ['line-endings'], textChange: 'none', lineEndings: { left: counts(12, 0), right: counts(0, 12) } }), false)
    expect(note?.shows).toBe('none')
    expect(note?.sentence).toBe('The bytes differ, but the text view shows no change: they differ only in line endings: 12 CRLF on the left, 0 on the right; 0 LF on the left, 12 on the right.')
  })

  it('names a BOM on the side that has it', () => {
    const note = hiddenDifferenceNote(text({ textHides: ['bom'], textChange: 'none', bom: { left: false, right: true } }), false)
    expect(note?.sentence).toMatch(/differ only in a UTF-8 BOM on the right/)
  })

  it('names whitespace only while the toggle hides it', () => {
    const whitespace = text({ textChange: 'whitespace' })
    expect(hiddenDifferenceNote(whitespace, false)).toBeNull()
    expect(hiddenDifferenceNote(whitespace, true)?.sentence).toBe(
      'The bytes differ, but the text view shows no change: they differ only in leading/trailing whitespace, hidden by the toggle.')
  })

  it('lists every hidden difference beside a visible change', () => {
    const note = hiddenDifferenceNote(text({ textHides: ['bom', 'line-endings'], lineEndings: { left: counts(1, 0), right: counts(0, 1) }, bom: { left: true, right: false } }), false)
    expect(note?.shows).toBe('partial')
    expect(note?.reasons).toHaveLength(2)
    expect(note?.sentence).toMatch(/^The text view does not show every difference: the bytes also differ in a UTF-8 BOM on the left .* and line endings: 1 CRLF/)
  })

  it('never leaves "no change" unexplained, and says nothing for equal bytes, binaries or visible-only changes', () => {
    expect(hiddenDifferenceNote(text({ textChange: 'none' }), false)?.sentence).toBe('The bytes differ, but the text view shows no change.')
    expect(hiddenDifferenceNote(text({ bytesEqual: true, firstDifference: -1, textChange: 'none' }), false)).toBeNull()
    expect(hiddenDifferenceNote(text({ isText: false, textChange: null }), false)).toBeNull()
    expect(hiddenDifferenceNote(text({}), true)).toBeNull()
  })
})

describe('describeLineEndings', () => {
  it('names only the kinds whose counts differ, and endings that moved', () => {
    expect(describeLineEndings(counts(2, 3), counts(2, 3, 1))).toBe('line endings: 0 CR on the left, 1 on the right')
    expect(describeLineEndings(counts(1, 1), counts(1, 1))).toMatch(/on other lines/)
  })
})
