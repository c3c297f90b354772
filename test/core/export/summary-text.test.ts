/** "Copy summary" (issue 11): a few plain lines, hidden characters marked as the page marks names. */
import { describe, expect, it } from 'vitest'
import { summaryText } from '../../../src/core/index'
import { hostileReport, sampleReport } from './export-fixtures'

describe('summaryText', () => {
  it('says the verdict, both files with their SHA-256, the counts and the leading causes', async () => {
    const report = await sampleReport()
    const lines = summaryText(report).trimEnd().split('\n')
    expect(lines.slice(0, 4)).toEqual([
      'reprodiff: Contents differ',
      `left: demo_pkg-1.0.0-py3-none-any.whl sha256 ${report.left.sha256}`,
      `right: demo_pkg-1.0.0-py3-none-any.whl sha256 ${report.right.sha256}`,
      'members: 0 identical, 12 metadata only, 4 modified, 0 only left, 0 only right',
    ])
    expect(lines.slice(4, 9).every((line) => line.startsWith('- '))).toBe(true)
    expect(lines[9]).toBe('… and 2 more causes')
  })

  it('puts security findings first, marked, and never a raw bidi or invisible character', async () => {
    const text = summaryText(await hostileReport())
    expect(text.split('\n')[4]).toMatch(/^! security: 2 member names/)
    expect(text).not.toMatch(/[\u202e\u200b]/)
    expect(text).toContain('pkg/\\u{202e}gnp.py')
  })
})
