/**
 * Evidence for the explanation rules, gathered per side by whoever holds that side's file: the bytes of
 * differing members are re-read once, summarised (line endings, printable strings, .pyc header, deflate
 * level, the structure of a binary: ELF, …), and dropped. Bounded: at most MAX_MEMBERS members and MAX_BYTES bytes per side.
 */
import { matchingDeflateLevels } from '../archive/deflate-levels'
import { readerFor } from '../archive/readers'
import { readZipMemberStored } from '../archive/zip'
import { isBinaryError, parseBinary } from '../binary/registry'
import { binaryStrings, evidenceLists, MAX_MEMBER_STRING_BYTES, MEMBER_BUDGET_WORDS, type SectionStringsEvidence } from '../binary/section-strings'
import type { BinaryStructure } from '../binary/types'
import type { ArtifactReading, MemberComparison, MemberEvidence, Report, Side, SideEvidence } from '../types'
import { readU32, toHex, type Bytes } from '../util/bytes'
import { BlobReader } from '../util/blob-reader'
import { DEFAULT_KERNELS, type Kernels } from '../kernels'
import { decodeText } from '../util/text'

export type EvidenceKind = 'text' | 'strings' | 'pyc' | 'deflate' | 'binary'
export interface EvidenceRequest {
  index: number
  kinds: EvidenceKind[]
}

const MAX_MEMBERS = 400
const MAX_BYTES = 64 * 1024 * 1024
const MAX_DEFLATE_MEMBERS = 24
const MAX_DEFLATE_SIZE = 1024 * 1024
const MAX_STRINGS = 20_000
/** Section strings kept per side, across its binaries (each binary at most MAX_MEMBER_STRING_BYTES). */
export const MAX_SECTION_STRINGS_BYTES = 8 * 1024 * 1024
/** Compiled extensions and shared libraries whose strings can carry build paths (formats.md C.12). */
export const BINARY_EXTENSION = /\.(so(\.\d+)*|pyd|dylib|dll)$/i

function kindsFor(member: MemberComparison): EvidenceKind[] {
  if (member.status === 'metadata' && (member.changed.includes('compression') || member.changed.includes('compressedSize'))) return ['deflate']
  if (member.status !== 'modified' || member.type !== 'file' || !member.left || !member.right) return []
  // 'binary': whatever the name, bytes that carry a binary format's signature are parsed (core/binary/registry.ts).
  if (/\.pyc$/i.test(member.path)) return ['pyc', 'strings', 'binary']
  if (BINARY_EXTENSION.test(member.path)) return ['strings', 'binary']
  return ['text', 'binary']
}

/** Whether the rules can need evidence for this member at all (the CLI posts its workers only those). */
export function needsEvidence(member: MemberComparison): boolean {
  return kindsFor(member).length > 0
}

/** Which members of `side` the rules need evidence for, derived from the report alone. */
export function evidenceRequests(report: Report, side: Side): EvidenceRequest[] {
  const requests: EvidenceRequest[] = []
  let deflateCount = 0
  for (const member of report.members) {
    const own = member[side]
    const kinds = kindsFor(member)
    // Members inside nested archives are skipped: their index is their container's, not this artefact's.
    if (!own || kinds.length === 0 || own.size > MAX_BYTES || member.container !== undefined) continue
    if (kinds.includes('deflate') && (++deflateCount > MAX_DEFLATE_MEMBERS || own.size > MAX_DEFLATE_SIZE)) continue
    requests.push({ index: own.index, kinds })
    if (requests.length >= MAX_MEMBERS) break
  }
  return requests
}

export function printableStrings(bytes: Uint8Array, minimum = 6): string[] {
  const found = new Set<string>()
  let start = -1
  for (let i = 0; i <= bytes.length && found.size < MAX_STRINGS; i++) {
    const byte = i < bytes.length ? bytes[i] : 0
    const printable = (byte >= 0x20 && byte < 0x7f) || byte === 0x09
    if (printable && start < 0) start = i
    if (!printable && start >= 0) {
      if (i - start >= minimum) found.add(String.fromCharCode(...bytes.subarray(start, Math.min(i, start + 300))))
      start = -1
    }
  }
  return [...found]
}

/**
 * A binary's section strings within what is left of the side's budget; once it is spent, every section with
 * bytes is listed as truncated (never an empty list that reads as "no strings").
 */
