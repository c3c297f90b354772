/** crc-mismatch (security): zip members whose data fails the declared CRC-32. */
import { describe, expect, it } from 'vitest'
import { crcMismatchRule } from '../../../../src/core/analyze/rules/crc-mismatch'
import { context, member, modified, report } from '../report-builder'

const crcError = (path: string) => ({ code: 'CRC_MISMATCH' as const, message: `${path}: CRC-32 of the data is 00000000, the central directory declares 12345678`, path, offset: 40 })

describe('crc-mismatch rule', () => {
  it('names the members and the side', () => {
    const r = report([modified('pkg/core.py', { right: { error: crcError('pkg/core.py') } }), member('pkg/__init__.py')])
    const [f] = crcMismatchRule.explain(context(r))
    expect(f.cause).toBe('crc-mismatch')
    expect(f.severity).toBe('security')
    expect(f.members).toEqual(['pkg/core.py'])
    expect(f.title).toBe('1 member in the right archive fails the CRC-32 check: pkg/core.py')
    expect(f.evidence).toMatchObject({ members: [{ side: 'right', path: 'pkg/core.py', offset: 40 }] })
  })

  it('says both archives, once per member', () => {
    const r = report([modified('a', { left: { error: crcError('a') }, right: { error: crcError('a') } })])
    const [f] = crcMismatchRule.explain(context(r))
    expect(f.title).toBe('2 members in both archives fail the CRC-32 check: a')
    expect(f.members).toEqual(['a'])
  })

  it('gives nothing for other errors or none', () => {
    const other = { code: 'UNSUPPORTED_METHOD' as const, message: 'a uses bzip2' }
    expect(crcMismatchRule.explain(context(report([modified('a', { left: { error: other } }), member('b')])))).toEqual([])
  })
})
