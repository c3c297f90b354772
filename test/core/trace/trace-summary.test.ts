/** A trace report is summarised by its verdict line, and its sdist-only or generated files are not "unexplained content". */
import { describe, expect, it } from 'vitest'
import { analyzeReport, traceReadings } from '../../../src/core/index'
import { PKG_INFO, readPair, sdistBytes, wheelBytes, type Files } from './build-pair'

const SOURCE: Files = {
  'PKG-INFO': PKG_INFO,
  'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n',
  'pkg/__init__.py': 'x = 1\n',
  'tests/test_pkg.py': 'def test(): pass\n',
}

async function traced(built: Files) {
  const [sdist, wheel] = await readPair(sdistBytes(SOURCE), wheelBytes(built))
  return analyzeReport(traceReadings(sdist, wheel))
}

describe('the summary of a source trace', () => {
  it('is the verdict line for a clean trace, with no content cause for the sdist-only test file', async () => {
    const report = await traced({ 'pkg/__init__.py': SOURCE['pkg/__init__.py'] })
    expect(report.trace!.verdict).toBe('traced')
    expect(report.summary).toBe(report.trace!.line)
    expect(report.findings.map((f) => f.cause)).not.toContain('content')
  })
  it('leads with the verdict line, then the untraceable member', async () => {
    const report = await traced({ 'pkg/__init__.py': SOURCE['pkg/__init__.py'], 'pkg/_extra.py': 'import os\n' })
    expect(report.summary.startsWith(`${report.trace!.line}; `)).toBe(true)
    expect(report.summary).toContain('pkg/_extra.py')
  })
})
