/** archive-structure (security): container oddities seen while reading (bytes around the archive, overlaps, …). */
import { describe, expect, it } from 'vitest'
import { archiveStructureRule } from '../../../../src/core/analyze/rules/archive-structure'
import { context, member, report } from '../report-builder'

const anomaly = (message: string) => ({ code: 'ARCHIVE_TRAILING_BYTES', message, offset: 1234 })

describe('archive-structure rule', () => {
  it('names the side and its first two anomalies', () => {
    const r = report([member('a')], { right: { anomalies: [anomaly('12 bytes after the end record'), anomaly('entry 2 overlaps entry 1'), anomaly('third')] } })
    const found = archiveStructureRule.explain(context(r))
    expect(found).toHaveLength(1)
    const [f] = found
    expect(f.cause).toBe('archive-structure')
    expect(f.severity).toBe('security')
    expect(f.members).toEqual([])
    expect(f.title).toBe("The right archive's structure is unusual: 12 bytes after the end record; entry 2 overlaps entry 1; and 1 more")
    expect(f.evidence).toMatchObject({ side: 'right' })
  })

  it('gives nothing for well-formed archives', () => {
    expect(archiveStructureRule.explain(context(report([member('a')])))).toEqual([])
  })
})
