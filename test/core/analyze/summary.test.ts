/** The summary: the verdict in words, the unread members named, and one sentence for identical files not inspected. */
import { describe, expect, it } from 'vitest'
import { summarizeReport } from '../../../src/core/analyze/summary'
import { compareArtifacts, type MemberComparison } from '../../../src/core/index'
import { blobSource, buildZip } from '../archive/build-archives'
import { earlierFinding, member, modified, report } from './report-builder'

const SHA = '5a'.repeat(32)
const encrypted = (path: string) => ({ code: 'UNSUPPORTED_METHOD' as const, message: `${path} is encrypted` })

function unread(path: string): MemberComparison {
  return { ...member(path, { left: { sha256: null, unread: true, error: encrypted(path) }, right: { sha256: null, unread: true, error: encrypted(path) } }), status: 'modified', unread: true }
}

describe('summarizeReport', () => {
  it('says identical files were not inspected when a side could not be read, with the error', () => {
    const error = { code: 'UNSUPPORTED_FORMAT' as const, message: 'a cpio archive: not supported yet' }
    const r = report([], { verdict: 'identical', left: { sha256: SHA, error }, right: { sha256: SHA, error } })
    expect(summarizeReport(r, [])).toBe(`Bit-for-bit identical: both files have SHA-256 ${SHA}; their contents were not inspected (a cpio archive: not supported yet)`)
  })

  it('gives identical files with encrypted members the same sentence', () => {
    const r = report([unread('secret.py'), member('open.py')], { verdict: 'identical', left: { sha256: SHA }, right: { sha256: SHA } })
    expect(summarizeReport(r, [])).toBe(`Bit-for-bit identical: both files have SHA-256 ${SHA}; their contents were not inspected (secret.py is encrypted)`)
  })

  it('names the security findings of identical files, so the headline never reads as all clear', () => {
    const r = report([member('a.py')], { verdict: 'identical', left: { sha256: SHA }, right: { sha256: SHA } })
    const special = { cause: 'special-file', title: 'In both archives, 1 member is a device node', derived: false, members: ['dev'], evidence: {}, remedy: '', severity: 'security' as const }
    expect(summarizeReport(r, [special])).toBe(`Bit-for-bit identical: both files have SHA-256 ${SHA}; but both hold what a reviewer must see: In both archives, 1 member is a device node`)
  })

  it('says nothing more for identical files that were read', () => {
    const r = report([member('a.py')], { verdict: 'identical', left: { sha256: SHA }, right: { sha256: SHA } })
    expect(summarizeReport(r, [])).toBe(`Bit-for-bit identical: both files have SHA-256 ${SHA}`)
  })

  it('names the unread members for a difference, before the causes', () => {
    const r = report([unread('secret.py'), unread('b.py'), modified('c.py')])
    const summary = summarizeReport(r, [earlierFinding('content', ['c.py'], ['content'])])
    expect(summary).toBe('Contents differ: 2 members could not be read: secret.py, b.py; content')
  })

  it('names the unread members when a side could not be read', () => {
    const cut = { code: 'TRUNCATED' as const, message: 'left.whl is cut' }
    const r = report([unread('x.py')], { verdict: 'error', left: { error: cut } })
    expect(summarizeReport(r, [])).toBe('Could not compare: left.whl: left.whl is cut; 1 member could not be read: x.py')
  })

  it('says so end to end for identical zips with an encrypted member', async () => {
    const zip = buildZip([{ name: 'secret.py', data: 'x', flags: 0x801 }])
    const r = await compareArtifacts(blobSource('a.whl', zip), blobSource('b.whl', zip.slice()))
    expect(r.summary).toMatch(/^Bit-for-bit identical: both files have SHA-256 [0-9a-f]{64}; their contents were not inspected \(secret\.py is encrypted\)$/)
  })

  it('says so end to end for identical files of a format that is not read', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i < 6 ? '070701'.charCodeAt(i) : (i * 31) & 0xff))
    const r = await compareArtifacts(blobSource('a.cpio', bytes), blobSource('b.cpio', bytes.slice()))
    expect(r.summary).toMatch(/^Bit-for-bit identical: both files have SHA-256 [0-9a-f]{64}; their contents were not inspected \(a\.cpio .*\)$/)
    expect(r.summary).not.toMatch(/b\.cpio/)
  })

  it('two identical plain files (no known format) are read as one member each, so nothing is "not inspected"', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 31) & 0xff)
    const r = await compareArtifacts(blobSource('a.bin', bytes), blobSource('b.bin', bytes.slice()))
    expect(r.summary).toMatch(/^Bit-for-bit identical: both files have SHA-256 [0-9a-f]{64}/)
    expect(r.summary).not.toMatch(/not inspected/)
  })
})
