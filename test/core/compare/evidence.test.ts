/** Evidence of a binary member: its section strings (no section bytes), within a byte budget per side. */
import { describe, expect, it } from 'vitest'
import { collectEvidence, evidenceRequests } from '../../../src/core/compare/evidence'
import { compareReadings, readArtifact, type ArtifactSource } from '../../../src/core/index'
import { sampleLibrary } from '../binary/build-elf'
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
