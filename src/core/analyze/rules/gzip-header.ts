/** gzip-header: gzip MTIME, FNAME, OS or XFL differ (RFC 1952; formats.md C.10). */
import { describeGzipName } from '../gzip-words'
import { finding, type ExplanationRule } from '../rule'

export const gzipHeaderRule: ExplanationRule = {
  cause: 'gzip-header',
  description: 'The gzip header (MTIME, FNAME, OS, XFL, FLG) differs.',
  explain({ report }) {
    const fields = report.archive.filter((difference) => difference.field.startsWith('gzip.'))
    // One side has no gzip header at all (a .tar.xz against a .tar.gz): the wrapper differs, which the
    // compression rule names; there is no gzip header to compare.
    if (fields.length === 0 || fields.every((d) => d.left === null || d.right === null)) return []
    const payloadEqual = report.members.every((member) => member.status === 'identical' || member.status === 'metadata')
    return [finding({
      cause: 'gzip-header',
      title: `The gzip header differs in ${fields.map((d) => describeGzipName(d.field)).join(', ')}${payloadEqual ? ', over an equal payload' : ''}`,
      members: [],
      fields: fields.map((difference) => difference.field),
      evidence: { fields: fields.map((d) => ({ field: d.field, left: d.left, right: d.right })) },
      remedy: 'Write the gzip header without a name and with a fixed time: gzip -n, or GzipFile(filename="", mtime=SOURCE_DATE_EPOCH); use the same compressor for XFL and OS.',
    })]
  },
}
