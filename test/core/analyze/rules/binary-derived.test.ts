/** binary-derived: build-id, DWARF offsets and moved sections follow from the cause that explains the member. */
import { describe, expect, it } from 'vitest'
import type { BinaryComparison } from '../../../../src/core/binary/types'
import { binaryDerivedRule } from '../../../../src/core/analyze/rules/binary-derived'
import { context, earlierFinding, findingsOf, modified, report } from '../report-builder'
import { BUILD_ID, elf, section, zippedPair } from './binary-builder'

const SO = 'pkg/libdemo.so'

function explain(binary: BinaryComparison, strings: [string[], string[]], earlier = [earlierFinding('build-path', [SO], ['content'])]) {
  const m = modified(SO)
  m.binary = binary
  const r = report([m])
  const e = { left: { [m.left!.index]: { strings: strings[0] } }, right: { [m.right!.index]: { strings: strings[1] } } }
  return binaryDerivedRule.explain(context(r, e, earlier))
}

const PATHS: [string[], string[]] = [['/tmp/build-a/src'], ['/tmp/build-somewhere-else/src']]
const BUILD_PATH_ELF = elf([
  section({ name: '.note.gnu.build-id', left: 36 }),
  section({ name: '.debug_info', left: 296 }),
  section({ name: '.debug_line', left: 121 }),
  section({ name: '.debug_line_str', left: 90, right: 103, flags: 0x30 }),
  section({ name: '.symtab', left: 672, status: 'identical', changed: ['sh_offset'] }),
], BUILD_ID, [{ field: 'e_shoff', left: 14752, right: 14760 }])

describe('binary-derived rule', () => {
  it('marks the build-id, the DWARF sections and the moved sections derived from build-path', () => {
    const [f] = explain(BUILD_PATH_ELF, PATHS)
    expect(f).toMatchObject({ cause: 'build-path', derived: true, members: [SO] })
    expect(f.fields).toBeUndefined()
    expect(f.title).toBe(`${SO}: .note.gnu.build-id, .debug_info, .debug_line differ only because of the build-path difference (the build-id hashes the rest of the output; same size, so offsets into .debug_line_str, which changed; not compared byte by byte); 1 section only moved (.symtab)`)
    const [member] = (f.evidence as { members: { derived: { name: string }[]; moved: string[] }[] }).members
    expect(member.derived.map((d) => d.name)).toEqual(['.note.gnu.build-id', '.debug_info', '.debug_line', 'e_shoff'])
    expect(member.moved).toEqual(['.symtab'])
  })

  it('says nothing when no cause explains the member (a real change: the build-id follows from it)', () => {
    expect(explain(BUILD_PATH_ELF, PATHS, [])).toEqual([])
  })

  it('says nothing when something in the member is unexplained', () => {
    const withCode = elf([...BUILD_PATH_ELF.sections, section({ name: '.text', left: 500 })], BUILD_ID)
    expect(explain(withCode, PATHS)).toEqual([])
  })

  it('marks the build-path ELF fixture build-id derived, through the whole analysis', async () => {
    const r = await zippedPair('build-path/left/libdemo.so', 'build-path/right/libdemo.so', SO)
    const derived = findingsOf(r, 'build-path').filter((f) => f.derived)
    expect(derived).toHaveLength(1)
    expect(derived[0].title).toMatch(/^pkg\/libdemo\.so: \.note\.gnu\.build-id, \.debug_info, \.debug_line differ only because of the build-path difference/)
    expect(derived[0].title).toMatch(/4 sections only moved \(\.debug_loclists, \.symtab, \.strtab, \.shstrtab\)$/)
  })
})
