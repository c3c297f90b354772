/**
 * compression: equal bytes, another compressed stream or method (formats.md C.11). Each side's stream is
 * recompressed at zlib levels 1–9 (by the side's worker); a match names the level, no match means
 * another deflate implementation. Also the outer wrapper: the same tar as .tar.xz and .tar.gz, or xz,
 * bzip2 and Zstandard header fields that differ.
 */
import type { Finding, MemberComparison, Side } from '../../types'
import { evidenceOf, finding, memberIndex, plural, sideValue, type AnalysisContext, type ExplanationRule } from '../rule'

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

/** Outer wrappers of one container: `tar+xz` against `tar+gzip` is the same tar compressed another way. */
const WRAPPED = /^(tar)\+(gzip|xz|bzip2|zstd)$|^(tar)$|^(gzip|xz|bzip2|zstd)$/
const innerOf = (format: unknown) => {
  const match = WRAPPED.exec(String(format))
  return match === null ? null : match[1] || match[3] ? 'tar' : 'single file'
}
/** Header fields of the xz, bzip2 and Zstandard wrappers (report-format.md, archive fields). */
const WRAPPER_FIELDS = /^(xz|bzip2|zstd)\./

/** The wrapper itself differs (another compressor, or its settings) around the same container. */
function wrapperFinding(report: AnalysisContext['report']): Finding[] {
  const format = report.archive.find((d) => d.field === 'format')
  const sameInner = format !== undefined && innerOf(format.left) !== null && innerOf(format.left) === innerOf(format.right)
  // gzip header fields belong to the wrapper too when only one side has them (the gzip-header rule compares two gzip headers).
  const oneSidedGzip = (d: { field: string; left: unknown; right: unknown }) => d.field.startsWith('gzip.') && (d.left === null || d.right === null)
  const settings = report.archive.filter((d) => WRAPPER_FIELDS.test(d.field) || oneSidedGzip(d))
  if (!sameInner && settings.length === 0) return []
  const payloadEqual = report.members.every((member) => member.status === 'identical' || member.status === 'metadata')
  // A field only one side has follows from the other compressor; settings both sides have are named.
  const compared = settings.filter((d) => d.left !== null && d.right !== null)
  const words = [
    ...(sameInner ? [`${format!.left} on the left, ${format!.right} on the right`] : []),
    ...compared.map((d) => `${d.field} ${String(d.left)} against ${String(d.right)}`),
  ]
  if (words.length === 0) words.push(`${settings.map((d) => d.field).join(', ')} present on one side only`)
  return [finding({
    cause: 'compression',
    title: `The ${sameInner ? innerOf(format!.left) : 'file'} is compressed differently${payloadEqual ? ' over equal contents' : ''}: ${words.join('; ')}`,
    members: [],
    fields: [...(sameInner ? ['format'] : []), ...settings.map((d) => d.field)],
    evidence: { archive: [...(sameInner ? [format!] : []), ...settings] },
    remedy: 'Compress both with the same tool, level and options (xz -6 -T1, zstd -19, bzip2 -9, gzip -9n): the wrapper is not part of what is installed, but it is part of the file.',
  })]
}

export const compressionRule: ExplanationRule = {
  cause: 'compression',
  description: 'Same bytes, different compression method, level or deflate implementation.',
  explain(context) {
    const wrapper = wrapperFinding(context.report)
    const members = memberIndex(context).withChange('compression', 'compressedSize').filter((m) => m.status !== 'modified')
    if (members.length === 0) return wrapper
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
    }), ...wrapper]
  },
}
