/** unreadable-member (security): members that could not be read; "limit-exceeded" when every one hit a limit. */
import { describe, expect, it } from 'vitest'
import { unreadableMemberRule } from '../../../../src/core/analyze/rules/unreadable-member'
import { context, member, modified, report } from '../report-builder'

const unsupported = (path: string) => ({ code: 'UNSUPPORTED_METHOD' as const, message: `${path} uses compression bzip2, which reprodiff cannot read`, path })
const limit = (path: string) => ({ code: 'LIMIT_EXCEEDED' as const, message: `${path} is past the 100 B member limit`, path })

describe('unreadable-member rule', () => {
  it('names the members that could not be read and why', () => {
    const r = report([modified('pkg/data.bin', { right: { error: unsupported('pkg/data.bin'), sha256: null } }), member('pkg/a.py')])
    const [f] = unreadableMemberRule.explain(context(r))
    expect(f).toMatchObject({ cause: 'unreadable-member', severity: 'security', members: ['pkg/data.bin'] })
    expect(f.title).toBe('1 member in the right archive could not be read: pkg/data.bin uses compression bzip2, which reprodiff cannot read')
    expect(f.remedy).toMatch(/pkg\/data\.bin is unknown/)
  })

  it('says limit-exceeded when every member hit a limit', () => {
    const r = report([modified('big.bin', { left: { error: limit('big.bin'), sha256: null }, right: { error: limit('big.bin'), sha256: null } })])
    const [f] = unreadableMemberRule.explain(context(r))
    expect(f.cause).toBe('limit-exceeded')
    expect(f.title).toMatch(/^1 member in both archives could not be read/)
    expect(f.remedy).toMatch(/Raise the limit/)
    // The same reason on both sides is named once, and the unknown content is this finding's, not a "content change".
    expect(f.title).toBe('1 member in both archives could not be read: big.bin is past the 100 B member limit')
    expect(f.fields).toEqual(['content'])
  })

  it('names a member unreadable on both sides once in the remedy', () => {
    const r = report([modified('pkg/secret.py', { left: { error: unsupported('pkg/secret.py'), sha256: null }, right: { error: unsupported('pkg/secret.py'), sha256: null } })])
    const [f] = unreadableMemberRule.explain(context(r))
    expect(f.remedy).toBe('Content of pkg/secret.py is unknown: compare these members with another tool, or rebuild them.')
  })

  it('gives nothing for CRC mismatches (their own rule) or readable members', () => {
    const crc = { code: 'CRC_MISMATCH' as const, message: 'a: CRC-32 differs' }
    expect(unreadableMemberRule.explain(context(report([modified('a', { left: { error: crc } }), member('b')])))).toEqual([])
  })

  // Core bug (reported): the limit case is recognised by the word "limit" in the message, which also
  // contains the member's path, so any unreadable member whose name contains "limit" is called a limit.
  it('does not call an unsupported method a limit because the path contains "limit"', () => {
    const r = report([modified('pkg/rate_limit.py', { right: { error: unsupported('pkg/rate_limit.py'), sha256: null } })])
    const [f] = unreadableMemberRule.explain(context(r))
    expect(f.cause).toBe('unreadable-member')
  })
})
