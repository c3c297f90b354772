import { describe, expect, it } from 'vitest'
import type { MemberComparison, MemberSideReport } from '../../src/core/types-public'
import { buildMetaRows } from '../../src/ui/meta-rows'

const side = (over: Partial<MemberSideReport> = {}): MemberSideReport => ({
  index: 1, offset: 40, size: 10, sha256: 'aa', type: 'file', mtime: 1704067200, mode: 0o100644, ...over,
})

function member(over: Partial<MemberComparison> = {}): MemberComparison {
  return { path: 'pkg/a.py', leftPath: 'pkg/a.py', rightPath: 'pkg/a.py', type: 'file', status: 'metadata', changed: [], left: side(), right: side(), ...over }
}

const byField = (rows: ReturnType<typeof buildMetaRows>) => Object.fromEntries(rows.map((row) => [row.field, row]))

describe('buildMetaRows', () => {
  it('lists identity rows, then every meta field of either side, formatted', () => {
    const rows = buildMetaRows(member({ right: side({ mtime: 1715938922, uname: 'runner' }) }))
    expect(rows.map((row) => row.field)).toEqual(['path', 'type', 'size', 'sha256', 'position', 'mtime', 'mode', 'uname'])
    const fields = byField(rows)
    expect(fields.mode.left).toBe('0100644')
    expect(fields.mtime.left).toBe('2024-01-01T00:00:00Z (1704067200)')
    expect(fields.uname.left).toBe('—')
    expect(fields.uname.right).toBe('runner')
  })

  it('highlights fields in `changed` and any differing value, but not offsets that merely shifted', () => {
    const fields = byField(buildMetaRows(member({ changed: ['mtime'], right: side({ mtime: 5, offset: 99, sha256: 'bb' }) })))
    expect(fields.mtime.changed).toBe(true)
    expect(fields.sha256.changed).toBe(true)
    expect(fields.mode.changed).toBe(false)
    expect(fields.position.changed).toBe(false)
  })

  it('a field one side could not know is marked unknown there and never highlighted', () => {
    const right = side()
    delete right.mode
    const fields = byField(buildMetaRows(member({ status: 'identical', unknown: ['mode'], right })))
    expect(fields.mode).toMatchObject({ left: '0100644', right: 'unknown: this side does not record it', changed: false, unknown: true })
  })

  it('highlights the position when the member moved in the order', () => {
    const fields = byField(buildMetaRows(member({ changed: ['order'], right: side({ index: 4 }) })))
    expect(fields.position.changed).toBe(true)
    expect(fields.position.right).toBe('#4 at 0x28 (40)')
  })

  it('shows each side\'s real path and the link target row only for links', () => {
    const fields = byField(buildMetaRows(member({
      path: 'pkg-1.0/LICENSE', leftPath: 'pkg-1.0/LICENSE', rightPath: 'pkg-1.1/LICENSE',
      left: side({ type: 'symlink', linkTarget: '../A' }), right: side({ type: 'symlink', linkTarget: '../B' }),
    })))
    expect(fields.path).toMatchObject({ left: 'pkg-1.0/LICENSE', right: 'pkg-1.1/LICENSE', changed: true })
    expect(fields.linkTarget).toMatchObject({ left: '../A', right: '../B', changed: true })
    expect(byField(buildMetaRows(member())).linkTarget).toBeUndefined()
  })

  it('marks the absent side of a one-sided member and highlights nothing', () => {
    const rows = buildMetaRows(member({ status: 'right-only', leftPath: null, left: null }))
    expect(rows.every((row) => !row.changed)).toBe(true)
    expect(byField(rows).size.left).toBe('— (absent)')
    expect(byField(rows).path.left).toBe('— (absent)')
  })

  it('ends with the read error of either side', () => {
    const error = { code: 'CRC_MISMATCH' as const, message: 'CRC-32 differs' }
    const rows = buildMetaRows(member({ left: side({ error }) }))
    expect(rows.at(-1)).toMatchObject({ field: 'error', isError: true, left: 'CRC_MISMATCH: CRC-32 differs', right: 'none' })
    expect(rows.filter((row) => row.field === 'error')).toHaveLength(1)
  })
})

describe('buildMetaRows: name bytes and unread sides', () => {
  it('shows the stored name bytes after the path, and says why a hash is missing', () => {
    const rows = buildMetaRows(member({ left: side({ nameHex: '612e7079' }), right: side({ nameHex: '612e7079', unread: true, sha256: null }) }))
    expect(rows.map((row) => row.field).slice(0, 3)).toEqual(['path', 'nameHex', 'type'])
    const fields = byField(rows)
    expect(fields.nameHex.left).toBe('612e7079')
    expect(fields.sha256.right).toBe('not computed: bytes not read')
    expect(fields.unread).toBeUndefined()
  })
})
