/**
 * From the bytes to the report: a file that is two containers carries its readings into the report and
 * raises `ambiguous-format`, even when both sides are byte-identical (issue 7 item 2).
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts } from '../../../src/core/index'
import { blobSource, buildTar, buildZip } from './build-archives'

const TAR = buildTar([{ name: 'pkg/setup.py', data: 'print("tar")\n' }])
const POLYGLOT = buildZip([{ name: 'pkg/__init__.py', data: 'print("zip")\n' }], { prefix: TAR })

describe('ambiguous-format in the report', () => {
  it('two identical tar+zip wheels: identical, and the security finding names both readings of each side', async () => {
    const report = await compareArtifacts(blobSource('demo-1.0-py3-none-any.whl', POLYGLOT), blobSource('demo-1.0-py3-none-any.whl', POLYGLOT.slice()))
    expect(report.verdict).toBe('identical')
    expect(report.left.readings?.map((r) => [r.format, r.offset, r.chosen])).toEqual([['tar', 0, false], ['zip', TAR.length, true]])
    expect(report.left.readingChoice).toMatch(/\.whl/)
    const found = report.findings.filter((f) => f.cause === 'ambiguous-format')
    expect(found.map((f) => f.evidence.side)).toEqual(['left', 'right'])
    expect(found[0].severity).toBe('security')
    expect(found[0].title).toMatch(new RegExp(`tar at offset 0; zip at offset ${TAR.length}.*\\(compared\\)`))
  })
})
