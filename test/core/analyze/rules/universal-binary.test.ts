/**
 * Causes for universal (fat) Mach-O binaries (issue 8, "Binaries", "Explain, don't just show"): a fat `.so` is
 * accounted for slice by slice, each slice as a thin file, and merged into one account whose names say the slice
 * (`arm64: __TEXT,__cstring`); the top level's `(slice <arch>)` sections and fat header fields follow from their
 * slices. Fat files built byte by byte (build-macho.ts), zipped, compared end to end.
 */
import { describe, expect, it } from 'vitest'
import { accountBinary } from '../../../../src/core/analyze/binary-sections'
import type { BinaryComparison } from '../../../../src/core/binary/types'
import { compareArtifacts, type Finding, type Report } from '../../../../src/core/index'
import { buildFat, buildMacho, CPU, MH, S } from '../../binary/build-macho'
import { writeZip } from '../../../e2e/zip-writer'
import { bytesSource } from '../../../fixture-files'
import { findingsOf } from '../report-builder'

const SO = 'pkg/_speedups.cpython-311-darwin.so'
const LEFT = '/tmp/build-a/src/speedups.c'
const RIGHT = '/tmp/build-b/src/speedups.c'
const encoder = new TextEncoder()

const ARCHS = { x86_64: { cputype: CPU.X86_64, cpusubtype: 3 }, arm64: { cputype: CPU.ARM64, cpusubtype: 0 } }
type Arch = keyof typeof ARCHS

/** One slice as ld64 links a small bundle: __TEXT (__text, __cstring holding `strings`), LC_UUID (bytes that are no printable run), a symbol table. */
function slice(arch: Arch, strings: string[], uuidByte: number): Uint8Array {
  return buildMacho({
    is64: true, ...ARCHS[arch], filetype: MH.BUNDLE, flags: 0x200085,
    segments: [{ segname: '__TEXT', sections: [
      { sectname: '__text', align: 2, flags: S.ATTR_PURE_INSTRUCTIONS | S.ATTR_SOME_INSTRUCTIONS, data: new Uint8Array([0xc0, 0x03, 0x5f, 0xd6]) },
      { sectname: '__cstring', flags: S.CSTRING_LITERALS, data: encoder.encode(strings.map((s) => `${s}\0`).join('')) },
    ] }],
    loadDylibs: ['/usr/lib/libSystem.B.dylib'],
    uuid: new Uint8Array(16).fill(uuidByte),
    symbols: [{ name: '_PyInit__speedups', value: 0x1000 }, { name: '_PyModule_Create2', type: 0x01 }],
  })
}

function fat(slices: [Arch, string[], number][], align?: number): Uint8Array {
  return buildFat(slices.map(([arch, strings, uuid]) => ({ ...ARCHS[arch], bytes: slice(arch, strings, uuid), align })))
}

async function compare(left: Uint8Array, right: Uint8Array): Promise<Report> {
  const zip = (bytes: Uint8Array, name: string) => bytesSource(name, new Uint8Array(writeZip([{ name: SO, data: bytes }])))
  return compareArtifacts(zip(left, 'left.zip'), zip(right, 'right.zip'))
}

const direct = (r: Report): Finding[] => findingsOf(r, 'build-path').filter((f) => !f.derived)
type MemberEvidence = { sections: Record<string, unknown>[]; derived: { name: string; reason: string }[]; unexplained: string[] }
const evidenceOf = (f: Finding) => (f.evidence as { members: MemberEvidence[] }).members[0]

