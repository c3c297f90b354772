/**
 * Compiled members: extension modules (`.so`, `.pyd`, `.dylib`) and byte code (`.pyc`), traced to the sources
 * in the sdist they are built from. Their bytes only a rebuild can verify; the trace names the sources so the
 * reviewer knows what to rebuild. An extension whose module name has no source file is untraceable.
 */
import type { Member, MemberTrace } from '../types'
import type { TraceContext } from './context'
import { mapWheelPath } from './mapping'

const EXTENSION = /\.(so|pyd|dylib)$/
/** Source languages of extension modules, in the order a name is looked for (C, C++, Cython, Fortran, Objective-C, Rust via PyO3, mypyc's Python). */
const SOURCE_EXTENSIONS = ['.c', '.cpp', '.cc', '.cxx', '.pyx', '.f90', '.f', '.m', '.mm', '.rs', '.py']
/** `pkg/__pycache__/mod.cpython-312.pyc` (PEP 3147) or a legacy `pkg/mod.pyc`. */
const PYC = /^(.*?)(?:__pycache__\/)?([^/]+?)(?:\.[A-Za-z]+-[0-9]+(?:\.opt-[0-9]+)?)?\.pyc$/

export function compiledTrace(member: Member, context: TraceContext): MemberTrace | null {
  if (EXTENSION.test(member.path)) return extensionTrace(member, context)
  const pyc = PYC.exec(member.path)
  if (!pyc) return null
  const source = mapWheelPath(`${pyc[1]}${pyc[2]}.py`, null, context.index, context.roots)
  return source ? { status: 'compiled', sources: [source.member.path], generator: 'byte-compiled' } : null
}

function extensionTrace(member: Member, context: TraceContext): MemberTrace | null {
  const slash = member.path.lastIndexOf('/')
  const directory = member.path.slice(0, slash + 1)
  // `_speedups.cpython-312-x86_64-linux-gnu.so`, `_speedups.abi3.so`, `_speedups.pyd`: the module name is before the first dot.
  const module = member.path.slice(slash + 1).split('.')[0]
  const sources: string[] = []
  for (const extension of SOURCE_EXTENSIONS) {
    const mapped = mapWheelPath(`${directory}${module}${extension}`, null, context.index, context.roots)
    if (mapped) sources.push(mapped.member.path)
  }
  // Elsewhere in the sdist (a `csrc/` or `ext/` directory): at most a few, by base name.
  if (sources.length === 0) for (const extension of SOURCE_EXTENSIONS) for (const found of (context.index.byBaseName.get(`${module}${extension}`) ?? []).slice(0, 4)) sources.push(found.path)
  if (sources.length === 0) {
    // A Rust extension (PyO3 with maturin or setuptools-rust): the crate, not a file named after the module.
    const crate = context.index.files.get(`${context.index.root}Cargo.toml`)
    const lib = context.index.files.get(`${context.index.root}src/lib.rs`)
    if (crate) sources.push(crate.path)
    if (crate && lib) sources.push(lib.path)
  }
  return sources.length > 0 ? { status: 'compiled', sources, generator: 'compiler' } : null
}
