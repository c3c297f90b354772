/**
 * pyc-header: .pyc files whose code is equal but whose 16-byte header differs (PEP 552): another
 * invalidation mode (flags), or another embedded source mtime (timestamp-based pycs).
 */
import type { MemberComparison } from '../../types'
import { CONTENT, evidenceOf, finding, memberIndex, plural, verb, type AnalysisContext, type ExplanationRule } from '../rule'

const MODES: Record<number, string> = { 0: 'timestamp', 1: 'unchecked-hash', 3: 'checked-hash' }

function headerOnly(context: AnalysisContext, member: MemberComparison) {
  const left = evidenceOf(context, member, 'left')?.pyc
  const right = evidenceOf(context, member, 'right')?.pyc
  return left && right && left.bodySha256 === right.bodySha256 ? { left, right } : null
}

export const pycHeaderRule: ExplanationRule = {
  cause: 'pyc-header',
  description: '.pyc files differ only in their header: invalidation mode or source mtime.',
  explain(context) {
    const found = memberIndex(context).withStatus('modified').map((member) => ({ member, header: headerOnly(context, member) })).filter((f) => f.header)
    if (found.length === 0) return []
    const { left, right } = found[0].header!
    const why = left.flags !== right.flags
      ? `invalidation mode ${MODES[left.flags] ?? left.flags} on the left, ${MODES[right.flags] ?? right.flags} on the right`
      : left.flags & 1
        ? 'the embedded source hash differs (the source file changed, or was read differently)'
        : 'the embedded source modification time differs'
    return [finding({
      cause: 'pyc-header',
      title: `${plural(found.length, '.pyc file')} ${verb(found.length, 'differ')} only in the header: ${why}`,
      members: found.map((f) => f.member.path),
      fields: [CONTENT],
      evidence: { examples: found.slice(0, 3).map((f) => ({ path: f.member.path, ...f.header })) },
      remedy: 'Compile with SOURCE_DATE_EPOCH set, or with --invalidation-mode checked-hash (py_compile, compileall).',
    })]
  },
}
