/**
 * One wheel member's traceability (issue 12): the dist-info files and vendored libraries first (their paths say
 * what wrote them), then the sdist file the layout maps it to (same bytes: from-source; a known build step:
 * generated; else differs-from-source), then what a build makes without a same-named source (compiled modules,
 * version files, Cython output); anything left is untraceable. Bytes that were not read are never "the same".
 */
import type { Member, MemberTrace, PackageFieldDifference } from '../types'
import { compiledTrace } from './compiled'
import { isRead, type TraceContext } from './context'
import { topLevelProblem, wheelFileProblem } from './dist-info-check'
import { cythonTrace, distInfoTrace, shebangTrace, vendoredTrace, versionFileTrace } from './generated'
import { mapWheelPath, type MappedSource } from './mapping'

export interface Classified {
  trace: MemberTrace
  /** The mapping that found the source file, when one did. */
  mapped: MappedSource | null
}

const SCRIPT = /^[^/]+\.data\/scripts\//

export function classifyMember(member: Member, context: TraceContext, metadataDifferences: PackageFieldDifference[]): Classified {
  if (member.type === 'dir') return { trace: { status: 'generated', generator: 'directory entry' }, mapped: null }
  const distInfo = distInfoMember(member, context, metadataDifferences)
  if (distInfo) return { trace: distInfo, mapped: null }
  const vendored = vendoredTrace(member)
  if (vendored) return { trace: vendored, mapped: null }
  const mapped = member.type === 'file' ? mapWheelPath(member.path, member.sha256, context.index, context.roots) : null
  if (!isRead(member)) {
    // Unread bytes (a limit, a cut, a symlink, which wheels cannot hold): nothing can be traced.
    return { trace: mapped ? { status: 'untraceable', source: mapped.member.path } : { status: 'untraceable' }, mapped }
  }
  if (mapped) return { trace: againstSource(member, mapped.member, context), mapped }
  const built = compiledTrace(member, context) ?? versionFileTrace(member, null, context) ?? cythonTrace(member, context)
  return { trace: built ?? { status: 'untraceable' }, mapped: null }
}

function againstSource(member: Member, source: Member, context: TraceContext): MemberTrace {
  if (isRead(source) && source.sha256 === member.sha256 && source.size === member.size) return { status: 'from-source', source: source.path }
  const generated = versionFileTrace(member, source, context) ?? (SCRIPT.test(member.path) ? shebangTrace(member, source, context) : null)
  return generated ?? { status: 'differs-from-source', source: source.path }
}

/**
 * dist-info files: METADATA and entry_points.txt differ from the source when the metadata check found a
 * difference (metadata-check.ts), named by the file the source declares it in; an unknown dist-info file is untraceable.
 */
function distInfoMember(member: Member, context: TraceContext, differences: PackageFieldDifference[]): MemberTrace | null {
  if (!/^[^/]+\.dist-info\//.test(member.path)) return null
  const inner = member.path.slice(member.path.indexOf('/') + 1)
  const root = context.index.root
  if (inner === 'METADATA') {
    const found = differences.find((difference) => !difference.field.includes(' / '))
    // Named by the file that declares the field: pyproject.toml for `[project]`, else the sdist's PKG-INFO, when it has one.
    const declaring = found && (found.source.startsWith('pyproject.toml') ? `${root}pyproject.toml` : `${root}PKG-INFO`)
    if (declaring) return context.index.files.has(declaring) ? { status: 'differs-from-source', source: declaring, generator: 'dist-info' } : { status: 'differs-from-source', generator: 'dist-info' }
  }
  const entryPoint = inner === 'entry_points.txt' ? differences.find((difference) => difference.field.includes(' / ')) : undefined
  if (entryPoint) {
    return { status: 'differs-from-source', source: entryPoint.source.startsWith('pyproject.toml') ? `${root}pyproject.toml` : entryPoint.source, generator: 'dist-info' }
  }
  // WHEEL and top_level.txt are written from the wheel's own contents: checked against them (dist-info-check.ts).
  const problem = inner === 'WHEEL' ? wheelFileProblem(member, context) : inner === 'top_level.txt' ? topLevelProblem(member, context) : null
  if (problem) return { status: 'differs-from-source', generator: `dist-info: ${problem}` }
  return distInfoTrace(member, context) ?? { status: 'untraceable' }
}
