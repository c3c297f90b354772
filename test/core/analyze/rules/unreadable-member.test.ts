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

  // Brief Q item 4: a container past the depth limit (or too large to open) was read and hashed; only what is
  // inside it was not compared, and the title must not say it "could not be read".
  it('says a depth-limited or too-large container was read and hashed, with its inside not compared', () => {
    const depth = { code: 'LIMIT_EXCEEDED' as const, message: 'deep.zip is an archive at nesting depth 6, past the depth limit (maxDepth 5): not opened, compared by its SHA-256', path: 'deep.zip' }
    const r = report([modified('deep.zip', { left: { error: depth }, right: { error: depth } })])
    const [f] = unreadableMemberRule.explain(context(r))
    expect(f.cause).toBe('limit-exceeded')
    expect(f.title).not.toMatch(/could not be read/)
    expect(f.title).toBe(`1 container in both archives was read and hashed, but not opened: what is inside was not compared: ${depth.message}`)
    expect(f.members).toEqual(['deep.zip'])
  })

  it('names both kinds when a limit left one member unread and one container unopened', () => {
    const depth = { code: 'LIMIT_EXCEEDED' as const, message: 'deep.zip is past the depth limit (maxDepth 5)', path: 'deep.zip' }
    const r = report([modified('big.bin', { left: { error: limit('big.bin'), sha256: null } }), modified('deep.zip', { right: { error: depth } })])
    const [f] = unreadableMemberRule.explain(context(r))
    expect(f.title).toMatch(/^1 member in the left archive could not be read; 1 container in the right archive was read and hashed, but not opened/)
  })

  it('says a container whose bytes were hashed but whose inside could not be read was read, not unreadable', () => {
    const cut = { code: 'TRUNCATED' as const, message: 'The zip end-of-central-directory record is missing', path: 'b.whl' }
    const container = { ...modified('b.whl', { right: { error: cut, unread: true } }), notComparedInside: { left: 2, right: 0 } }
    const [f] = unreadableMemberRule.explain(context(report([container])))
    expect(f.title).toBe(`1 container in the right archive was read and hashed, but could not be read inside: ${cut.message}`)
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
