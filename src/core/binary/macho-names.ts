/**
 * The names `<mach-o/loader.h>` and `<mach/machine.h>` give to Mach-O numbers: CPU types (as architectures,
 * the way lipo and `file(1)` name them), file types, header flags, load commands and section types. Only for
 * display: the report keeps every number as stored.
 */

const CPU_ARCH_ABI64 = 0x01000000
const CPU_ARCH_ABI64_32 = 0x02000000
/** machine.h: the capability bits in the top byte of cpusubtype (CPU_SUBTYPE_LIB64, pointer auth ABI). */
const CPU_SUBTYPE_MASK = 0xff000000
const CPU_TYPE_X86 = 7
const CPU_TYPE_ARM = 12
const CPU_TYPE_POWERPC = 18

const ARM_SUBTYPES = new Map([[5, 'armv4t'], [6, 'armv6'], [7, 'armv5tej'], [8, 'xscale'], [9, 'armv7'], [10, 'armv7f'], [11, 'armv7s'], [12, 'armv7k'], [13, 'armv8'], [14, 'armv6m'], [15, 'armv7m'], [16, 'armv7em']])
/** Architectures named by cputype alone. */
const CPU_NAMES = new Map([
  [6, 'm68k'], [CPU_TYPE_X86, 'i386'], [11, 'hppa'], [CPU_TYPE_ARM, 'arm'], [13, 'm88k'], [14, 'sparc'], [15, 'i860'], [CPU_TYPE_POWERPC, 'ppc'],
  [CPU_TYPE_X86 | CPU_ARCH_ABI64, 'x86_64'], [CPU_TYPE_ARM | CPU_ARCH_ABI64, 'arm64'], [CPU_TYPE_ARM | CPU_ARCH_ABI64_32, 'arm64_32'],
  [CPU_TYPE_POWERPC | CPU_ARCH_ABI64, 'ppc64'],
])
/** Subtypes that name an architecture of their own (machine.h CPU_SUBTYPE_X86_64_H, CPU_SUBTYPE_ARM64E). */
const SUBTYPE_NAMES = new Map([[`${CPU_TYPE_X86 | CPU_ARCH_ABI64}:8`, 'x86_64h'], [`${CPU_TYPE_ARM | CPU_ARCH_ABI64}:2`, 'arm64e']])

/** `x86_64`, `arm64`, `arm64e`, `i386`, `ppc`, `armv7`…; an unknown cputype as `cputype 0x…`. */
export function archName(cputype: number, cpusubtype: number): string {
  const subtype = (cpusubtype & ~CPU_SUBTYPE_MASK) >>> 0
  const special = SUBTYPE_NAMES.get(`${cputype}:${subtype}`)
  if (special) return special
  if (cputype === CPU_TYPE_ARM) return ARM_SUBTYPES.get(subtype) ?? 'arm'
  return CPU_NAMES.get(cputype) ?? `cputype 0x${(cputype >>> 0).toString(16)}`
}

export const FILETYPE_NAMES = new Map([
  [1, 'MH_OBJECT'], [2, 'MH_EXECUTE'], [3, 'MH_FVMLIB'], [4, 'MH_CORE'], [5, 'MH_PRELOAD'], [6, 'MH_DYLIB'], [7, 'MH_DYLINKER'],
  [8, 'MH_BUNDLE'], [9, 'MH_DYLIB_STUB'], [10, 'MH_DSYM'], [11, 'MH_KEXT_BUNDLE'], [12, 'MH_FILESET'], [13, 'MH_GPU_EXECUTE'], [14, 'MH_GPU_DYLIB'],
])

const HEADER_FLAGS: [number, string][] = [
  [0x1, 'MH_NOUNDEFS'], [0x2, 'MH_INCRLINK'], [0x4, 'MH_DYLDLINK'], [0x8, 'MH_BINDATLOAD'], [0x10, 'MH_PREBOUND'], [0x20, 'MH_SPLIT_SEGS'],
  [0x40, 'MH_LAZY_INIT'], [0x80, 'MH_TWOLEVEL'], [0x100, 'MH_FORCE_FLAT'], [0x200, 'MH_NOMULTIDEFS'], [0x400, 'MH_NOFIXPREBINDING'],
  [0x800, 'MH_PREBINDABLE'], [0x1000, 'MH_ALLMODSBOUND'], [0x2000, 'MH_SUBSECTIONS_VIA_SYMBOLS'], [0x4000, 'MH_CANONICAL'],
  [0x8000, 'MH_WEAK_DEFINES'], [0x10000, 'MH_BINDS_TO_WEAK'], [0x20000, 'MH_ALLOW_STACK_EXECUTION'], [0x40000, 'MH_ROOT_SAFE'],
  [0x80000, 'MH_SETUID_SAFE'], [0x100000, 'MH_NO_REEXPORTED_DYLIBS'], [0x200000, 'MH_PIE'], [0x400000, 'MH_DEAD_STRIPPABLE_DYLIB'],
  [0x800000, 'MH_HAS_TLV_DESCRIPTORS'], [0x1000000, 'MH_NO_HEAP_EXECUTION'], [0x2000000, 'MH_APP_EXTENSION_SAFE'],
  [0x4000000, 'MH_NLIST_OUTOFSYNC_WITH_DYLDINFO'], [0x8000000, 'MH_SIM_SUPPORT'], [0x80000000, 'MH_DYLIB_IN_CACHE'],
]

/** The MH_* names of the bits set in `flags`; a bit loader.h does not name as `0x…`. */
export function headerFlagNames(flags: number): string[] {
  const names: string[] = []
  let rest = flags >>> 0
  for (const [bit, name] of HEADER_FLAGS) {
    if (flags & bit) {
      names.push(name)
      rest = (rest & ~bit) >>> 0
    }
  }
  if (rest) names.push(`0x${rest.toString(16)}`)
  return names
}

