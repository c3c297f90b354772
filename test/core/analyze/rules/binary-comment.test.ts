/** binary-comment (tool-version): an ELF .comment naming another compiler, explained only with nothing else left. */
import { describe, expect, it } from 'vitest'
import type { BinaryComparison } from '../../../../src/core/binary/types'
import { binaryCommentRule } from '../../../../src/core/analyze/rules/binary-comment'
import { explainDifferences } from '../../../../src/core/analyze/explain'
import { context, evidence, modified, report } from '../report-builder'
import { BUILD_ID, elf, section } from './binary-builder'

const SO = 'pkg/_speedups.cpython-311-x86_64-linux-gnu.so'
const GCC12 = 'GCC: (GNU) 12.2.0'
const GCC13 = 'GCC: (GNU) 13.1.0'
const COMMENT = [{ field: '.comment', left: [GCC12], right: [GCC13] }]

function reportWith(binary: BinaryComparison, left = [GCC12, 'PyInit__speedups'], right = [GCC13, 'PyInit__speedups']) {
  const m = modified(SO)
  m.binary = binary
  const r = report([m])
  return { r, e: evidence(r, { [SO]: { left: { strings: left }, right: { strings: right } } }) }
}

describe('binary-comment rule', () => {
  it('names both compiler strings and explains a member whose only other difference is the build-id', () => {
    const { r, e } = reportWith(elf([section({ name: '.note.gnu.build-id', left: 36 }), section({ name: '.comment', left: 18, flags: 0x30 })], [...BUILD_ID, ...COMMENT]))
    const [f] = binaryCommentRule.explain(context(r, e))
    expect(f.cause).toBe('tool-version')
    expect(f.fields).toEqual(['content'])
    expect(f.title).toBe(`1 binary names another compiler in .comment (${SO}): ${GCC12} on the left, ${GCC13} on the right`)
    expect(f.evidence).toEqual({ members: [{ path: SO, section: '.comment', left: [GCC12], right: [GCC13], unexplained: [] }] })
  })

  it('does not excuse the code another compiler produced: .text stays with the content rule', () => {
    const { r, e } = reportWith(elf([section({ name: '.text', left: 900, right: 904 }), section({ name: '.comment', left: 18, flags: 0x30 })], [...BUILD_ID, ...COMMENT]))
    const [f] = binaryCommentRule.explain(context(r, e))
    expect(f.fields).toEqual([])
    expect(f.title).toMatch(/not explained by it: \.text$/)
    const all = explainDifferences(r, e)
    expect(all.find((x) => x.cause === 'content')?.members).toEqual([SO])
  })

  it('gives nothing when .comment is the same on both sides', () => {
    const { r, e } = reportWith(elf([section({ name: '.text', left: 900 })], [{ field: '.comment', left: [GCC12], right: [GCC12] }]), [GCC12], [GCC12])
    expect(binaryCommentRule.explain(context(r, e))).toEqual([])
  })

  it('is registered so the whole analysis explains the member', () => {
    const { r, e } = reportWith(elf([section({ name: '.note.gnu.build-id', left: 36 }), section({ name: '.comment', left: 18, flags: 0x30 })], [...BUILD_ID, ...COMMENT]))
    const all = explainDifferences(r, e)
    expect(all.map((f) => [f.cause, f.derived])).toEqual([['tool-version', false], ['tool-version', true]])
  })
})
