/**
 * A universal (fat) Mach-O accounted for (`<mach-o/fat.h>`; issue 8, "Binaries": macOS `universal2` wheels carry
 * x86_64 + arm64 slices): each slice that differs is accounted for as a thin file, through the same code, and the
 * accounts are merged into one whose names say the slice (`arm64: __TEXT,__cstring`). The top level follows from
 * its slices: a `(slice <arch>)` pseudo-section is derived when its slice is fully explained; a fat_arch offset
 * when a slice before it grew, a fat_arch size when its own slice did; the zero padding between slices when a
 * slice grew or moved. Everything else of the top level (a slice on one side only, another architecture or
 * alignment) is unexplained.
 */
import { sectionKeys } from '../binary/compare-binary'
import { stringsByKey, type SectionStringsEvidence } from '../binary/section-strings'
import type { BinaryComparison, BinaryStructure } from '../binary/types'
import type { MemberEvidence } from '../types'
import { emptyAccount } from './binary-facts'
import type { BinaryAccount, PathStrings, SectionStringPair } from './binary-sections'

/** The fact a fat slice that could not be parsed carries (core/binary/macho-fat.ts). */
const SLICE_ERROR_FACT = '(slice error)'
const OUTSIDE_SECTIONS_FACT = '(bytes outside sections)'
export const SLICE_EXPLAINED = 'the slice\'s bytes; explained inside it'
const FAT_ARCH_FIELD = /^fat_arch\[(\d+)\]\.(\w+)$/

type ThinAccount = (binary: BinaryComparison, paths: PathStrings | null, strings: SectionStringPair | null) => BinaryAccount

