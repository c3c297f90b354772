/**
 * The words for differences the text view cannot show (core/compare/content.ts gathers the facts): a BOM
 * that TextDecoder strips, line endings the editor does not draw, Unicode normalisation that looks the same,
 * and leading/trailing whitespace while the page's toggle hides it. Pure, tested in Node.
 */
import type { ContentPair } from '../core/types-public'

type LineEndingCounts = NonNullable<ContentPair['lineEndings']>['left']

export interface HiddenDifferenceNote {
  /** `none`: the text view shows no change at all although the bytes differ; `partial`: it shows some, not all. */
  shows: 'none' | 'partial'
  /** One clause per hidden difference, in plain words. */
  reasons: string[]
  /** The sentence the page shows. */
  sentence: string
}

const KINDS: readonly { key: keyof LineEndingCounts; name: string }[] = [
  { key: 'crlf', name: 'CRLF' },
  { key: 'lf', name: 'LF' },
  { key: 'cr', name: 'CR' },
]

/** "line endings: 12 CRLF on the left, 0 on the right; 0 LF on the left, 12 on the right". */
export function describeLineEndings(left: LineEndingCounts, right: LineEndingCounts): string {
  const differing = KINDS.filter(({ key }) => left[key] !== right[key])
  if (differing.length === 0) return 'line endings: as many of each kind on both sides, but on other lines'
  const count = (n: number) => n.toLocaleString('en')
  return `line endings: ${differing.map(({ key, name }) => `${count(left[key])} ${name} on the left, ${count(right[key])} on the right`).join('; ')}`
}

function reasonsOf(content: ContentPair, ignoreTrimWhitespace: boolean): string[] {
  const reasons: string[] = []
  for (const hiding of content.textHides) {
    if (hiding === 'bom') reasons.push(`a UTF-8 BOM on the ${content.bom?.left ? 'left' : 'right'} (a text decoder drops it, so the text cannot show it)`)
    else if (hiding === 'line-endings' && content.lineEndings) reasons.push(describeLineEndings(content.lineEndings.left, content.lineEndings.right))
    else if (hiding === 'unicode-normalization') reasons.push('Unicode normalisation (the same letters composed on one side, decomposed on the other: the marked lines look the same)')
  }
  if (content.textChange === 'whitespace' && ignoreTrimWhitespace) reasons.push('leading/trailing whitespace, hidden by the toggle')
  return reasons
}

const joinReasons = (reasons: string[]) => (reasons.length <= 1 ? reasons.join('') : `${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]}`)

/**
 * What the page must say about a text member whose bytes differ, or null when the text view shows every
 * difference (or the bytes are equal). A wrong "same" is the worst this page can say, so "no change" in the
 * editor is never left unexplained.
 */
export function hiddenDifferenceNote(content: ContentPair, ignoreTrimWhitespace: boolean): HiddenDifferenceNote | null {
  if (!content.isText || content.bytesEqual !== false) return null
  const reasons = reasonsOf(content, ignoreTrimWhitespace)
  const showsNothing = content.textChange === 'none' || (content.textChange === 'whitespace' && ignoreTrimWhitespace)
  if (showsNothing) {
    const why = reasons.length > 0 ? `: they differ only in ${joinReasons(reasons)}` : ''
    return { shows: 'none', reasons, sentence: `The bytes differ, but the text view shows no change${why}.` }
  }
  if (reasons.length === 0) return null
  return { shows: 'partial', reasons, sentence: `The text view does not show every difference: the bytes also differ in ${joinReasons(reasons)}.` }
}
