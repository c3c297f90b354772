/**
 * embedded-timestamp: build times in section strings (ELF built by build-elf.ts, compared end to end), and in
 * PE/COFF and Mach-O header fields and facts (plain BinaryComparison objects: their readers are written apart).
 */
import { describe, expect, it } from 'vitest'
import { accountBinary } from '../../../../src/core/analyze/binary-sections'
import { binaryDerivedRule } from '../../../../src/core/analyze/rules/binary-derived'
import { embeddedTimestampRule } from '../../../../src/core/analyze/rules/embedded-timestamp'
import type { BinaryComparison } from '../../../../src/core/binary/types'
import { compareArtifacts, type Report } from '../../../../src/core/index'
import { buildElf, note, SHT, stringTable } from '../../binary/build-elf'
import { writeZip } from '../../../e2e/zip-writer'
import { bytesSource } from '../../../fixture-files'
import { context, findingsOf, modified, report } from '../report-builder'

const SO = 'pkg/_speedups.cpython-311-x86_64-linux-gnu.so'

/** A library whose `.rodata` (SHF_ALLOC | SHF_MERGE | SHF_STRINGS) holds `strings`; the build-id differs per side. */
function library(strings: string[], buildId: number): Uint8Array {
  return buildElf({
    is64: true, little: true,
    sections: [
      { name: '.note.gnu.build-id', type: SHT.NOTE, flags: 2, align: 4, data: note('GNU', 3, new Uint8Array(20).fill(buildId), true) },
      { name: '.text', type: SHT.PROGBITS, flags: 6, data: new Uint8Array([0x55, 0x48, 0x89, 0xe5, 0xc3]) },
      { name: '.rodata', type: SHT.PROGBITS, flags: 0x32, entsize: 1, data: stringTable(strings).bytes },
    ],
  })
}

async function compare(left: Uint8Array, right: Uint8Array): Promise<Report> {
  const zip = (bytes: Uint8Array, name: string) => bytesSource(name, new Uint8Array(writeZip([{ name: SO, data: bytes }])))
  return compareArtifacts(zip(left, 'left.zip'), zip(right, 'right.zip'))
}

function explain(binary: BinaryComparison, path = 'pkg/_speedups.cp311-win_amd64.pyd') {
  const m = modified(path)
  m.binary = binary
  const r = report([m])
  const findings = embeddedTimestampRule.explain(context(r))
  return { findings, derived: binaryDerivedRule.explain(context(r, undefined, findings)) }
}

const header = (rows: [string, number, number][]) => rows.map(([field, left, right]) => ({ field, left, right }))
const same = (field: string, value: string) => ({ field, left: value, right: value })
const text = (name: string) => ({ name, status: 'identical' as const, left: { size: 512, sha256: 'a'.repeat(64) }, right: { size: 512, sha256: 'a'.repeat(64) } })
const pe = (rows: [string, number, number][], facts: BinaryComparison['facts'] = []): BinaryComparison => ({ format: 'pe', header: header(rows), sections: [text('.text')], facts })
const macho = (facts: BinaryComparison['facts']): BinaryComparison => ({ format: 'macho', header: header([['ncmds', 14, 14]]), sections: [text('__TEXT,__text')], facts })