function sectionStringsWithin(bytes: Bytes, structure: BinaryStructure, budget: { bytes: number; total: number }): SectionStringsEvidence {
  const sideCapFirst = budget.bytes < MAX_MEMBER_STRING_BYTES
  const evidence = binaryStrings(bytes, structure, Math.max(0, budget.bytes))
  for (const list of evidenceLists(evidence)) if (list) for (const s of list) budget.bytes -= s.length + 1
  const sideWords = `the section strings of one side are kept up to ${budget.total.toLocaleString('en')} bytes, most of them spent on the binaries read before this one`
  for (const part of [evidence, ...(evidence.slices ?? [])]) {
    if (sideCapFirst && part.limit?.startsWith(MEMBER_BUDGET_WORDS)) part.limit = sideWords
  }
  return evidence
}

/** fat.h: FAT_MAGIC_64's entries are fat_arch_64 (32 bytes), FAT_MAGIC's fat_arch (20 bytes). */
const FAT_MAGIC_64 = 0xcafebabf

/**
 * A universal Mach-O: whether every byte outside the fat header's table and the slices is zero (ld64 and lipo
 * pad slices to their alignment with zeros). The table is read field by field into the header, the slices are
 * hashed as `(slice <arch>)`, so this is all that is left of the file.
 */
export function fatPaddingZero(bytes: Bytes, structure: BinaryStructure): boolean {
  const field = (name: string) => structure.header.find((h) => h.field === name)?.value
  const magic = field('magic')
  const count = field('nfat_arch')
  if (typeof magic !== 'number' || typeof count !== 'number') return false
  const covered: [number, number][] = [[0, 8 + count * (magic === FAT_MAGIC_64 ? 32 : 20)]]
  for (const section of structure.sections) if (section.fileRange) covered.push([section.fileRange.offset, section.fileRange.offset + section.fileRange.size])
  covered.sort((a, b) => a[0] - b[0])
  let at = 0
  for (const [start, end] of covered) {
    for (let i = at; i < Math.min(start, bytes.length); i++) if (bytes[i] !== 0) return false
    at = Math.max(at, end)
  }
  for (let i = at; i < bytes.length; i++) if (bytes[i] !== 0) return false
  return true
}

async function textEvidence(bytes: Bytes, kernels: Kernels): Promise<MemberEvidence['text']> {
  const text = decodeText(bytes)
  if (text === null) return undefined
  const crlf = text.match(/\r\n/g)?.length ?? 0
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf
  // TextDecoder drops a leading BOM, so the bytes say whether there was one.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')
  return { crlf, lf, bom, normalizedSha256: await kernels.sha256(new TextEncoder().encode(normalized)) }
}

/** PEP 552 header: magic (4), flags (4), then source mtime + size, or a source hash (8). */
async function pycEvidence(bytes: Bytes, kernels: Kernels): Promise<MemberEvidence['pyc']> {
  if (bytes.length < 16) return undefined
  return { magic: toHex(bytes.subarray(0, 4)), flags: readU32(bytes, 4), sourceField: toHex(bytes.subarray(8, 16)), bodySha256: await kernels.sha256(bytes.subarray(16)) }
}

/** `stringsBudget`: bytes of section strings kept for this side, across its binaries (MAX_SECTION_STRINGS_BYTES). */
export async function collectEvidence(source: { blob: Blob }, reading: ArtifactReading, requests: EvidenceRequest[], stringsBudget = MAX_SECTION_STRINGS_BYTES, kernels: Kernels = DEFAULT_KERNELS): Promise<SideEvidence> {
  const evidence: SideEvidence = {}
  const wanted = new Map(requests.map((request) => [request.index, request.kinds]))
  const members = requests.map((request) => reading.members[request.index]).filter((member) => member && !member.error)
  if (members.length === 0 || !reading.format) return evidence
  const zipReader = reading.format === 'zip' ? new BlobReader(source.blob) : null
  const budget = { bytes: stringsBudget, total: stringsBudget }
  await readerFor(reading.format).readMembersBytes(source.blob, members, reading.format, async (member, bytes) => {
    const kinds = wanted.get(member.index) ?? []
    const found: MemberEvidence = {}
    if (kinds.includes('text')) found.text = await textEvidence(bytes, kernels)
    if (kinds.includes('strings')) found.strings = printableStrings(bytes)
    if (kinds.includes('pyc')) found.pyc = await pycEvidence(bytes, kernels)
    if (kinds.includes('binary')) {
      const binary = parseBinary(bytes, member.path)
      if (binary) found.binary = binary
      if (binary && !isBinaryError(binary)) found.sectionStrings = sectionStringsWithin(bytes, binary, budget)
      if (binary && !isBinaryError(binary) && binary.slices) found.fatPaddingZero = fatPaddingZero(bytes, binary)
    }
    if (kinds.includes('deflate') && zipReader) {
      found.deflateLevels = member.meta.compression === 'deflate' ? await matchingDeflateLevels(bytes, await readZipMemberStored(zipReader, member)) : null
    }
    evidence[member.index] = found
  }, kernels)
  return evidence
}