describe('a universal binary accounted for slice by slice', () => {
  it('build paths in both slices (one reordered): one build-path finding naming each slice\'s section, LC_UUID and the slices derived, the content explained', async () => {
    const left = fat([['x86_64', [LEFT, 'hello', 'world'], 0x91], ['arm64', [LEFT, 'hello', 'world'], 0xa1]])
    const right = fat([['x86_64', [RIGHT, 'hello', 'world'], 0x92], ['arm64', ['hello', RIGHT, 'world'], 0xa2]])
    const r = await compare(left, right)
    const found = direct(r)
    expect(found).toHaveLength(1)
    const [f] = found
    expect(f.fields).toEqual(['content'])
    expect(f.members).toEqual([SO])
    expect(f.title).toMatch(/in x86_64: __TEXT,__cstring \(\d+ → \d+ bytes; after replacing the path, the same strings in the same order\), arm64: __TEXT,__cstring \(\d+ → \d+ bytes; after replacing the path, the same strings in another order\)$/)
    expect(evidenceOf(f).sections).toEqual([
      expect.objectContaining({ name: 'x86_64: __TEXT,__cstring', afterReplacement: 'identical', replaced: { from: '/tmp/build-a', to: '/tmp/build-b' } }),
      expect.objectContaining({ name: 'arm64: __TEXT,__cstring', afterReplacement: 'reordered', replaced: { from: '/tmp/build-a', to: '/tmp/build-b' } }),
    ])
    const derived = findingsOf(r, 'build-path').find((d) => d.derived && d.members.includes(SO))!
    expect(derived.title).toMatch(/x86_64: LC_UUID/)
    expect(derived.title).toMatch(/arm64: LC_UUID/)
    expect(derived.title).toMatch(/\(slice x86_64\), \(slice arm64\)|\(slice arm64\), \(slice x86_64\)/)
    const names = (derived.evidence as { members: { derived: { name: string; reason: string }[] }[] }).members[0].derived
    expect(names).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'x86_64: LC_UUID' }),
      expect.objectContaining({ name: 'arm64: LC_UUID' }),
      { name: '(slice x86_64)', reason: 'the slice\'s bytes; explained inside it', kind: 'section' },
      { name: '(slice arm64)', reason: 'the slice\'s bytes; explained inside it', kind: 'section' },
    ]))
    expect(findingsOf(r, 'content')).toEqual([])
  })

  it('a slice with an extra real string: not explained, naming that string and the slice\'s section', async () => {
    const left = fat([['x86_64', [LEFT, 'hello'], 0x91], ['arm64', [LEFT, 'hello'], 0xa1]])
    const right = fat([['x86_64', [RIGHT, 'hello'], 0x92], ['arm64', [RIGHT, 'hello', 'telemetry enabled'], 0xa2]])
    const r = await compare(left, right)
    const [f] = direct(r)
    expect(f.fields).toEqual([])
    expect(f.title).toMatch(/arm64: __TEXT,__cstring \(holds the path, but other strings differ too: "telemetry enabled" on the right\)/)
    expect(f.title).toMatch(/strings \(telemetry enabled\)/)
    expect(evidenceOf(f).unexplained).toEqual(expect.arrayContaining(['arm64: __TEXT,__cstring', '(slice arm64)']))
    // The x86_64 slice is still explained inside: its section is named with its replacement.
    expect(evidenceOf(f).sections).toEqual([expect.objectContaining({ name: 'x86_64: __TEXT,__cstring', afterReplacement: 'identical' })])
    expect(findingsOf(r, 'content')[0]?.members).toEqual([SO])
    expect(findingsOf(r, 'build-path').some((d) => d.derived)).toBe(false)
  })

  it('a slice on one side only: unexplained, though the other slice differs only by the path', async () => {
    const left = fat([['x86_64', [LEFT, 'hello'], 0x91], ['arm64', [LEFT, 'hello'], 0xa1]])
    const right = fat([['x86_64', [RIGHT, 'hello'], 0x92]])
    const r = await compare(left, right)
    const [f] = direct(r)
    expect(f.fields).toEqual([])
    const { unexplained } = evidenceOf(f)
    expect(unexplained).toEqual(expect.arrayContaining(['(slice arm64)', 'nfat_arch', 'architectures']))
    // The one-sided slice is named once, not section by section.
    expect(unexplained.some((name) => name.startsWith('arm64: '))).toBe(false)
    expect(findingsOf(r, 'content')[0]?.members).toEqual([SO])
  })

  it('a slice moved by the slice before it, which grew: the fat_arch offset derived, the size said to be the slice\'s', async () => {
    // 1-byte alignment: the arm64 slice starts right after the x86_64 one, which grows with the longer path.
    const left = fat([['x86_64', [LEFT, 'hello'], 0x91], ['arm64', [LEFT, 'hello'], 0xa1]], 0)
    const right = fat([['x86_64', ['/tmp/build-bbbb/src/speedups.c', 'hello'], 0x92], ['arm64', [LEFT, 'hello'], 0xa1]], 0)
    const r = await compare(left, right)
    const account = accountBinary(r.members.find((m) => m.path === SO)!.binary, { left: [LEFT], right: ['/tmp/build-bbbb/src/speedups.c'] }, null)!
    expect(account.derived).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'fat_arch[1].offset', kind: 'header', reason: 'the slice moved because a slice before it grew' }),
      expect.objectContaining({ name: 'fat_arch[0].size', kind: 'header' }),
    ]))
    expect(account.unexplained).not.toContain('fat_arch[1].offset')
    expect(account.unexplained).not.toContain('fat_arch[0].size')
    // The arm64 slice is byte for byte the same, only moved: nothing of it is named.
    expect(account.unexplained.some((name) => name.includes('arm64'))).toBe(false)
  })

  it('the padding between slices that changed length with a grown slice: derived when it is zeros on both sides, else unexplained', async () => {
    const left = fat([['x86_64', [LEFT, 'hello'], 0x91], ['arm64', [LEFT, 'hello'], 0xa1]])
    const right = fat([['x86_64', ['/tmp/build-bbbb/src/speedups.c', 'hello'], 0x92], ['arm64', [LEFT, 'hello'], 0xa1]])
    const outside = (r: Report) => {
      const { derived, unexplained } = evidenceOf(direct(r)[0])
      return { derived: derived.some((d) => d.name === '(bytes outside sections)' && /zero padding between the slices/.test(d.reason)), unexplained: unexplained.includes('(bytes outside sections)') }
    }
    expect(outside(await compare(left, right))).toEqual({ derived: true, unexplained: false })
    // The same byte hidden in both sides' padding (after the fat_arch table): the padding is no longer only padding.
    left[200] = 0x41
    right[200] = 0x41
    expect(outside(await compare(left, right))).toEqual({ derived: false, unexplained: true })
  })

  it('a fat_arch offset that moved with no slice before it grown stays unexplained', () => {
    const binary: BinaryComparison = {
      format: 'macho',
      header: [
        { field: 'fat_arch[0].offset', left: 4096, right: 8192 },
        { field: 'fat_arch[0].size', left: 100, right: 100 },
      ],
      sections: [{ name: '(slice x86_64)', status: 'identical', left: { size: 100, sha256: 'a', facts: { offset: 4096 } }, right: { size: 100, sha256: 'a', facts: { offset: 8192 } }, changed: ['offset'] }],
      facts: [],
      slices: [{ arch: 'x86_64', comparison: { format: 'macho', header: [], sections: [], facts: [] } }],
    }
    expect(accountBinary(binary, null)?.unexplained).toEqual(['fat_arch[0].offset'])
  })

  it('a slice whose bytes differ but that could not be read inside is never explained by an empty account', () => {
    const error = 'CORRUPT_STRUCTURE at offset 4096: Not a Mach-O file'
    const binary: BinaryComparison = {
      format: 'macho',
      header: [],
      sections: [{ name: '(slice x86_64)', status: 'modified', left: { size: 100, sha256: 'a', facts: { offset: 4096 } }, right: { size: 100, sha256: 'b', facts: { offset: 4096 } } }],
      facts: [],
      slices: [{ arch: 'x86_64', comparison: { format: 'macho', header: [], sections: [], facts: [{ field: '(slice error)', left: error, right: error }] } }],
    }
    const account = accountBinary(binary, { left: [LEFT], right: [RIGHT] })!
    expect(account.unexplained).toEqual(['(slice x86_64)'])
    expect(account.derived).toEqual([])
  })
})
