import { describe, expect, it } from 'vitest'
import type { Finding, MemberComparison, MemberStatus } from '../../src/core/types-public'
import {
  causeMemberPaths, causesByMember, explainedFields, findingForArchiveField, findingsForMember, indexFindings, leadingCauses, orderFindings, sourceOfDerived,
} from '../../src/store/findings'

function finding(cause: string, members: string[], over: Partial<Finding> = {}): Finding {
  return { cause, title: `${cause} title`, derived: false, severity: 'cause', members, evidence: {}, remedy: 'fix it', ...over }
}

function member(path: string, status: MemberStatus, changed: string[] = []): MemberComparison {
  const side = { index: 0, offset: 0, size: 1, sha256: null, type: 'file' as const }
  return { path, leftPath: path, rightPath: path, type: 'file', status, changed, left: side, right: side }
}

// Shaped like the sample pair: security first, derived last, one cause twice.
const findings: Finding[] = [
  finding('record-mismatch', ['pkg/core.py'], { severity: 'security' }),
  finding('timestamps', ['pkg/core.py', 'pkg/a.py', 'pkg-1.0.dist-info/RECORD'], { fields: ['mtime', 'extendedMtime'] }),
  finding('ordering', ['pkg/a.py'], { fields: ['order'] }),
  finding('tool-version', ['pkg-1.0.dist-info/WHEEL'], { fields: ['content'] }),
  finding('gzip-header', [], { fields: ['gzip.mtime', 'gzip.os'] }),
  finding('content', ['pkg/core.py']),
  finding('tool-version', ['pkg-1.0.dist-info/RECORD'], { derived: true, fields: ['content'] }),
]

describe('indexFindings', () => {
  it('gives each finding its cause as id, numbering a cause that comes again', () => {
    expect(indexFindings(findings).map((entry) => entry.id)).toEqual([
      'record-mismatch', 'timestamps', 'ordering', 'tool-version', 'gzip-header', 'content', 'tool-version#2',
    ])
  })
})

describe('causeMemberPaths', () => {
  it('is the chosen finding\'s members, or null when nothing (or something no longer reported) is chosen', () => {
    expect([...causeMemberPaths(findings, 'ordering')!]).toEqual(['pkg/a.py'])
    expect([...causeMemberPaths(findings, 'tool-version#2')!]).toEqual(['pkg-1.0.dist-info/RECORD'])
    expect(causeMemberPaths(findings, null)).toBeNull()
    expect(causeMemberPaths(findings, 'umask')).toBeNull()
  })
})

describe('leadingCauses', () => {
  it('lists the first non-derived causes, security first, and counts the rest', () => {
    const { shown, more } = leadingCauses(findings)
    expect(shown.map((entry) => entry.id)).toEqual(['record-mismatch', 'timestamps', 'ordering'])
    expect(more).toBe(3)
    expect(leadingCauses(findings.slice(1, 3))).toMatchObject({ more: 0 })
    expect(leadingCauses([])).toEqual({ shown: [], more: 0 })
  })
})

describe('findingsForMember and causesByMember', () => {
  it('finds every finding that names the member, derived ones included', () => {
    expect(findingsForMember(findings, 'pkg-1.0.dist-info/RECORD').map((entry) => entry.id)).toEqual(['timestamps', 'tool-version#2'])
    expect(findingsForMember(findings, 'nowhere')).toEqual([])
  })

  it('maps paths to their causes once each', () => {
    const byPath = causesByMember(findings)
    expect(byPath.get('pkg/core.py')).toEqual(['record-mismatch', 'timestamps', 'content'])
    expect(byPath.get('pkg-1.0.dist-info/RECORD')).toEqual(['timestamps', 'tool-version'])
  })
})

describe('explainedFields', () => {
  it('is the finding\'s fields the member has changed, and content when its bytes differ', () => {
    expect(explainedFields(findings[1], member('pkg/core.py', 'modified', ['mtime']))).toEqual(['mtime'])
    expect(explainedFields(findings[5], member('pkg/core.py', 'modified', ['mtime']))).toEqual(['content'])
    expect(explainedFields(findings[5], member('pkg/a.py', 'metadata', ['mtime']))).toEqual([])
    expect(explainedFields(findings[2], member('pkg/a.py', 'metadata', ['mtime', 'order']))).toEqual(['order'])
    expect(explainedFields(findings[0], member('pkg/core.py', 'modified'))).toEqual([])
  })
})

describe('findingForArchiveField and sourceOfDerived', () => {
  it('names the cause of an archive-level field', () => {
    expect(findingForArchiveField(findings, 'gzip.os')?.id).toBe('gzip-header')
    expect(findingForArchiveField(findings, 'order')?.id).toBe('ordering')
    expect(findingForArchiveField(findings, 'zip.comment')).toBeUndefined()
  })

  it('finds the finding a derived one follows from, and nothing for a primary one', () => {
    expect(sourceOfDerived(findings, 'tool-version#2')?.id).toBe('tool-version')
    expect(sourceOfDerived(findings, 'tool-version')).toBeUndefined()
    expect(sourceOfDerived([findings[6]], 'tool-version')).toBeUndefined()
  })
})

describe('orderFindings', () => {
  it('puts security findings (the new ones too) first and derived ones last, each group in report order', () => {
    const appended = [
      finding('content', ['a.py']),
      finding('tool-version', ['RECORD'], { derived: true }),
      finding('confusable-name', ['s\\u{435}tup.py'], { severity: 'security' }),
      finding('timestamps', ['a.py']),
      finding('special-file', ['dev/mem'], { severity: 'security' }),
      finding('ambiguous-format', [], { severity: 'security' }),
    ]
    expect(orderFindings(indexFindings(appended)).map((entry) => entry.id)).toEqual(['confusable-name', 'special-file', 'ambiguous-format', 'content', 'timestamps', 'tool-version'])
    expect(leadingCauses(appended).shown.map((entry) => entry.id)).toEqual(['confusable-name', 'special-file', 'ambiguous-format'])
  })
})
