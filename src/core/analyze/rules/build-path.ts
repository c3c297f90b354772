/**
 * build-path: differing binaries whose printable strings differ by build-directory paths (formats.md C.12):
 * the compiler wrote the build directory into debug info, so the bytes (and the GNU build-id) change.
 */
import type { MemberComparison } from '../../types'
import { CONTENT, evidenceOf, finding, listPaths, plural, verb, type AnalysisContext, type ExplanationRule } from '../rule'

/** Path shapes of temporary or per-user build directories. */
const BUILD_PATH = /(^|[^\w.])(\/tmp\/|\/var\/tmp\/|\/private\/var\/folders\/|\/var\/folders\/|\/home\/[^/\s]+\/|\/Users\/[^/\s]+\/|\/build\/|\/__w\/|\/root\/|[A-Za-z]:[\\/]|pip-build-env-|pip-req-build-|\.mesonpy-|\.tmp[A-Za-z0-9_]{6})/

interface PathEvidence {
  member: MemberComparison
  left: string[]
  right: string[]
}

function pathDifferences(context: AnalysisContext, member: MemberComparison): PathEvidence | null {
  const left = evidenceOf(context, member, 'left')?.strings
  const right = evidenceOf(context, member, 'right')?.strings
  if (!left || !right) return null
  const rightSet = new Set(right)
  const leftSet = new Set(left)
  const leftOnly = left.filter((s) => !rightSet.has(s) && BUILD_PATH.test(s))
  const rightOnly = right.filter((s) => !leftSet.has(s) && BUILD_PATH.test(s))
  return leftOnly.length || rightOnly.length ? { member, left: leftOnly, right: rightOnly } : null
}

export const buildPathRule: ExplanationRule = {
  cause: 'build-path',
  description: 'Differing binaries embed different build-directory paths.',
  explain(context) {
    const found = context.report.members.map((member) => (member.status === 'modified' ? pathDifferences(context, member) : null)).filter((e): e is PathEvidence => e !== null)
    if (found.length === 0) return []
    const example = found[0]
    return [finding({
      cause: 'build-path',
      title: `${plural(found.length, 'binary', 'binaries')} ${verb(found.length, 'embed')} the build directory (${listPaths(found.map((f) => f.member.path), 2)}): ${example.left[0] ?? '(none)'} on the left, ${example.right[0] ?? '(none)'} on the right`,
      members: found.map((f) => f.member.path),
      fields: [CONTENT],
      evidence: { members: found.map((f) => ({ path: f.member.path, left: f.left.slice(0, 5), right: f.right.slice(0, 5) })) },
      remedy: 'Build in the same directory, or map it away: CFLAGS="-ffile-prefix-map=$PWD=." (gcc, clang); or strip debug information from the wheel.',
    })]
  },
}
