/**
 * The header fields and facts of a compared binary (`members[].binary`), for the account in binary-sections.ts:
 * build-path shapes, embedded times (PE TimeDateStamp and debug directory, Mach-O LC_ID_DYLIB timestamp), hashes
 * of the output (ELF build-id, Mach-O LC_UUID, PE CheckSum), positions that follow from a grown section, and
 * everything else left unexplained.
 */
import type { BinaryComparison } from '../binary/types'
import type { BinaryAccount, PathStrings } from './binary-sections'

/** Path shapes of temporary or per-user build directories. */
export const BUILD_PATH = /(^|[^\w.])(\/tmp\/|\/var\/tmp\/|\/private\/var\/folders\/|\/var\/folders\/|\/home\/[^/\s]+\/|\/Users\/[^/\s]+\/|\/build\/|\/__w\/|\/root\/|[A-Za-z]:[\\/]|pip-build-env-|pip-req-build-|\.mesonpy-|\.tmp[A-Za-z0-9_]{6})/

const BUILD_ID_FACT = 'NT_GNU_BUILD_ID'
/** .pyc facts that follow from co_filename (the marshal hash covers it). */
const PYC_PATH_FACTS = new Set(['co_filename', 'marshal_sha256'])
/** ELF header fields that say where the section table lies; they move when a section before it grows. */
const POSITION_HEADER_FIELDS = new Set(['e_shoff'])
const OUTSIDE_SECTIONS_FACT = '(bytes outside sections)'
/** Fact names the PE and Mach-O readers give (core/binary/pe*.ts, macho*.ts). */
const PE_DEBUG_DIRECTORY = 'debug directory'
const PE_PDB_PATH = 'CodeView PDB'
const MACHO_DYLIB_TIMESTAMP = 'LC_ID_DYLIB timestamp'

export function factDiffers(binary: BinaryComparison, field: string): boolean {
  const fact = binary.facts.find((f) => f.field === field)
  return Boolean(fact) && JSON.stringify(fact!.left) !== JSON.stringify(fact!.right)
}

export const asList = (value: string | string[] | null | undefined) => (value == null ? [] : typeof value === 'string' ? [value] : value)

/** Epoch seconds shown as UTC ISO 8601 too (a PE TimeDateStamp, a Mach-O dylib timestamp). */
export function epochWords(value: string | number | null): string {
  const seconds = typeof value === 'number' ? value : value !== null && /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 8.64e12) return String(value)
  return `${seconds} (${new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')})`
}

/** A PE debug directory entry with its TimeDateStamp also as UTC ISO ("TimeDateStamp 0x… (2026-…Z)"). */
const withIsoStamp = (entry: string) => entry.replace(/TimeDateStamp 0x([0-9a-f]+)/gi, (all, hex: string) => `${all} (${epochWords(parseInt(hex, 16)).replace(/^\d+ \(|\)$/g, '')})`)
const DEBUG_STAMP = /TimeDateStamp 0x[0-9a-f]+/gi

/**
 * Causes outside the sections. A PE's CodeView PDB path that is a build path on both sides (build-path).
 * PE/COFF (Microsoft PE format): the COFF header's TimeDateStamp and the debug directory's are link times,
 * unless the image is reproducible (`/Brepro`: a IMAGE_DEBUG_TYPE_REPRO entry), when they are a hash of it.
 * Mach-O (<mach-o/loader.h> struct dylib): LC_ID_DYLIB's timestamp is the link time.
 */
export function accountHeaderCauses(account: BinaryAccount, paths: PathStrings | null): void {
  const { binary } = account
  const pdb = binary.format === 'pe' ? binary.facts.find((f) => f.field === PE_PDB_PATH) : undefined
  if (pdb && factDiffers(binary, PE_PDB_PATH) && isPathPair(pdb.left, pdb.right, paths)) {
    account.pathSections.push({ name: PE_PDB_PATH, left: String(pdb.left).length, right: String(pdb.right).length, occurrences: null, afterReplacement: null })
  }
  if (binary.format === 'pe') {
    const reproducible = binary.facts.find((f) => f.field === 'Reproducible')
    const hashed = reproducible?.left === 'yes' && reproducible.right === 'yes'
    if (hashed || factDiffers(binary, 'Reproducible')) return
    const stamp = binary.header.find((h) => h.field === 'TimeDateStamp' && h.left !== h.right)
    if (stamp) account.timestamps.push({ name: 'TimeDateStamp', kind: 'header', left: epochWords(stamp.left), right: epochWords(stamp.right) })
    const debug = binary.facts.find((f) => f.field === PE_DEBUG_DIRECTORY)
    if (debug && factDiffers(binary, PE_DEBUG_DIRECTORY) && onlyStampsDiffer(debug.left, debug.right)) {
      account.timestamps.push({ name: PE_DEBUG_DIRECTORY, kind: 'fact', left: asList(debug.left).map(withIsoStamp).join('; '), right: asList(debug.right).map(withIsoStamp).join('; ') })
    }
  }
  const dylib = binary.format === 'macho' ? binary.facts.find((f) => f.field === MACHO_DYLIB_TIMESTAMP) : undefined
  if (dylib && factDiffers(binary, MACHO_DYLIB_TIMESTAMP) && typeof dylib.left === 'string' && typeof dylib.right === 'string') {
    account.timestamps.push({ name: MACHO_DYLIB_TIMESTAMP, kind: 'fact', left: epochWords(dylib.left), right: epochWords(dylib.right) })
  }
}

