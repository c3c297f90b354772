/** What the page shows for a selected member: text on both sides for Monaco, or a binary summary. */
import { firstDifference } from '../util/bytes'
import { DEFAULT_LIMITS } from '../limits'
import { decodeText } from '../util/text'

export interface ContentPair {
  /** Both present sides decode as text (a missing side counts as empty text). */
  isText: boolean
  leftText: string | null
  rightText: string | null
  leftSize: number | null
  rightSize: number | null
  /** Offset of the first differing byte; -1 when equal; null when a side is missing. */
  firstDifference: number | null
  /** Set when a side is text but larger than the text limit, so it is summarised like a binary. */
  textLimit?: number
}

export function describeContentPair(left: Uint8Array | null, right: Uint8Array | null, maxTextBytes = DEFAULT_LIMITS.maxTextBytes): ContentPair {
  const tooLarge = (left?.length ?? 0) > maxTextBytes || (right?.length ?? 0) > maxTextBytes
  const leftText = left && !tooLarge ? decodeText(left) : tooLarge ? null : ''
  const rightText = right && !tooLarge ? decodeText(right) : tooLarge ? null : ''
  const isText = leftText !== null && rightText !== null
  return {
    isText,
    leftText: isText && left ? leftText : null,
    rightText: isText && right ? rightText : null,
    leftSize: left?.length ?? null,
    rightSize: right?.length ?? null,
    firstDifference: left && right ? firstDifference(left, right) : null,
    ...(tooLarge ? { textLimit: maxTextBytes } : {}),
  }
}
