/** WHEEL and top_level.txt are checked against the wheel's own contents (src/core/trace/dist-info-check.ts). */
import { describe, expect, it } from 'vitest'
import { analyzeReport, traceReadings, type Report } from '../../../src/core/index'
import { PKG_INFO, readPair, sdistBytes, WHEEL, wheelBytes, type Files } from './build-pair'

const SOURCE: Files = { 'PKG-INFO': PKG_INFO, 'pkg/__init__.py': 'x = 1\n' }
const BUILT: Files = { 'pkg/__init__.py': 'x = 1\n' }

async function trace(built: Files, distInfo: Files): Promise<Report> {
  const [sdist, wheel] = await readPair(sdistBytes(SOURCE), wheelBytes(built, { distInfo }))
  return analyzeReport(traceReadings(sdist, wheel))
}
const traceOf = (report: Report, name: string) => report.members.find((member) => member.rightPath === `pkg-1.0.dist-info/${name}`)?.trace

describe('WHEEL against the wheel', () => {
  it('is generated when its tags are the file name\'s and a pure wheel says Root-Is-Purelib: true', async () => {
    const report = await trace(BUILT, {})
    expect(traceOf(report, 'WHEEL')).toEqual({ status: 'generated', generator: 'dist-info' })
    expect(report.trace!.verdict).toBe('traced')
  })
  it('names tags that are not the file name\'s', async () => {
    const report = await trace(BUILT, { WHEEL: WHEEL.replace('Tag: py3-none-any', 'Tag: cp312-cp312-manylinux_2_17_x86_64') })
    expect(traceOf(report, 'WHEEL')?.status).toBe('differs-from-source')
    expect(traceOf(report, 'WHEEL')?.generator).toContain('file name pkg-1.0-py3-none-any.whl says py3-none-any')
    expect(report.trace!.verdict).toBe('untraceable-content')
  })
  it('names an extension module in a wheel that says it is pure', async () => {
    const report = await trace({ ...BUILT, 'pkg/_c.cpython-312-x86_64-linux-gnu.so': new Uint8Array([0x7f, 0x45, 0x4c, 0x46]) }, {})
    expect(traceOf(report, 'WHEEL')?.generator).toContain('Root-Is-Purelib: true, but the wheel holds the extension module pkg/_c.cpython-312-x86_64-linux-gnu.so')
  })
})

describe('top_level.txt against the wheel', () => {
  it('is generated when it lists exactly the importable names at the root', async () => {
    const report = await trace({ ...BUILT, 'helper.py': 'y = 2\n' }, { 'top_level.txt': 'helper\npkg\n' })
    expect(traceOf(report, 'top_level.txt')).toEqual({ status: 'generated', generator: 'dist-info' })
  })
  it('names a listed package the wheel lacks and a root package it does not list', async () => {
    const report = await trace({ ...BUILT, 'evil/__init__.py': 'import os\n' }, { 'top_level.txt': 'pkg\nutils\n' })
    const generator = traceOf(report, 'top_level.txt')?.generator
    expect(generator).toContain('lists utils, which the wheel does not hold')
    expect(generator).toContain('does not list evil, which the wheel holds at its root')
  })
})
