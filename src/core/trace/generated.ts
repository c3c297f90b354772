/**
 * Wheel members written by the build, each named with its evidence: the `.dist-info` files the wheel spec has the
 * backend write (PEP 427, core metadata, recording-installed-packages), a version file written by setuptools-scm or
 * hatch-vcs (holding only the version assignments, with the wheel's version), scripts whose only change is the `#!`
 * line that setuptools and wheel rewrite (PEP 427 "install-time" `#!python`), Cython's `.c` next to its `.pyx`,
 * and the shared libraries auditwheel (`<pkg>.libs/`) and delocate (`.dylibs/`) copy in, which no source explains.
 */
import type { Member, MemberTrace } from '../types'
import { isRead, retainedText, type TraceContext } from './context'
import { mapWheelPath } from './mapping'

const DIST_INFO = /^[^/]+\.dist-info\//
/** dist-info files a backend writes from the configuration rather than copies (checked elsewhere: metadata-check.ts). */
const WRITTEN_DIST_INFO = new Set(['METADATA', 'WHEEL', 'RECORD', 'RECORD.jws', 'RECORD.p7s', 'entry_points.txt', 'top_level.txt', 'zip-safe', 'namespace_packages.txt', 'dependency_links.txt', 'not-zip-safe'])
const VENDORED = /(^|\/)([^/]+\.libs|\.dylibs)\/[^/]*\.(so(\.[0-9]+)*|dylib|dll)$/
const VERSION_FILE = /(^|\/)(_version|version|__version__)\.py$/
/**
 * Every line a setuptools-scm or hatch-vcs version file holds (their templates): comments, `__all__`, the
 * TYPE_CHECKING block with typing imports, annotations, and assignments of string, tuple, None or `object` values.
 */
const VERSION_FILE_LINE = [
  /^\s*(#.*)?$/,
  /^__all__ = \[[^\]]*\]$/,
  /^TYPE_CHECKING = False$/,
  /^if TYPE_CHECKING:$/,
  /^else:$/,
  /^\s+from typing import [A-Za-z_, ]+$/,
  /^\s+[A-Z_]+ = (Tuple|tuple)\[[A-Za-z_, .[\]]+\]$/,
  /^\s+[A-Z_]+ = object$/,
  /^[A-Za-z_]+: [A-Za-z_[\]|, ]+$/,
  /^([A-Za-z_]+ = )+('[^'\\]*'|"[^"\\]*"|\([0-9A-Za-z_'", .+-]*\)|None)$/,
]

export function distInfoTrace(member: Member, context: TraceContext): MemberTrace | null {
  if (!DIST_INFO.test(member.path)) return null
  const inner = member.path.slice(member.path.indexOf('/') + 1)
  if (WRITTEN_DIST_INFO.has(inner)) return { status: 'generated', generator: 'dist-info' }
  // Licence files (PEP 639 `licenses/<path>`; older setuptools and wheel copy them by base name): written by the build,
  // and checked to be the source's bytes.
  const path = inner.startsWith('licenses/') ? inner.slice('licenses/'.length) : inner
  const copy = context.index.files.get(`${context.index.root}${path}`) ?? context.index.byBaseName.get(path.slice(path.lastIndexOf('/') + 1))?.[0]
  if (!copy) return null
  if (isRead(member) && isRead(copy) && copy.sha256 === member.sha256) return { status: 'generated', source: copy.path, generator: 'dist-info licence file' }
  return { status: 'differs-from-source', source: copy.path, generator: 'dist-info licence file' }
}

export function vendoredTrace(member: Member): MemberTrace | null {
  const match = VENDORED.exec(member.path)
  if (!match) return null
  return { status: 'generated', generator: match[2] === '.dylibs' ? 'delocate (vendored library)' : 'auditwheel (vendored library)' }
}

/** A version file holding nothing but the assignments its tool writes, with the wheel's version. */
export function versionFileTrace(member: Member, source: Member | null, context: TraceContext): MemberTrace | null {
  if (!VERSION_FILE.test(member.path) || !context.version) return null
  const text = retainedText(context.wheel, member)
  if (text === null) return null
  const lines = text.split(/\r\n|\n/)
  if (!lines.every((line) => VERSION_FILE_LINE.some((pattern) => pattern.test(line)))) return null
  const quoted = [`'${context.version}'`, `"${context.version}"`]
  if (!lines.some((line) => /^([A-Za-z_]+ = )+/.test(line) && quoted.some((q) => line.endsWith(q)))) return null
  const trace: MemberTrace = { status: 'generated', generator: `${context.layout.versionTool ?? 'version file'} (version ${context.version})` }
  if (source) trace.source = source.path
  return trace
}

/** A script identical to its source after the first line, both starting with `#!`. */
export function shebangTrace(member: Member, source: Member, context: TraceContext): MemberTrace | null {
  const built = retainedText(context.wheel, member)
  const original = retainedText(context.sdist, source)
  if (built === null || original === null || !built.startsWith('#!') || !original.startsWith('#!')) return null
  const rest = (text: string) => text.slice(text.indexOf('\n') + 1)
  if (!built.includes('\n') || !original.includes('\n') || rest(built) !== rest(original)) return null
  return { status: 'generated', source: source.path, generator: 'shebang rewrite' }
}

/** Cython's generated C file (`mod.c`), when the mapped `mod.pyx` is in the sdist. */
export function cythonTrace(member: Member, context: TraceContext): MemberTrace | null {
  if (!/\.(c|cpp)$/.test(member.path)) return null
  const pyx = mapWheelPath(member.path.replace(/\.(c|cpp)$/, '.pyx'), null, context.index, context.roots)
  return pyx ? { status: 'generated', source: pyx.member.path, generator: 'Cython' } : null
}
