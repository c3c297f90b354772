/** Evidence of a binary member: its section strings (no section bytes), within a byte budget per side. */
import { describe, expect, it } from 'vitest'
import { collectEvidence, evidenceRequests } from '../../../src/core/compare/evidence'
import { compareReadings, readArtifact, type ArtifactSource } from '../../../src/core/index'
import { DEFAULT_KERNELS } from '../../../src/core/kernels'
import type { Bytes } from '../../../src/core/util/bytes'
import { sampleLibrary } from '../binary/build-elf'
import { buildFat, CPU, sampleDylib } from '../binary/build-macho'
import { writeZip } from '../../e2e/zip-writer'
import { bytesSource } from '../../fixture-files'

const zipOf = (name: string, entries: { name: string; data: Uint8Array }[]): ArtifactSource => bytesSource(name, new Uint8Array(writeZip(entries)))

async function leftEvidence(budget?: number) {
  const lib = (data: string) => sampleLibrary({ is64: true, little: true, data })
  const left = zipOf('left.zip', [{ name: 'pkg/a.so', data: lib('built in /tmp/build-a') }, { name: 'pkg/b.so', data: lib('built in /tmp/build-a too') }])
  const right = zipOf('right.zip', [{ name: 'pkg/a.so', data: lib('built in /tmp/build-b') }, { name: 'pkg/b.so', data: lib('built in /tmp/build-b too') }])
  const [l, r] = await Promise.all([readArtifact(left), readArtifact(right)])
  const report = compareReadings(l, r)
  const evidence = await collectEvidence(left, l, evidenceRequests(report, 'left'), budget)
  return { evidence, a: report.members.find((m) => m.path === 'pkg/a.so')!.left!.index, b: report.members.find((m) => m.path === 'pkg/b.so')!.left!.index }
}

describe('section strings in the evidence', () => {
  it('gives each section\'s strings in the order of the parsed structure, and no bytes', async () => {
    const { evidence, a } = await leftEvidence()
    const found = evidence[a]
    if (!found.binary || 'error' in found.binary) throw new Error('the ELF did not parse')
    const names = found.binary.sections.map((s) => s.name)
    expect(found.sectionStrings?.sections[names.indexOf('.data')]).toEqual(['built in /tmp/build-a'])
    expect(found.sectionStrings?.sections[names.indexOf('.comment')]).toEqual(['GCC: (Debian 12.2.0-14) 12.2.0'])
    expect(found.sectionStrings?.truncated).toEqual([])
    expect(Object.values(found).some((value) => value instanceof Uint8Array)).toBe(false)
  })

  it('stops at the side\'s byte budget: the binaries read later list their sections as truncated, and say why', async () => {
    const { evidence, a, b } = await leftEvidence(100)
    const first = evidence[Math.min(a, b)].sectionStrings!
    const second = evidence[Math.max(a, b)].sectionStrings!
    expect(first.sections.some((list) => list && list.length > 0)).toBe(true)
    expect(second.sections.every((list) => list === null)).toBe(true)
    expect(second.truncated.length).toBeGreaterThan(0)
    expect(second.limit).toMatch(/section strings of one side are kept up to 100 bytes/)
  })
})

describe('section strings of a universal binary', () => {
  const fatOf = (path: string) => buildFat([
    { cputype: CPU.X86_64, cpusubtype: 3, bytes: sampleDylib({ cstring: `${path} (x86_64)` }) },
    { cputype: CPU.ARM64, cpusubtype: 0, bytes: sampleDylib({ cputype: CPU.ARM64, cpusubtype: 0, uuidByte: 0x30, cstring: `${path} (arm64)` }), align: 14 },
  ])

  async function fatEvidence(left: Uint8Array, budget?: number) {
    const source = zipOf('left.zip', [{ name: 'pkg/_x.cpython-311-darwin.so', data: left }])
    const right = zipOf('right.zip', [{ name: 'pkg/_x.cpython-311-darwin.so', data: fatOf('/tmp/build-b') }])
    const [l, r] = await Promise.all([readArtifact(source), readArtifact(right)])
    const report = compareReadings(l, r)
    const evidence = await collectEvidence(source, l, evidenceRequests(report, 'left'), budget)
    return evidence[report.members[0].left!.index]
  }

  it('gives each slice\'s section strings, in the order of its slices, and leaves the (slice) pseudo-sections unread', async () => {
    const found = await fatEvidence(fatOf('/tmp/build-a'))
    if (!found.binary || 'error' in found.binary || !found.binary.slices) throw new Error('the fat file did not parse')
    const strings = found.sectionStrings!
    expect(strings.sections).toEqual([null, null])
    expect(strings.slices).toHaveLength(2)
    found.binary.slices.forEach(({ arch, structure }, i) => {
      const cstring = structure.sections.findIndex((s) => s.name === '__TEXT,__cstring')
      expect(strings.slices![i].sections[cstring]).toEqual([`/tmp/build-a (${arch})`, 'hello'])
    })
    expect(found.fatPaddingZero).toBe(true)
  })

  it('spends one member budget across the slices, string tables first, and names the cap in the slice it cut', async () => {
    const found = await fatEvidence(fatOf('/tmp/build-a'), 60)
    if (!found.binary || 'error' in found.binary || !found.binary.slices) throw new Error('the fat file did not parse')
    const [first, second] = found.sectionStrings!.slices!
    const names = found.binary.slices[0].structure.sections.map((s) => s.name)
    expect(first.sections[names.indexOf('__TEXT,__cstring')]).toEqual(['/tmp/build-a (x86_64)', 'hello'])
    // The budget ran out in the string tables: no data section of the first slice, nothing of the second.
    expect(first.sections[names.indexOf('__DATA,__data')]).toBeNull()
    expect(second.sections.every((list) => list === null)).toBe(true)
    expect(second.truncated.length).toBeGreaterThan(0)
    expect(second.limit).toMatch(/section strings of one side are kept up to 60 bytes/)
    expect(found.sectionStrings!.limit).toMatch(/kept up to 60 bytes/)
  })

  it('says when the padding between the slices is not all zeros', async () => {
    const bytes = fatOf('/tmp/build-a')
    bytes[200] = 0x41 // inside the padding after the fat_arch table, before the first slice (offset 4096)
    expect((await fatEvidence(bytes)).fatPaddingZero).toBe(false)
  })
})

describe('evidence through the given kernels', () => {
  it('reads and hashes through the kernels it is passed, not the defaults', async () => {
    const left = zipOf('left.zip', [{ name: 'pkg/a.py', data: new TextEncoder().encode('a = 1\r\n') }])
    const right = zipOf('right.zip', [{ name: 'pkg/a.py', data: new TextEncoder().encode('a = 2\n') }])
    const [l, r] = await Promise.all([readArtifact(left), readArtifact(right)])
    const report = compareReadings(l, r)
    const hashed: number[] = []
    const kernels = { ...DEFAULT_KERNELS, sha256: (bytes: Bytes) => (hashed.push(bytes.length), DEFAULT_KERNELS.sha256(bytes)) }
    const evidence = await collectEvidence(left, l, evidenceRequests(report, 'left'), undefined, kernels)
    const index = report.members.find((m) => m.path === 'pkg/a.py')!.left!.index
    expect(evidence[index].text).toMatchObject({ crlf: 1, lf: 0 })
    // The normalised text ('a = 1\n', 6 bytes) was hashed by the kernel passed in.
    expect(hashed).toContain(6)
  })
})