function onlyStampsDiffer(left: string | string[] | null, right: string | string[] | null): boolean {
  const mask = (value: string | string[] | null) => JSON.stringify(asList(value).map((entry) => entry.replace(DEBUG_STAMP, 'TimeDateStamp')))
  return mask(left) === mask(right)
}

/** Why a differing field or fact is no difference of its own, or null: it is accounted for elsewhere, derived, or unexplained. */
function hashReason(account: BinaryAccount, field: string): string | null {
  const { format } = account.binary
  if (format === 'elf' && field === BUILD_ID_FACT) return 'the build-id hashes the rest of the output'
  if (format === 'macho' && field === 'LC_UUID') return 'ld64 derives the UUID from a hash of the output'
  if (format === 'pe' && field === 'CheckSum') return 'the image checksum sums the whole file'
  const reproducible = account.binary.facts.find((f) => f.field === 'Reproducible')
  if (format === 'pe' && reproducible?.left === 'yes' && reproducible.right === 'yes' && (field === 'TimeDateStamp' || field === PE_DEBUG_DIRECTORY)) {
    return 'with /Brepro the linker writes a hash of the image here, not a time'
  }
  return null
}

/** Header fields and facts: times, hashes of the output, positions that follow from a grown section, and the rest unexplained. */
export function accountHeaderAndFacts(account: BinaryAccount, grew: boolean, explainedOther: boolean): void {
  const { binary } = account
  const timed = new Set(account.timestamps.filter((t) => t.kind !== 'section').map((t) => t.name))
  const derive = (name: string, kind: 'header' | 'fact'): boolean => {
    const reason = hashReason(account, name)
    if (!reason || !explainedOther) return false
    // The ELF build-id is shown as its note section already.
    if (name !== BUILD_ID_FACT) account.derived.push({ name, reason, kind })
    return true
  }
  for (const h of binary.header) {
    if (h.left === h.right || timed.has(h.field) || derive(h.field, 'header')) continue
    if (binary.format === 'elf' && POSITION_HEADER_FIELDS.has(h.field) && grew) account.derived.push({ name: h.field, reason: 'the section table moved because a section before it grew', kind: 'header' })
    else account.unexplained.push(h.field)
  }
  for (const f of binary.facts) {
    if (!factDiffers(binary, f.field) || f.field === '.comment' || timed.has(f.field) || derive(f.field, 'fact')) continue
    if (binary.format === 'elf' && f.field === OUTSIDE_SECTIONS_FACT && grew) {
      account.derived.push({ name: f.field, reason: 'the ELF header and the alignment padding shift when a section grows (not compared byte by byte)', kind: 'fact' })
    } else if (!account.pathSections.some((p) => p.name === f.field)) account.unexplained.push(f.field)
  }
  if (binary.symbols && ((binary.symbols.addedCount ?? binary.symbols.added.length) > 0 || (binary.symbols.removedCount ?? binary.symbols.removed.length) > 0)) account.unexplained.push('symbols')
}

/** A PDB path (CodeView RSDS) that is a build path on both sides, while the member's strings differ by build paths. */
function isPathPair(left: string | string[] | null, right: string | string[] | null, paths: PathStrings | null): boolean {
  return Boolean(paths && paths.left.length && paths.right.length) && typeof left === 'string' && typeof right === 'string' && BUILD_PATH.test(left) && BUILD_PATH.test(right)
}

export const emptyAccount = (binary: BinaryComparison): BinaryAccount => ({ binary, pathSections: [], comment: null, derived: [], moved: [], unexplained: [], timestamps: [], stringMismatches: [] })

/** A .pyc: every code object identical and only co_filename (and the marshal hash it feeds) differ. */
export function accountPyc(binary: BinaryComparison, paths: PathStrings | null): BinaryAccount {
  const account = emptyAccount(binary)
  const hasPaths = Boolean(paths && paths.left.length && paths.right.length)
  for (const section of binary.sections) if (section.status !== 'identical') account.unexplained.push(section.name)
  account.moved = binary.sections.filter((s) => s.status === 'identical' && s.changed?.length).map((s) => s.name)
  for (const f of binary.facts) {
    if (!factDiffers(binary, f.field)) continue
    if (hasPaths && PYC_PATH_FACTS.has(f.field)) continue
    account.unexplained.push(f.field)
  }
  if (hasPaths) account.pathSections.push({ name: 'co_filename', left: paths!.left[0].length, right: paths!.right[0].length, occurrences: null, afterReplacement: null })
  return account
}
