/** The Markdown export (issue 11, Exports): golden files for the sample pair and for hostile names, and its size budget. */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../src/core/index'
import { markdownText } from '../../../src/core/export/escape'
import { expectGolden, HOSTILE_NAMES, hostileReport, sampleReport } from './export-fixtures'

describe('renderMarkdown', () => {
  it('writes the sample pair as the committed golden file: verdict, digests, causes with remedies, differing members', async () => {
    const report = await sampleReport()
    const text = renderMarkdown(report)
    expect(text).toContain('## reprodiff: Contents differ')
    expect(text).toContain(`\`${report.left.sha256}\``)
    expect(text).toContain(`\`${report.right.sha256}\``)
    expect(text).toContain('**what to do:** Set SOURCE\\_DATE\\_EPOCH')
    expect(text).toContain('| ≠ | demo\\_pkg/core.py | modified |')
    expectGolden('sample.md', text)
  })

  it('gives the same bytes for the same report, twice', async () => {
    expect(renderMarkdown(await sampleReport())).toBe(renderMarkdown(await sampleReport()))
  })

  it('escapes hostile names: no raw HTML, link, image, autolink, table break or bidi character (golden)', async () => {
    const text = renderMarkdown(await hostileReport())
    expect(text).not.toMatch(/(?<!\\)<(script|img|b)\b/)
    expect(text).not.toMatch(/(?<!\\)\]\(/)
    expect(text).not.toMatch(/(?<!\\)!(?<!\\)\[/)
    expect(text).not.toMatch(/https?:\/\//)
    expect(text).not.toMatch(/(?<!\\)@/)
    expect(text).not.toMatch(/www\.evil/)
    expect(text).not.toMatch(/[\u202e\u200b]/)
    expect(text).toContain('pkg/\\\\u\\{202e\\}gnp.py')
    expect(text).toContain('pipe\\|in\\|name.py')
    expect(text).toContain('back\\`tick\\`.py')
    // Every table row of the members table keeps its 7 cells: no pipe in a name splits one.
    const rows = text.split('\n').filter((line) => /^\| [=M≠+-] \|/.test(line))
    expect(rows).toHaveLength(HOSTILE_NAMES.length)
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(7)
    expectGolden('hostile.md', text)
  })

  it('stays under its budget and says what it left out', async () => {
    const report = await sampleReport()
    const text = renderMarkdown(report, 3000)
    expect(text.length).toBeLessThanOrEqual(3000)
    expect(text).toMatch(/_Left out to stay under 65,000 characters: (\d+ of \d+ [a-z -]+(, )?)+\./)
    expect(text).toContain(report.left.sha256!)
  })
})

describe('markdownText', () => {
  it('escapes what starts a block at the start of a cell or item', () => {
    expect(markdownText('- x')).toBe('\\- x')
    expect(markdownText('12. x')).toBe('12\\. x')
    expect(markdownText('> x')).toBe('\\> x')
  })
  it('leaves a name already in displayed form as it is, apart from Markdown escapes (no double escaping of \\u{…})', () => {
    expect(markdownText('a\\u{200b}b')).toBe('a\\\\u\\{200b\\}b')
    expect(markdownText('a\u200bb')).toBe('a\\\\u\\{200b\\}b')
  })
})

describe('renderMarkdown at scale', () => {
  it('keeps 200,000 differing members under 65,000 characters and counts the rows it left out', async () => {
    const report = await sampleReport()
    const template = report.members.find((member) => member.status === 'modified')!
    const members = Array.from({ length: 200_000 }, (_, i) => ({ ...template, path: `pkg/m${i}.py` }))
    const text = renderMarkdown({ ...report, members })
    expect(text.length).toBeLessThanOrEqual(65_000)
    const rows = text.split('\n').filter((line) => line.startsWith('| ≠ |')).length
    expect(text).toContain(`${200_000 - rows} of 200000 differing members`)
  })
})
