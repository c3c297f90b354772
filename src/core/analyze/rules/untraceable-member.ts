/**
 * untraceable-member (security): in a source trace (`report.mode === 'trace'`, issue 12), a wheel member that no
 * file of the audited sdist explains: none at its mapped path (`untraceable`), or one whose bytes differ there
 * (`differs-from-source`). That is how supply-chain attacks on Python packages have shipped: an added module, a `.pth`
 * file (run by `site` at every interpreter start, Python docs `site`), a script, a changed line. One finding per
 * member, `.pth` files first, then executable scripts (`.data/scripts/`, or an executable mode), then the rest.
 * A METADATA or entry_points.txt that differs names the fields that differ (report.package.fields).
 */
import type { MemberComparison } from '../../types'
import { CONTENT, finding, listPaths, type ExplanationRule } from '../rule'

const S_IXUSR = 0o100

function rank(member: MemberComparison): number {
  const path = member.rightPath ?? member.path
  if (path.endsWith('.pth')) return 0
  const mode = member.right?.mode
  if (/^[^/]+\.data\/scripts\//.test(path) || (typeof mode === 'number' && (mode & S_IXUSR) !== 0)) return 1
  return 2
}

function kind(member: MemberComparison): string {
  const path = member.rightPath ?? member.path
  if (path.endsWith('.pth')) return 'a .pth file, which Python runs at every start'
  return rank(member) === 1 ? 'an executable script' : 'a file'
}

export const untraceableMemberRule: ExplanationRule = {
  cause: 'untraceable-member',
  security: true,
  description: 'In a source trace: wheel members that no file of the sdist explains, or whose bytes differ from the source file they map to.',
  explain: ({ report }) => {
    if (report.mode !== 'trace') return []
    const flagged = report.members
      .filter((member) => member.trace?.status === 'untraceable' || member.trace?.status === 'differs-from-source')
      .map((member, order) => ({ member, order, rank: rank(member) }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
    return flagged.map(({ member }) => {
      const trace = member.trace!
      const path = member.rightPath ?? member.path
      // METADATA's fields, or entry_points.txt's `group / name` entries (trace/metadata-check.ts).
      const file = /\.dist-info\/(METADATA|entry_points\.txt)$/.exec(path)?.[1]
      const metadataFields = file ? (report.package?.fields ?? []).filter((f) => f.field.includes(' / ') === (file === 'entry_points.txt')) : []
      const differs = trace.status === 'differs-from-source'
      const fieldNames = metadataFields.map((field) => field.field)
      const title = differs
        ? `${path} differs from ${trace.source}${fieldNames.length > 0 ? ` (${listPaths(fieldNames)})` : ''}: the wheel is not what the source builds`
        : `${path} is ${kind(member)} with no counterpart in the source: nothing in the sdist explains it`
      return finding({
        cause: 'untraceable-member',
        severity: 'security',
        title,
        members: [member.path],
        fields: [CONTENT],
        evidence: {
          status: trace.status,
          wheelPath: path,
          ...(trace.source !== undefined ? { source: trace.source } : {}),
          sha256: member.right?.sha256 ?? null,
          ...(differs && member.left ? { sourceSha256: member.left.sha256 } : {}),
          ...(metadataFields.length > 0 ? { fields: metadataFields.map((f) => ({ source: f.source, field: f.field, source_values: f.left, wheel_values: f.right })) } : {}),
        },
        remedy: differs
          ? 'Compare the two files (the diff shows the change). A build does not change module bytes: find out what did, and do not install this wheel until you know.'
          : 'Do not install this wheel until you know what put this file there: a build from this source would not have. Rebuild from the sdist and compare.',
      })
    })
  },
}
