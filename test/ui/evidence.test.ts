import { describe, expect, it } from 'vitest'
import { describeEvidence, formatValue } from '../../src/ui/evidence'

describe('describeEvidence', () => {
  it('pairs left/right values into rows, worded by cause (timestamps as times)', () => {
    const view = describeEvidence({
      cause: 'timestamps',
      evidence: {
        left: 'constant', right: 'filesystem', leftValue: 1704067200, rightValue: null, shiftSeconds: null,
        examples: [{ path: 'pkg/a.py', left: 1704067200, right: 1715938922 }],
      },
    })
    expect(view.sides).toEqual([
      { label: 'times', left: 'constant', right: 'filesystem' },
      { label: 'time', left: '2024-01-01T00:00:00Z (1704067200)', right: '—' },
    ])
    expect(view.facts).toEqual([])
    expect(view.tables).toEqual([{
      label: 'examples', columns: ['file', 'left', 'right'], more: 0,
      rows: [['pkg/a.py', '2024-01-01T00:00:00Z (1704067200)', '2024-05-17T09:42:02Z (1715938922)']],
    }])
  })

  it('shows modes in octal and counts kinds of change in words', () => {
    const view = describeEvidence({ cause: 'permissions', evidence: { classes: { umask: 4, exec: 1 }, examples: [{ path: 'a', left: 0o100644, right: 0o100664 }] } })
    expect(view.facts).toEqual([{ label: 'kinds of change', value: 'umask (4 members), exec (1 member)' }])
    expect(view.tables[0].rows[0]).toEqual(['a', '0100644', '0100664'])
  })

  it('formats a row by its own field (gzip header) and opens two side objects into rows', () => {
    const gzip = describeEvidence({ cause: 'gzip-header', evidence: { fields: [{ field: 'gzip.fname', left: 'pkg-1.0.tar', right: 'tmp.tar' }] } })
    expect(gzip.tables[0]).toMatchObject({ columns: ['field', 'left', 'right'], rows: [['gzip.fname', 'pkg-1.0.tar', 'tmp.tar']] })
    const text = describeEvidence({ cause: 'line-endings', evidence: { left: { crlf: 3, lf: 0, bom: false }, right: { crlf: 0, lf: 3, bom: true } } })
    expect(text.sides).toEqual([
      { label: 'crlf', left: '3', right: '0' },
      { label: 'lf', left: '0', right: '3' },
      { label: 'bom', left: 'no', right: 'yes' },
    ])
  })

  it('lists paths, says "none" for empty lists, and tables mismatches (RECORD)', () => {
    const view = describeEvidence({
      cause: 'record-mismatch',
      evidence: {
        side: 'right', path: 'pkg-1.0.dist-info/RECORD', rows: 6,
        hashMismatch: [{ path: 'pkg/core.py', listed: 'sha256=aa', actual: 'sha256=bb' }], sizeMismatch: [], listedButMissing: [], notListed: ['evil.pth'],
      },
    })
    expect(view.facts).toEqual([
      { label: 'side', value: 'right' },
      { label: 'file', value: 'pkg-1.0.dist-info/RECORD' },
      { label: 'RECORD rows', value: '6' },
      { label: 'size mismatches', value: 'none' },
      { label: 'listed in RECORD but missing', value: 'none' },
    ])
    expect(view.lists).toEqual([{ label: 'present but not in RECORD', items: ['evil.pth'], more: 0 }])
    expect(view.tables[0]).toMatchObject({ label: 'hash mismatches', columns: ['file', 'listed', 'actual'] })
  })

  it('caps long lists and drops all-false flag columns', () => {
    const many = Array.from({ length: 25 }, (_, i) => `f${i}`)
    expect(describeEvidence({ cause: 'content', evidence: { modified: many } }).lists[0]).toMatchObject({ more: 5 })
    const tool = describeEvidence({ cause: 'tool-version', evidence: { fields: [{ source: 'WHEEL', field: 'Generator', left: ['a (1)'], right: ['a (2)'], orderOnly: false }] } })
    expect(tool.tables[0].columns).toEqual(['source', 'field', 'left', 'right'])
  })
})

describe('formatValue', () => {
  it('reads nested objects as "key: value" and consecutive numbers as a range', () => {
    expect(formatValue({ method: 'deflate', size: 62, levels: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe('method: deflate · size: 62 B · zlib levels: 1–9')
    expect(formatValue({ method: 'stored', size: 70, levels: null })).toBe('method: stored · size: 70 B')
    expect(formatValue([4, 6])).toBe('4, 6')
    expect(formatValue(['a', 'b'])).toBe('a\nb')
  })
})