/** The slice key (compare-binary's `arch`, `arch#2`) of a top-level `(slice <arch>)` section key (`(slice arch)#2`). */
export function sliceKeyOf(sectionName: string): string | null {
  const match = /^\(slice (.*)\)(#\d+)?$/.exec(sectionName)
  return match ? `${match[1]}${match[2] ?? ''}` : null
}

/** Each side's slices under compare-binary's keys (both sides' architectures reserved, as it computes them). */
function sliceKeys(left: BinaryStructure, right: BinaryStructure): { left: string[]; right: string[] } {
  const reserved = new Set([...(left.slices ?? []).map((s) => s.arch), ...(right.slices ?? []).map((s) => s.arch)])
  return { left: sectionKeys((left.slices ?? []).map((s) => s.arch), reserved), right: sectionKeys((right.slices ?? []).map((s) => s.arch), reserved) }
}

/** Both sides' section strings of every slice present on both sides, by slice key; null for a thin file. */
export function sliceStringPairs(left: MemberEvidence, right: MemberEvidence): Map<string, SectionStringPair> | null {
  const l = left.binary as BinaryStructure
  const r = right.binary as BinaryStructure
  if (!l.slices || !r.slices) return null
  const keys = sliceKeys(l, r)
  const rightIndex = new Map(keys.right.map((key, i) => [key, i]))
  const pairs = new Map<string, SectionStringPair>()
  keys.left.forEach((key, i) => {
    const j = rightIndex.get(key)
    const ls: SectionStringsEvidence | undefined = left.sectionStrings?.slices?.[i]
    const rs: SectionStringsEvidence | undefined = j === undefined ? undefined : right.sectionStrings?.slices?.[j]
    if (j === undefined || !ls || !rs) return
    pairs.set(key, stringsByKey({ structure: l.slices![i].structure, strings: ls }, { structure: r.slices![j].structure, strings: rs }))
  })
  return pairs
}

/** A slice's account merged into the member's, every name prefixed by the slice (`arm64: LC_UUID`). */
function merge(into: BinaryAccount, from: BinaryAccount, arch: string): void {
  const named = (name: string) => `${arch}: ${name}`
  for (const s of from.pathSections) into.pathSections.push({ ...s, name: named(s.name) })
  for (const d of from.derived) into.derived.push({ ...d, name: named(d.name), slice: arch })
  for (const t of from.timestamps) into.timestamps.push({ ...t, name: named(t.name) })
  for (const m of from.stringMismatches) into.stringMismatches.push({ ...m, name: named(m.name) })
  for (const name of from.moved) into.moved.push(named(name))
  for (const name of from.unexplained) into.unexplained.push(named(name))
  if (from.comment) {
    const comment = into.comment ?? { left: [], right: [] }
    for (const s of from.comment.left) if (!comment.left.includes(s)) comment.left.push(s)
    for (const s of from.comment.right) if (!comment.right.includes(s)) comment.right.push(s)
    into.comment = comment
  }
}

/** Fully explained: nothing unexplained, no slice that failed to parse, and something that explains its bytes. */
function isExplained(account: BinaryAccount, slice: BinaryComparison): boolean {
  const failed = slice.facts.some((f) => f.field === SLICE_ERROR_FACT && (f.left !== null || f.right !== null))
  const explains = account.pathSections.length + account.timestamps.length + account.derived.length > 0 || account.comment !== null
  return !failed && account.unexplained.length === 0 && explains
}

/** The differing slices accounted for one by one (a slice on one side only is not entered: its `(slice)` section says it). */
function accountSlices(account: BinaryAccount, paths: PathStrings | null, strings: SectionStringPair | null, thin: ThinAccount): Set<string> {
  const explained = new Set<string>()
  const status = new Map(account.binary.sections.map((s) => [sliceKeyOf(s.name), s.status]))
  for (const { arch, comparison } of account.binary.slices ?? []) {
    if (status.get(arch) !== 'modified') continue
    const inside = thin(comparison, paths, strings?.slices?.get(arch) ?? null)
    merge(account, inside, arch)
    if (comparison.facts.some((f) => f.field === SLICE_ERROR_FACT && f.left !== f.right)) account.unexplained.push(`${arch}: ${SLICE_ERROR_FACT}`)
    if (isExplained(inside, comparison)) explained.add(arch)
  }
  return explained
}

/** fat_arch[i] fields by index and name, for the offsets and sizes. */
function fatArchFields(binary: BinaryComparison): Map<number, Map<string, { left: unknown; right: unknown }>> {
  const byIndex = new Map<number, Map<string, { left: unknown; right: unknown }>>()
  for (const h of binary.header) {
    const match = FAT_ARCH_FIELD.exec(h.field)
    if (!match) continue
    const index = Number(match[1])
    if (!byIndex.has(index)) byIndex.set(index, new Map())
    byIndex.get(index)!.set(match[2], { left: h.left, right: h.right })
  }
  return byIndex
}

/** Why a differing fat header field follows from a slice that grew, or null (it is then unexplained). */
function headerReason(field: string, fields: ReturnType<typeof fatArchFields>): string | null {
  const match = FAT_ARCH_FIELD.exec(field)
  if (!match) return null
  const own = fields.get(Number(match[1]))!
  // The same architecture at this index on both sides, else the fields describe different slices.
  const same = (name: string) => own.get(name)?.left === own.get(name)?.right
  if (!same('cputype') || !same('cpusubtype') || !same('align')) return null
  if (match[2] === 'size') return 'the slice\'s own size: it grew, and is accounted for inside it'
  if (match[2] !== 'offset') return null
  const start = own.get('offset')!.left
  const grewBefore = [...fields.values()].some((other) => {
    const offset = other.get('offset')?.left
    const size = other.get('size')
    return typeof offset === 'number' && typeof start === 'number' && offset < start && size !== undefined && size.left !== size.right
  })
  return grewBefore ? 'the slice moved because a slice before it grew' : null
}

/** The top level: `(slice <arch>)` sections, fat header fields and facts. */
function accountTop(account: BinaryAccount, explained: Set<string>, strings: SectionStringPair | null): void {
  const { binary } = account
  for (const section of binary.sections) {
    const key = sliceKeyOf(section.name)
    if (section.status === 'identical') {
      if (section.changed?.length) account.moved.push(section.name)
    } else if (section.status === 'modified' && key !== null && explained.has(key)) {
      account.derived.push({ name: section.name, reason: SLICE_EXPLAINED, kind: 'section' })
    } else account.unexplained.push(section.name)
  }
  const fields = fatArchFields(binary)
  let shifted = false
  for (const h of binary.header) {
    if (h.left === h.right) continue
    const reason = headerReason(h.field, fields)
    if (reason) {
      shifted = true
      account.derived.push({ name: h.field, reason, kind: 'header' })
    } else account.unexplained.push(h.field)
  }
  for (const f of binary.facts) {
    if (JSON.stringify(f.left) === JSON.stringify(f.right)) continue
    if (f.field === OUTSIDE_SECTIONS_FACT && shifted && strings?.paddingZero) {
      account.derived.push({ name: f.field, reason: 'zero padding between the slices, whose length changes when a slice grows or moves', kind: 'fact' })
    } else account.unexplained.push(f.field)
  }
}

/** A universal binary's account: its slices' merged, then its top level's. */
export function accountFat(binary: BinaryComparison, paths: PathStrings | null, strings: SectionStringPair | null, thin: ThinAccount): BinaryAccount {
  const account = emptyAccount(binary)
  const explained = accountSlices(account, paths, strings, thin)
  accountTop(account, explained, strings)
  return account
}
