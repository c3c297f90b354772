/**
 * compression: equal bytes, another compressed stream or method (formats.md C.11). Each side's stream is
 * recompressed at zlib levels 1–9 (by the side's worker); a match names the level, no match means
 * another deflate implementation.
 */
import type { MemberComparison, Side } from '../../types'
import { evidenceOf, finding, membersWithChange, plural, sideValue, type AnalysisContext, type ExplanationRule } from '../rule'

function levelWords(levels: number[] | null | undefined, method: unknown): string {
  if (method === 'stored') return 'stored (no compression)'
  if (levels === undefined) return `${method}`
  if (levels === null) return `${method}`
  if (levels.length === 0) return 'deflate by another implementation than zlib (or other settings)'
  if (levels.length === 9) return 'deflate (any zlib level gives these bytes)'
  const contiguous = levels[levels.length - 1] - levels[0] === levels.length - 1
  const words = levels.length === 1 ? `${levels[0]}` : contiguous ? `${levels[0]}–${levels[levels.length - 1]}` : `${levels.slice(0, -1).join(', ')} or ${levels[levels.length - 1]}`
  return `deflate at zlib level ${words}`
}

function describeSide(context: AnalysisContext, members: MemberComparison[], side: Side): string {
  const words = new Map<string, number>()
  for (const member of members) {
    const text = levelWords(evidenceOf(context, member, side)?.deflateLevels, sideValue(member, side, 'compression'))
    words.set(text, (words.get(text) ?? 0) + 1)
  }
  return [...words].map(([text, count]) => (words.size > 1 ? `${count} ${text}` : text)).join(', ')
}

export const compressionRule: ExplanationRule = {
  cause: 'compression',
  description: 'Same bytes, different compression method, level or deflate implementation.',
  explain(context) {
    const members = membersWithChange(context.report, 'compression', 'compressedSize').filter((m) => m.status !== 'modified')
    if (members.length === 0) return []
    const left = describeSide(context, members, 'left')
    const right = describeSide(context, members, 'right')
    return [finding({
      cause: 'compression',
      title: `${plural(members.length, 'member')} compressed differently over equal bytes: ${left} on the left, ${right} on the right`,
      members: members.map((member) => member.path),
      fields: ['compression', 'compressedSize', 'extractVersion', 'flags'],
      evidence: {
        examples: members.slice(0, 5).map((member) => ({
          path: member.path,
          left: { method: sideValue(member, 'left', 'compression'), size: sideValue(member, 'left', 'compressedSize'), levels: evidenceOf(context, member, 'left')?.deflateLevels },
          right: { method: sideValue(member, 'right', 'compression'), size: sideValue(member, 'right', 'compressedSize'), levels: evidenceOf(context, member, 'right')?.deflateLevels },
        })),
      },
      remedy: 'Use the same compression method and level for every member, with the same zlib build (zlib-ng and others write other streams).',
    })]
  },
}
