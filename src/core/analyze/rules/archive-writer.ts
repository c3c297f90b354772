/**
 * archive-writer: header fields that only the archiving tool decides (zip "version made by", flags, extra
 * fields; tar format, typeflag, end padding; zip comment) differ: another archiver or version (formats.md C.9).
 */
import type { MemberComparison } from '../../types'
import { finding, memberIndex, sideValue, type ExplanationRule } from '../rule'

const MEMBER_FIELDS = ['creatorVersion', 'extractVersion', 'flags', 'extra', 'localExtra', 'internalAttributes', 'dosAttributes', 'typeflag', 'comment', 'devices', 'paxHeaders']
const ARCHIVE_FIELDS = /^(tar\.|zip\.|format$)/

/** A field both sides have: one a side lacks (a zip listed from local headers has no creator) says nothing of the writer. */
function knownOnBothSides(member: MemberComparison, field: string): boolean {
  if (member.unknown?.includes(field)) return false
  return sideValue(member, 'left', field) !== undefined && sideValue(member, 'right', field) !== undefined
}

export const archiveWriterRule: ExplanationRule = {
  cause: 'archive-writer',
  description: 'Fields only the archiver decides differ: another archiving tool or version.',
  explain(context) {
    const { report, earlier } = context
    const index = memberIndex(context)
    const explained = (path: string, field: string) => index.isExplained(earlier, path, field)
    const writerFields = (m: MemberComparison) => m.changed.filter((field) => MEMBER_FIELDS.includes(field) && knownOnBothSides(m, field))
    // Only members changed in a writer field can have one to explain.
    const members = index.withChange(...MEMBER_FIELDS).filter((m) => writerFields(m).some((field) => !explained(m.path, field)))
    const archiveFields = report.archive.filter((d) => ARCHIVE_FIELDS.test(d.field) && !earlier.some((f) => f.fields?.includes(d.field)))
    if (members.length === 0 && archiveFields.length === 0) return []
    const fields = [...new Set(members.flatMap(writerFields))]
    const words = [...archiveFields.map((d) => d.field), ...fields.map((f) => `member ${f}`)]
    return [finding({
      cause: 'archive-writer',
      title: `Written by another archiver or version: ${words.join(', ')} differ`,
      members: members.map((m) => m.path),
      fields: [...fields, ...archiveFields.map((d) => d.field)],
      evidence: { archive: archiveFields, memberFields: fields },
      remedy: 'Build both with the same tool versions (build backend, tar/zip writer); reproducible-build options of the archiver keep these fields fixed.',
    })]
  },
}