/** loader.h: "the load command must be understood by dyld" bit, part of several command numbers. */
export const LC_REQ_DYLD = 0x80000000
/** `n | LC_REQ_DYLD` as an unsigned number (JavaScript's `|` gives a signed 32-bit one). */
const req = (cmd: number) => (cmd | LC_REQ_DYLD) >>> 0

export const LOAD_COMMAND_NAMES = new Map<number, string>([
  [0x1, 'LC_SEGMENT'], [0x2, 'LC_SYMTAB'], [0x3, 'LC_SYMSEG'], [0x4, 'LC_THREAD'], [0x5, 'LC_UNIXTHREAD'], [0x6, 'LC_LOADFVMLIB'],
  [0x7, 'LC_IDFVMLIB'], [0x8, 'LC_IDENT'], [0x9, 'LC_FVMFILE'], [0xa, 'LC_PREPAGE'], [0xb, 'LC_DYSYMTAB'], [0xc, 'LC_LOAD_DYLIB'],
  [0xd, 'LC_ID_DYLIB'], [0xe, 'LC_LOAD_DYLINKER'], [0xf, 'LC_ID_DYLINKER'], [0x10, 'LC_PREBOUND_DYLIB'], [0x11, 'LC_ROUTINES'],
  [0x12, 'LC_SUB_FRAMEWORK'], [0x13, 'LC_SUB_UMBRELLA'], [0x14, 'LC_SUB_CLIENT'], [0x15, 'LC_SUB_LIBRARY'], [0x16, 'LC_TWOLEVEL_HINTS'],
  [0x17, 'LC_PREBIND_CKSUM'], [req(0x18), 'LC_LOAD_WEAK_DYLIB'], [0x19, 'LC_SEGMENT_64'], [0x1a, 'LC_ROUTINES_64'],
  [0x1b, 'LC_UUID'], [req(0x1c), 'LC_RPATH'], [0x1d, 'LC_CODE_SIGNATURE'], [0x1e, 'LC_SEGMENT_SPLIT_INFO'],
  [req(0x1f), 'LC_REEXPORT_DYLIB'], [0x20, 'LC_LAZY_LOAD_DYLIB'], [0x21, 'LC_ENCRYPTION_INFO'], [0x22, 'LC_DYLD_INFO'],
  [req(0x22), 'LC_DYLD_INFO_ONLY'], [req(0x23), 'LC_LOAD_UPWARD_DYLIB'], [0x24, 'LC_VERSION_MIN_MACOSX'],
  [0x25, 'LC_VERSION_MIN_IPHONEOS'], [0x26, 'LC_FUNCTION_STARTS'], [0x27, 'LC_DYLD_ENVIRONMENT'], [req(0x28), 'LC_MAIN'],
  [0x29, 'LC_DATA_IN_CODE'], [0x2a, 'LC_SOURCE_VERSION'], [0x2b, 'LC_DYLIB_CODE_SIGN_DRS'], [0x2c, 'LC_ENCRYPTION_INFO_64'],
  [0x2d, 'LC_LINKER_OPTION'], [0x2e, 'LC_LINKER_OPTIMIZATION_HINT'], [0x2f, 'LC_VERSION_MIN_TVOS'], [0x30, 'LC_VERSION_MIN_WATCHOS'],
  [0x31, 'LC_NOTE'], [0x32, 'LC_BUILD_VERSION'], [req(0x33), 'LC_DYLD_EXPORTS_TRIE'],
  [req(0x34), 'LC_DYLD_CHAINED_FIXUPS'], [req(0x35), 'LC_FILESET_ENTRY'], [0x36, 'LC_ATOM_INFO'],
])

/** A load command's name, or `cmd 0x…` for one loader.h does not define. */
export function loadCommandName(cmd: number): string {
  return LOAD_COMMAND_NAMES.get(cmd >>> 0) ?? `cmd 0x${(cmd >>> 0).toString(16)}`
}

/** loader.h: `flags & SECTION_TYPE` is one of these; the rest of `flags` are attributes. */
export const SECTION_TYPE = 0xff
export const SECTION_TYPE_NAMES = [
  'S_REGULAR', 'S_ZEROFILL', 'S_CSTRING_LITERALS', 'S_4BYTE_LITERALS', 'S_8BYTE_LITERALS', 'S_LITERAL_POINTERS',
  'S_NON_LAZY_SYMBOL_POINTERS', 'S_LAZY_SYMBOL_POINTERS', 'S_SYMBOL_STUBS', 'S_MOD_INIT_FUNC_POINTERS', 'S_MOD_TERM_FUNC_POINTERS',
  'S_COALESCED', 'S_GB_ZEROFILL', 'S_INTERPOSING', 'S_16BYTE_LITERALS', 'S_DTRACE_DOF', 'S_LAZY_DYLIB_SYMBOL_POINTERS',
  'S_THREAD_LOCAL_REGULAR', 'S_THREAD_LOCAL_ZEROFILL', 'S_THREAD_LOCAL_VARIABLES', 'S_THREAD_LOCAL_VARIABLE_POINTERS',
  'S_THREAD_LOCAL_INIT_FUNCTION_POINTERS', 'S_INIT_FUNC_OFFSETS',
]
/** Section types that occupy no bytes in the file (loader.h: "zero fill on demand section"). */
export const ZEROFILL_TYPES = new Set([0x1, 0xc, 0x12])

export function sectionTypeName(flags: number): string {
  const type = flags & SECTION_TYPE
  return SECTION_TYPE_NAMES[type] ?? `0x${type.toString(16)}`
}
