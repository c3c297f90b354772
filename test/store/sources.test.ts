import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { REPORT_SCHEMA, type Report } from '../../src/core/index'
import { sourcedReport, useSourceStore } from '../../src/store/sources'

const BYTES = new TextEncoder().encode('a wheel')
const SHA256 = createHash('sha256').update(BYTES).digest('hex')

function emptyReport(): Report {
  const side = { name: 'a.whl', size: BYTES.length, sha256: SHA256, format: 'zip' as const, memberCount: 0, anomalies: [] }
  return { schema: REPORT_SCHEMA, verdict: 'identical', left: side, right: { ...side }, archive: [], members: [], counts: { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }, package: null, findings: [], summary: '' }
}

describe('page sources', () => {
  it('checks a pasted digest against a local file, again as it is typed, and a typo is said, not a mismatch', async () => {
    const file = new File([BYTES], 'a.whl')
    const store = useSourceStore.getState()
    store.setExpected('left', '0'.repeat(64))
    await store.localFile('left', file)
    expect(useSourceStore.getState().sides.left.source).toEqual({ expectedDigest: '0'.repeat(64), digestOk: false })
    useSourceStore.getState().setExpected('left', SHA256)
    await expect.poll(() => useSourceStore.getState().sides.left.source?.digestOk).toBe(true)
    useSourceStore.getState().setExpected('left', 'abc')
    await expect.poll(() => useSourceStore.getState().sides.left.error?.message).toContain('is not a SHA-256')
    expect(useSourceStore.getState().sides.left.source).toBeNull()
  })

  it('puts a side\'s source into the report only while that very file is the side\'s file', async () => {
    const file = new File([BYTES], 'a.whl')
    useSourceStore.getState().setExpected('right', '1'.repeat(64))
    await useSourceStore.getState().localFile('right', file)
    const report = emptyReport()
    const sourced = sourcedReport(report, { left: null, right: file })
    expect(sourced.right.source?.digestOk).toBe(false)
    expect(sourced.findings[0]?.cause).toBe('digest-mismatch')
    const other = new File([BYTES], 'a.whl')
    expect(sourcedReport(report, { left: null, right: other })).toBe(report)
  })
})
