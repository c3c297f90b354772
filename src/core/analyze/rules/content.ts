/** content: a content change, an added or a removed member that no other rule explains. */
import type { MemberStatus } from '../../types'
import { CONTENT, finding, listPaths, memberIndex, plural, type ExplanationRule } from '../rule'

export const contentRule: ExplanationRule = {
  cause: 'content',
  description: 'Genuine content changes, additions and removals that no other rule explains.',
  explain(context) {
    const { report, earlier } = context
    // A source trace says member by member where each wheel file comes from (members[].trace, untraceable-member):
    // sdist-only files and generated dist-info files are expected there, not unexplained changes.
    if (report.mode === 'trace') return []
    // A member another rule explains (a rename with the same bytes) is not an unexplained change.
    const index = memberIndex(context)
    const explained = index.explainedPaths(earlier, CONTENT)
    const unexplained = (status: MemberStatus) => index.withStatus(status).filter((m) => !explained.has(m.path))
    const modified = unexplained('modified')
    const added = unexplained('right-only')
    const removed = unexplained('left-only')
    if (modified.length + added.length + removed.length === 0) return []
    const parts = [
      modified.length ? `${plural(modified.length, 'member')} changed in content (${listPaths(modified.map((m) => m.path))})` : '',
      removed.length ? `${removed.length} only on the left (${listPaths(removed.map((m) => m.path), 2)})` : '',
      added.length ? `${added.length} only on the right (${listPaths(added.map((m) => m.path), 2)})` : '',
    ].filter(Boolean)
    const expected = earlier.some((f) => f.cause === 'version-bump') ? ', as expected between versions' : ', not explained by any build difference'
    return [finding({
      cause: 'content',
      title: `${parts.join('; ')}${expected}`,
      members: [...modified, ...removed, ...added].map((m) => m.path),
      evidence: { modified: modified.map((m) => m.path), onlyLeft: removed.map((m) => m.path), onlyRight: added.map((m) => m.path) },
      remedy: 'Review these changes: they come from the sources or the build inputs (patches, vendored files, generated code), not from packaging.',
    })]
  },
}
