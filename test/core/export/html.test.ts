/** The HTML export (issue 11, Exports): self-contained, strict CSP, no script, hostile names as text; text diffs within a budget. */
import { describe, expect, it } from 'vitest'
import { HTML_CSP, renderHtml } from '../../../src/core/index'
import { renderDiffs } from '../../../src/core/export/html-diffs'
import { hunks, lineDiff } from '../../../src/core/export/line-diff'
import { expectGolden, HOSTILE_NAMES, hostileReport, sampleReport } from './export-fixtures'

const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'section', 'span', 'code', 'strong', 'dl', 'dt', 'dd', 'div', 'ul', 'li', 'details', 'summary', 'pre'])
const ALLOWED_ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'title', 'data-verdict', 'data-cause', 'open'])

/** Every tag and attribute name in the text (attributes read from each start tag). */
function markup(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>()
  const attributes = new Set<string>()
  for (const [, tag, rest] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    tags.add(tag.toLowerCase())
    for (const [, attribute] of rest.matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)) attributes.add(attribute.toLowerCase())
  }
  return { tags, attributes }
}

describe('renderHtml', () => {
  it('carries its own strict CSP, and no script, link, image or URL attribute', async () => {
    const html = renderHtml(await sampleReport(), { diffs: null })
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`)
    expect(HTML_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/)
    const { tags, attributes } = markup(html)
    for (const tag of tags) expect(ALLOWED_TAGS).toContain(tag)
    for (const attribute of attributes) expect(ALLOWED_ATTRIBUTES).toContain(attribute)
    expect(html).toContain('data-verdict="content-differs"')
    expect(html).toContain('Set SOURCE_DATE_EPOCH')
    expect(html).toContain('Diffs not included')
  })

  it('writes hostile names and contents as text only', async () => {
    const report = await hostileReport()
    const diffs = report.members.map((member) => ({ path: member.path, leftText: `<script>alert(1)</script>\n\u202eleft\n`, rightText: '<img src=x onerror=alert(1)>\n\u202eright\n' }))
    const html = renderHtml(report, { diffs })
    const { tags, attributes } = markup(html)
    for (const tag of tags) expect(ALLOWED_TAGS).toContain(tag)
    for (const attribute of attributes) expect(ALLOWED_ATTRIBUTES).toContain(attribute)
    expect(html).not.toMatch(/[\u202e\u200b]/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.py')
    expect(html).toContain('<span class="line add">+&lt;img src=x onerror=alert(1)&gt;</span>')
    expect(html).toContain('\\u{202e}right')
    expect(html.match(/<details open>/g)).toHaveLength(HOSTILE_NAMES.length)
    expectGolden('hostile.html', html)
  })

  it('gives the same bytes twice', async () => {
    expect(renderHtml(await sampleReport(), { diffs: [] })).toBe(renderHtml(await sampleReport(), { diffs: [] }))
  })
})

describe('text diffs', () => {
  it('finds the shortest edit script (Myers) and groups it into hunks with 3 lines of context', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']
    const b = ['a', 'b', 'X', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']
    const ops = lineDiff(a, b)!
    expect(ops.filter((op) => op.kind !== 'same')).toEqual([{ kind: 'removed', text: 'c' }, { kind: 'added', text: 'X' }, { kind: 'added', text: 'k' }])
    const groups = hunks(ops)
    expect(groups.map((hunk) => [hunk.leftStart, hunk.rightStart, hunk.ops.length])).toEqual([[1, 1, 7], [8, 8, 4]])
  })

  it('gives up past its edit cap instead of taking quadratic time', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}`)
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}`)
    expect(lineDiff(a, b)).toBeNull()
  })

  it('states its budget and names the diffs it left out', () => {
    const big = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n')
    const html = renderDiffs([{ path: 'one.txt', leftText: big, rightText: big.replace(/line/g, 'LINE') }, { path: 'two.txt', leftText: 'x', rightText: 'y' }], 200)
    expect(html).toContain('up to 200 characters of diff in all')
    expect(html).toContain('1 of 2 diffs not included')
    expect(html).toContain('<details open><summary>two.txt</summary>')
  })
})

describe('renderHtml at scale', () => {
  it('renders 200,000 differing members in bounded tables that say how many they left out', async () => {
    const report = await sampleReport()
    const template = report.members.find((member) => member.status === 'modified')!
    const members = Array.from({ length: 200_000 }, (_, i) => ({ ...template, path: `pkg/d${i % 100}/m${i}.py` }))
    const html = renderHtml({ ...report, members }, { diffs: null })
    expect(html).toContain('180000 more differing members are not listed here')
    expect(html).toContain('180000 more members are not listed here')
    expect(html.length).toBeLessThan(30_000_000)
  })
})