describe('embedded-timestamp rule', () => {
  it('names __DATE__ and __TIME__ strings that differ in .rodata, explains the member, and derives the build-id', async () => {
    const r = await compare(library(['pkg 1.0', 'Dec  1 2026', '09:24:31'], 1), library(['pkg 1.0', 'Dec  2 2026', '10:00:05'], 2))
    const [f] = findingsOf(r, 'embedded-timestamp').filter((x) => !x.derived)
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe(`1 binary embeds the build time (${SO}): .rodata "Dec  1 2026" on the left, "Dec  2 2026" on the right; .rodata "09:24:31" on the left, "10:00:05" on the right`)
    expect((f.evidence as { members: { timestamps: unknown[] }[] }).members[0].timestamps).toEqual([
      { name: '.rodata', kind: 'section', left: 'Dec  1 2026', right: 'Dec  2 2026' },
      { name: '.rodata', kind: 'section', left: '09:24:31', right: '10:00:05' },
    ])
    expect(f.remedy).toMatch(/SOURCE_DATE_EPOCH.*--no-insert-timestamp.*\/Brepro/)
    expect(findingsOf(r, 'embedded-timestamp').find((x) => x.derived)?.title).toMatch(/\.note\.gnu\.build-id differs only because of the embedded-timestamp difference/)
    expect(findingsOf(r, 'content')).toEqual([])
  })

  it('leaves a member whose strings differ in more than the time with the content rule', async () => {
    const r = await compare(library(['pkg 1.0', 'Dec  1 2026'], 1), library(['pkg 1.1', 'Dec  2 2026'], 2))
    const [f] = findingsOf(r, 'embedded-timestamp')
    expect(f?.fields ?? []).toEqual([])
    expect(findingsOf(r, 'content')[0]?.members).toEqual([SO])
  })

  it('a PE TimeDateStamp that differs, as UTC ISO, with the CheckSum derived', () => {
    const { findings, derived } = explain(pe([['TimeDateStamp', 1764581071, 1764584671], ['CheckSum', 0x1a2b3, 0x1a2c4]]))
    expect(findings).toHaveLength(1)
    expect(findings[0].fields).toEqual(['content'])
    expect(findings[0].title).toMatch(/TimeDateStamp 1764581071 \(2025-12-01T09:24:31Z\) on the left, 1764584671 \(2025-12-01T10:24:31Z\) on the right$/)
    expect(derived[0]?.title).toMatch(/CheckSum differs only because of the embedded-timestamp difference \(the image checksum sums the whole file\)/)
  })

  it('debug directory entries that differ only in their TimeDateStamp', () => {
    const entry = (stamp: string) => [`type 2 (CODEVIEW) TimeDateStamp 0x${stamp} size 80`]
    const { findings } = explain(pe([['TimeDateStamp', 1, 2]], [{ field: 'debug directory', left: entry('692d5ecf'), right: entry('692d6cdf') }]))
    expect(findings[0].fields).toEqual(['content'])
    expect(findings[0].title).toContain('debug directory type 2 (CODEVIEW) TimeDateStamp 0x692d5ecf (2025-12-01T09:24:31Z) size 80 on the left')
  })

  it('a reproducible PE (/Brepro): TimeDateStamp is a hash, no time, derived when something else explains the image', () => {
    const reproducible = same('Reproducible', 'yes')
    expect(explain(pe([['TimeDateStamp', 0x1234, 0x5678]], [reproducible])).findings).toEqual([])
    const alone = accountBinary(pe([['TimeDateStamp', 0x1234, 0x5678]], [reproducible]), null)
    expect(alone?.unexplained).toEqual(['TimeDateStamp'])
    const pdb = { field: 'CodeView PDB', left: 'D:\\a\\one\\build\\x.pdb', right: 'D:\\a\\two\\build\\x.pdb' }
    const withPath = accountBinary(pe([['TimeDateStamp', 0x1234, 0x5678]], [reproducible, pdb]), { left: ['D:\\a\\one\\build\\x.c'], right: ['D:\\a\\two\\build\\x.c'] })
    expect(withPath?.unexplained).toEqual([])
    expect(withPath?.derived).toEqual([{ name: 'TimeDateStamp', kind: 'header', reason: 'with /Brepro the linker writes a hash of the image here, not a time' }])
  })

  it('a Mach-O LC_ID_DYLIB timestamp that differs, with LC_UUID derived like the GNU build-id', () => {
    const { findings, derived } = explain(macho([
      { field: 'LC_ID_DYLIB timestamp', left: '1764581071', right: '2' },
      { field: 'LC_UUID', left: '0B2E…', right: '9C41…' },
      same('LC_ID_DYLIB', '@rpath/libdemo.dylib'),
    ]), 'pkg/libdemo.dylib')
    expect(findings[0].title).toMatch(/LC_ID_DYLIB timestamp 1764581071 \(2025-12-01T09:24:31Z\) on the left, 2 \(1970-01-01T00:00:02Z\) on the right$/)
    expect(findings[0].fields).toEqual(['content'])
    expect(derived[0]?.title).toMatch(/LC_UUID differs only because of the embedded-timestamp difference \(ld64 derives the UUID from a hash of the output\)/)
  })

  it('leaves a Mach-O LC_UUID alone unexplained: nothing else explains the output it hashes', () => {
    expect(accountBinary(macho([{ field: 'LC_UUID', left: 'A', right: 'B' }]), null)?.unexplained).toEqual(['LC_UUID'])
    expect(explain(macho([{ field: 'LC_UUID', left: 'A', right: 'B' }])).findings).toEqual([])
  })
})
