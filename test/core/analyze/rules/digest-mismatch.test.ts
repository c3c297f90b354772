import { describe, expect, it } from 'vitest'
import { explainDifferences } from '../../../../src/core/analyze/explain'
import { withSources } from '../../../../src/core/source/with-sources'
import { report } from '../report-builder'

describe('digest-mismatch', () => {
  it('is a security finding at the top when a side does not match its published digest, even for identical files', () => {
    const built = report([], { verdict: 'identical', left: { name: 'a.whl', source: { url: 'http://x/a.whl', publishedDigest: `sha256:${'0'.repeat(64)}`, digestOk: false } } })
    const findings = explainDifferences(built)
    expect(findings[0]).toMatchObject({ cause: 'digest-mismatch', severity: 'security', evidence: { side: 'left', url: 'http://x/a.whl' } })
  })

  it('says nothing for a matching or an unchecked side', () => {
    const built = report([], { left: { source: { url: 'http://x/a.whl', digestOk: true } }, right: { source: { url: 'http://x/b.whl' } } })
    expect(explainDifferences(built).filter((f) => f.cause === 'digest-mismatch')).toEqual([])
  })

  it('is added by withSources to a report made from local files, first, once, with the summary naming it', () => {
    const built = report([], { verdict: 'identical' })
    const sourced = withSources(built, { right: { url: 'http://x/b.whl', expectedDigest: '1'.repeat(64), digestOk: false } })
    expect(sourced.right.source?.digestOk).toBe(false)
    expect(sourced.findings.map((f) => f.cause)).toEqual(['digest-mismatch'])
    expect(sourced.summary).toContain('does not match')
    expect(withSources(sourced, { right: sourced.right.source }).findings).toHaveLength(1)
  })
})
