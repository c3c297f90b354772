/**
 * build-path with section strings (issue 8, "Explain, don't just show"): whether, after replacing one build
 * directory by the other, the section holding the paths holds the same strings (in order, in another order) or
 * other strings differ too; ELF files built byte by byte (build-elf.ts), zipped, compared end to end.
 */
import { describe, expect, it } from 'vitest'
import { accountBinary } from '../../../../src/core/analyze/binary-sections'
import { compareArtifacts, type Finding, type Report } from '../../../../src/core/index'
import { buildElf, note, SHT, stringTable } from '../../binary/build-elf'
import { writeZip } from '../../../e2e/zip-writer'
import { bytesSource } from '../../../fixture-files'
import { findingsOf } from '../report-builder'

const SO = 'pkg/_speedups.cpython-311-x86_64-linux-gnu.so'
const LEFT_DIR = '/tmp/build-a/pkg-1.0'
const RIGHT_DIR = '/tmp/build-path-b/workspace/pkg-1.0'

/** A library whose `.debug_line_str` (SHF_MERGE | SHF_STRINGS) holds `strings`; the build-id differs per side. */
function library(strings: string[], buildId: number, extra: { name: string; data: Uint8Array; flags?: number }[] = []): Uint8Array {
  return buildElf({
    is64: true, little: true,
    sections: [
      { name: '.note.gnu.build-id', type: SHT.NOTE, flags: 2, align: 4, data: note('GNU', 3, new Uint8Array(20).fill(buildId), true) },
      { name: '.text', type: SHT.PROGBITS, flags: 6, data: new Uint8Array([0x55, 0x48, 0x89, 0xe5, 0xc3]) },
      ...extra.map((e) => ({ name: e.name, type: SHT.PROGBITS, flags: e.flags ?? 2, data: e.data })),
      { name: '.debug_line_str', type: SHT.PROGBITS, flags: 0x30, entsize: 1, data: stringTable(strings).bytes },
    ],
  })
}

async function compare(left: Uint8Array, right: Uint8Array): Promise<Report> {
  const zip = (bytes: Uint8Array, name: string) => bytesSource(name, new Uint8Array(writeZip([{ name: SO, data: bytes }])))
  return compareArtifacts(zip(left, 'left.zip'), zip(right, 'right.zip'))
}

const direct = (r: Report): Finding => findingsOf(r, 'build-path').filter((f) => !f.derived)[0]
const sectionsOf = (f: Finding) => (f.evidence as { members: { sections: Record<string, unknown>[] }[] }).members[0].sections

describe('build-path with the strings of the section holding the paths', () => {
  it('the same strings in the same order after replacing the path: explained, the build-id derived', async () => {
    const r = await compare(library([LEFT_DIR, 'src/x.c', 'x.h'], 1), library([RIGHT_DIR, 'src/x.c', 'x.h'], 2))
    const f = direct(r)
    expect(f.fields).toEqual(['content'])
    expect(f.title).toMatch(/, in \.debug_line_str \(\d+ → \d+ bytes, 1 occurrence; after replacing the path, the same strings in the same order\)$/)
    expect(sectionsOf(f)).toEqual([expect.objectContaining({ name: '.debug_line_str', occurrences: 1, afterReplacement: 'identical', replaced: { from: '/tmp/build-a', to: '/tmp/build-path-b/workspace' } })])
    const derived = findingsOf(r, 'build-path').find((d) => d.derived && d.members.includes(SO))
    expect(derived?.title).toMatch(/\.note\.gnu\.build-id differs only because of the build-path difference/)
    expect(findingsOf(r, 'content')).toEqual([])
  })

  it('the same strings in another order: explained, and said so', async () => {
    const r = await compare(library([LEFT_DIR, 'src/x.c', 'x.h'], 1), library(['src/x.c', RIGHT_DIR, 'x.h'], 2))
    const f = direct(r)
    expect(f.fields).toEqual(['content'])
    expect(f.title).toMatch(/after replacing the path, the same strings in another order\)$/)
    expect(sectionsOf(f)[0]).toMatchObject({ afterReplacement: 'reordered' })
  })

  it('an extra string besides the path: not explained, the strings named, the content rule keeps the member', async () => {
    // 1 + 8 bytes more: without the strings, the size alone reads as 9 replacements of a 1-byte-longer path.
    const r = await compare(library(['/tmp/b1/src', 'x.h'], 1), library(['/tmp/b22/src', 'x.h', 'extra.h'], 2))
    const f = direct(r)
    expect(f.fields).toEqual([])
    expect(f.title).toMatch(/other differences not explained: .*\.debug_line_str \(holds the path, but other strings differ too: "extra\.h" on the right\)/)
    const [member] = (f.evidence as { members: { stringMismatches: unknown[]; unexplained: string[] }[] }).members
    expect(member.stringMismatches).toEqual([{ name: '.debug_line_str', replaced: { from: '/tmp/b1', to: '/tmp/b22' }, leftOnly: [], rightOnly: ['extra.h'] }])
    expect(member.unexplained).toContain('.debug_line_str')
    expect(findingsOf(r, 'content')[0]?.members).toEqual([SO])
    // What the size argument alone (no section strings) would have claimed: the reason the strings are compared.
    const so = r.members.find((m) => m.path === SO)!
    expect(accountBinary(so.binary, { left: ['/tmp/b1/src'], right: ['/tmp/b22/src'] }, null)?.pathSections).toEqual([expect.objectContaining({ name: '.debug_line_str', occurrences: 9 })])
  })

  it('does not claim .data for its strings alone: its other bytes (pointers) are not in its printable runs', async () => {
    const data = (dir: string) => [{ name: '.data', data: new TextEncoder().encode(`${dir}/src\0\x01\x02\x03\x04`), flags: 3 }]
    const r = await compare(library(['x.h'], 1, data('/tmp/a')), library(['x.h'], 2, data('/tmp/abc')))
    const f = direct(r)
    expect(f.fields).toEqual([])
    expect(f.title).toMatch(/other differences not explained: .*\.data/)
  })

  it('does not claim a string section whose strings do not hold the path, whatever its size says', async () => {
    // .rodata grows by 2 bytes, one replacement of /tmp/a → /tmp/abc by size; its strings show another change.
    const rodata = (text: string) => [{ name: '.rodata', data: new TextEncoder().encode(`${text}\0`), flags: 0x32 }]
    const r = await compare(library(['/tmp/a/src'], 1, rodata('version 1')), library(['/tmp/abc/src'], 2, rodata('version 1.1')))
    const f = direct(r)
    expect(f.fields).toEqual([])
    expect(f.title).toMatch(/not explained by it: .*\.rodata/)
  })
})
