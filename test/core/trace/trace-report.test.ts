import { describe, expect, it } from 'vitest'
import { analyzeReport, isSourceBuildPair, traceReadings, type Report } from '../../../src/core/index'
import { PKG_INFO, readPair, sdistBytes, WHEEL, wheelBytes, type Files } from './build-pair'

const SOURCE: Files = {
  'PKG-INFO': PKG_INFO,
  'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n',
  'pkg/__init__.py': 'from .core import run\n',
  'pkg/core.py': 'def run():\n    return 1\n',
  'tests/test_core.py': 'def test(): pass\n',
}
const BUILT: Files = { 'pkg/__init__.py': SOURCE['pkg/__init__.py'], 'pkg/core.py': SOURCE['pkg/core.py'] }

async function trace(source: Files, built: Files, options: Parameters<typeof wheelBytes>[1] = {}): Promise<Report> {
  const [sdist, wheel] = await readPair(sdistBytes(source), wheelBytes(built, options))
  return analyzeReport(traceReadings(sdist, wheel))
}

const PLATLIB_WHEEL = WHEEL.replace('Root-Is-Purelib: true', 'Root-Is-Purelib: false')

const traceOf = (report: Report, path: string) => report.members.find((member) => member.rightPath === path)?.trace

describe('traceReadings', () => {
  it('traces a clean pure-Python wheel: every module from the source, dist-info generated', async () => {
    const report = await trace(SOURCE, BUILT)
    expect(report.mode).toBe('trace')
    expect(report.trace!.verdict).toBe('traced')
    expect(report.trace!.counts).toEqual({ 'from-source': 2, 'differs-from-source': 0, generated: 3, compiled: 0, untraceable: 0 })
    expect(traceOf(report, 'pkg/core.py')).toEqual({ status: 'from-source', source: 'pkg-1.0/pkg/core.py' })
    expect(traceOf(report, 'pkg-1.0.dist-info/RECORD')).toMatchObject({ status: 'generated' })
    expect(report.trace!.mapping).toEqual([{ source: 'pkg-1.0/pkg/', wheel: 'pkg/' }])
    expect(report.trace!.line).toBe('traceable: 2 of 5 wheel files match the source byte for byte; 3 generated as expected; 0 untraceable')
    expect(report.findings.filter((f) => f.cause === 'untraceable-member')).toEqual([])
    // The sdist's own files that no wheel member comes from are listed too, as sdist-only.
    expect(report.members.find((m) => m.leftPath === 'pkg-1.0/tests/test_core.py')?.status).toBe('left-only')
  })

  it('maps a src/ layout, and says where the mapping came from', async () => {
    const source = { ...SOURCE, 'src/pkg/__init__.py': SOURCE['pkg/__init__.py'], 'src/pkg/core.py': SOURCE['pkg/core.py'] }
    delete (source as Files)['pkg/__init__.py']
    delete (source as Files)['pkg/core.py']
    const report = await trace(source, BUILT)
    expect(report.trace!.verdict).toBe('traced')
    expect(report.trace!.mapping).toEqual([{ source: 'pkg-1.0/src/pkg/', wheel: 'pkg/' }])
    expect(report.trace!.notes).toContain('mapping pkg/ ← pkg-1.0/src/pkg/ follows the src/ layout')
  })

  it('follows package-dir from pyproject.toml', async () => {
    const source: Files = {
      'PKG-INFO': PKG_INFO,
      'pyproject.toml': '[tool.setuptools]\npackage-dir = { "pkg" = "lib/pkg" }\n',
      'lib/pkg/__init__.py': SOURCE['pkg/__init__.py'], 'lib/pkg/core.py': SOURCE['pkg/core.py'],
    }
    const report = await trace(source, BUILT)
    expect(report.trace!.verdict).toBe('traced')
    expect(report.trace!.mapping).toEqual([{ source: 'pkg-1.0/lib/pkg/', wheel: 'pkg/' }])
    expect(report.trace!.notes.some((note) => note.includes('[tool.setuptools] package-dir'))).toBe(true)
  })

  it('flags an injected module with a consistent RECORD as untraceable', async () => {
    const report = await trace(SOURCE, { ...BUILT, 'pkg/_telemetry.py': 'import os\n' })
    expect(traceOf(report, 'pkg/_telemetry.py')).toEqual({ status: 'untraceable' })
    expect(report.trace!.verdict).toBe('untraceable-content')
    expect(report.package!.right.record!.hashMismatch).toEqual([])
    const found = report.findings.filter((f) => f.cause === 'untraceable-member')
    expect(found.map((f) => f.members)).toEqual([['pkg/_telemetry.py']])
    expect(found[0].severity).toBe('security')
    expect(report.findings[0].cause).toBe('untraceable-member')
    expect(report.trace!.line).toMatch(/^not traceable: 2 of 6 wheel files .*; 1 untraceable$/)
  })

  it('flags one changed line as differs-from-source, paired with the source file for the diff', async () => {
    const report = await trace(SOURCE, { ...BUILT, 'pkg/core.py': 'def run():\n    return 2\n' })
    const member = report.members.find((m) => m.rightPath === 'pkg/core.py')!
    expect(member.trace).toEqual({ status: 'differs-from-source', source: 'pkg-1.0/pkg/core.py' })
    expect(member.status).toBe('modified')
    expect(member.leftPath).toBe('pkg-1.0/pkg/core.py')
    expect(report.trace!.verdict).toBe('untraceable-content')
    expect(report.trace!.line).toContain('1 differs from the source')
    expect(report.findings.find((f) => f.cause === 'untraceable-member')?.evidence).toMatchObject({ status: 'differs-from-source', source: 'pkg-1.0/pkg/core.py' })
  })

  it('lists a .pth file and an executable script first among untraceable members', async () => {
    const report = await trace(SOURCE, {
      ...BUILT, 'pkg/extra.py': 'x = 1\n', 'pkg-1.0.data/scripts/runme': '#!python\nimport pkg\n', 'zzz-hook.pth': 'import pkg._hook\n',
    })
    const order = report.findings.filter((f) => f.cause === 'untraceable-member').map((f) => f.members[0])
    expect(order).toEqual(['zzz-hook.pth', 'pkg-1.0.data/scripts/runme', 'pkg/extra.py'])
    expect(report.findings[0].title).toMatch(/zzz-hook\.pth is a \.pth file/)
  })

  it('names the sources of a C extension: compiled, rebuild to verify', async () => {
    // A wheel with an extension module is platlib: its WHEEL says Root-Is-Purelib: false (dist-info-check.ts).
    const report = await trace({ ...SOURCE, 'pkg/_speedups.c': '/* C */\n' }, { ...BUILT, 'pkg/_speedups.cpython-312-x86_64-linux-gnu.so': new Uint8Array([0x7f, 0x45, 0x4c, 0x46]) }, { distInfo: { WHEEL: PLATLIB_WHEEL } })
    expect(traceOf(report, 'pkg/_speedups.cpython-312-x86_64-linux-gnu.so')).toEqual({ status: 'compiled', sources: ['pkg-1.0/pkg/_speedups.c'], generator: 'compiler' })
    expect(report.trace!.verdict).toBe('traced')
    expect(report.trace!.line).toBe('traceable: 2 of 6 wheel files match the source byte for byte; 3 generated as expected; 1 compiled from pkg-1.0/pkg/_speedups.c (rebuild to verify); 0 untraceable')
  })

  it('calls an extension module without any source untraceable', async () => {
    const report = await trace(SOURCE, { ...BUILT, 'pkg/_blob.abi3.so': new Uint8Array([1, 2, 3]) })
    expect(traceOf(report, 'pkg/_blob.abi3.so')).toEqual({ status: 'untraceable' })
  })

  it('traces extra data files and scripts by path, and a script whose only change is the #! line', async () => {
    const source = { ...SOURCE, 'share/pkg.conf': 'a = 1\n', 'scripts/pkg-run': '#!/usr/bin/env python\nimport pkg\n' }
    const report = await trace(source, {
      ...BUILT, 'pkg-1.0.data/data/share/pkg.conf': 'a = 1\n', 'pkg-1.0.data/scripts/pkg-run': '#!python\nimport pkg\n',
    })
    expect(traceOf(report, 'pkg-1.0.data/data/share/pkg.conf')).toEqual({ status: 'from-source', source: 'pkg-1.0/share/pkg.conf' })
    expect(traceOf(report, 'pkg-1.0.data/scripts/pkg-run')).toEqual({ status: 'generated', source: 'pkg-1.0/scripts/pkg-run', generator: 'shebang rewrite' })
    expect(report.trace!.verdict).toBe('traced')
  })

  it('calls a script changed past its #! line different from the source', async () => {
    const source = { ...SOURCE, 'scripts/pkg-run': '#!/usr/bin/env python\nimport pkg\n' }
    const report = await trace(source, { ...BUILT, 'pkg-1.0.data/scripts/pkg-run': '#!python\nimport pkg, os\n' })
    expect(traceOf(report, 'pkg-1.0.data/scripts/pkg-run')?.status).toBe('differs-from-source')
  })

  it('accepts a setuptools-scm version file with the wheel version, and not one that does more', async () => {
    const scm = "# file generated by setuptools-scm\n__version__ = version = '1.0'\n__version_tuple__ = version_tuple = (1, 0)\n"
    const source = { ...SOURCE, 'pyproject.toml': '[tool.setuptools_scm]\n' }
    const clean = await trace(source, { ...BUILT, 'pkg/_version.py': scm })
    expect(traceOf(clean, 'pkg/_version.py')).toEqual({ status: 'generated', generator: 'setuptools-scm (version 1.0)' })
    const hostile = await trace(source, { ...BUILT, 'pkg/_version.py': `${scm}import os; os.system('x')\n` })
    expect(traceOf(hostile, 'pkg/_version.py')).toEqual({ status: 'untraceable' })
    const wrong = await trace(source, { ...BUILT, 'pkg/_version.py': scm.replace(/1\.0/g, '9.9').replace('(1, 0)', '(9, 9)') })
    expect(traceOf(wrong, 'pkg/_version.py')).toEqual({ status: 'untraceable' })
  })

  it('names vendored libraries on their own in the verdict line, and .pyc with their source', async () => {
    const report = await trace(SOURCE, {
      ...BUILT, 'pkg.libs/libfoo-1a2b3c.so.1': new Uint8Array([0x7f, 0x45]), 'pkg/__pycache__/core.cpython-312.pyc': new Uint8Array([0xcb, 0x0d, 0x0d, 0x0a]),
    })
    expect(traceOf(report, 'pkg.libs/libfoo-1a2b3c.so.1')).toEqual({ status: 'generated', generator: 'auditwheel (vendored library)' })
    expect(traceOf(report, 'pkg/__pycache__/core.cpython-312.pyc')).toEqual({ status: 'compiled', sources: ['pkg-1.0/pkg/core.py'], generator: 'byte-compiled' })
    expect(report.trace!.line).toContain('1 vendored library added by auditwheel, which no source explains')
  })

  it('checks METADATA against PKG-INFO and names the fields that differ', async () => {
    const metadata = 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nRequires-Python: >=3.8\nRequires-Dist: requests>=2\nRequires-Dist: evil-helper\n'
    const report = await trace(SOURCE, BUILT, { distInfo: { METADATA: metadata } })
    expect(report.package!.fields).toEqual([{ source: 'PKG-INFO', field: 'Requires-Dist', left: ['requests>=2'], right: ['requests>=2', 'evil-helper'], orderOnly: false }])
    expect(traceOf(report, 'pkg-1.0.dist-info/METADATA')).toEqual({ status: 'differs-from-source', source: 'pkg-1.0/PKG-INFO', generator: 'dist-info' })
    const found = report.findings.find((f) => f.members.includes('pkg-1.0.dist-info/METADATA'))!
    expect(found.cause).toBe('untraceable-member')
    expect(found.title).toContain('Requires-Dist')
  })

  it('checks METADATA and entry points against pyproject.toml [project]', async () => {
    const source = { ...SOURCE, 'pyproject.toml': '[project]\nname = "pkg"\nversion = "1.0"\ndependencies = ["requests >= 2"]\n[project.scripts]\npkg = "pkg:run"\n' }
    const ok = await trace(source, BUILT, { distInfo: { 'entry_points.txt': '[console_scripts]\npkg = pkg:run\n' } })
    expect(ok.trace!.verdict).toBe('traced')
    const changed = await trace(source, BUILT, { distInfo: { 'entry_points.txt': '[console_scripts]\npkg = pkg._evil:run\n' } })
    expect(changed.package!.fields.map((f) => `${f.source}: ${f.field}`)).toEqual(['pyproject.toml [project]: console_scripts / pkg'])
    expect(traceOf(changed, 'pkg-1.0.dist-info/entry_points.txt')?.status).toBe('differs-from-source')
  })

  it('calls an unknown dist-info file untraceable and a licence file from the source', async () => {
    const source = { ...SOURCE, LICENSE: 'MIT\n' }
    const report = await trace(source, BUILT, { distInfo: { 'licenses/LICENSE': 'MIT\n', 'hook.py': 'x\n' } })
    expect(traceOf(report, 'pkg-1.0.dist-info/licenses/LICENSE')).toEqual({ status: 'generated', source: 'pkg-1.0/LICENSE', generator: 'dist-info licence file' })
    expect(traceOf(report, 'pkg-1.0.dist-info/hook.py')).toEqual({ status: 'untraceable' })
  })

  it('leaves a compare report without mode, and recognises the source/build pairing', async () => {
    const [sdist, wheel] = await readPair(sdistBytes(SOURCE), wheelBytes(BUILT))
    expect(isSourceBuildPair(sdist, wheel)).toBe('left-is-source')
    expect(isSourceBuildPair(wheel, sdist)).toBe('right-is-source')
    expect(isSourceBuildPair(wheel, wheel)).toBeNull()
    expect(isSourceBuildPair(sdist, sdist)).toBeNull()
  })

  it('says error when the wheel could not be read completely', async () => {
    const whole = wheelBytes(BUILT)
    const [sdist, cut] = await readPair(sdistBytes(SOURCE), whole.slice(0, whole.length - 30) as Uint8Array<ArrayBuffer>)
    expect(cut.error?.code).toBe('TRUNCATED')
    const report = analyzeReport(traceReadings(sdist, cut))
    expect(report.trace!.verdict).toBe('error')
    expect(report.trace!.line).toMatch(/^incomplete \(the wheel could not be read completely: The zip end-of-central-directory record is missing/)
  })
})

describe('traceReadings, more layouts and checks', () => {
  it('calls a licence file whose bytes differ from the source different', async () => {
    const report = await trace({ ...SOURCE, LICENSE: 'MIT\n' }, BUILT, { distInfo: { 'licenses/LICENSE': 'GPL\n' } })
    expect(traceOf(report, 'pkg-1.0.dist-info/licenses/LICENSE')).toEqual({ status: 'differs-from-source', source: 'pkg-1.0/LICENSE', generator: 'dist-info licence file' })
  })

  it('maps namespace packages under src/ through setup.cfg, and purelib data', async () => {
    const source: Files = { 'PKG-INFO': PKG_INFO, 'setup.cfg': '[options]\npackage_dir =\n    =src\n', 'src/ns/sub/mod.py': 'y = 2\n' }
    const report = await trace(source, { 'ns/sub/mod.py': 'y = 2\n', 'pkg-1.0.data/purelib/ns/sub/mod.py': 'y = 2\n' })
    expect(traceOf(report, 'ns/sub/mod.py')).toEqual({ status: 'from-source', source: 'pkg-1.0/src/ns/sub/mod.py' })
    expect(traceOf(report, 'pkg-1.0.data/purelib/ns/sub/mod.py')).toEqual({ status: 'from-source', source: 'pkg-1.0/src/ns/sub/mod.py' })
    expect(report.trace!.notes).toContain('mapping ns/ ← pkg-1.0/src/ns/ follows setup.cfg [options] package_dir')
  })

  it('traces Cython output to its .pyx', async () => {
    const report = await trace({ ...SOURCE, 'pkg/fast.pyx': 'def f(): pass\n' }, { ...BUILT, 'pkg/fast.c': '/* Generated by Cython */\n' })
    expect(traceOf(report, 'pkg/fast.c')).toEqual({ status: 'generated', source: 'pkg-1.0/pkg/fast.pyx', generator: 'Cython' })
  })

  it('compares only content for paired members: tar and zip headers are not a difference', async () => {
    const report = await trace(SOURCE, BUILT)
    const member = report.members.find((m) => m.rightPath === 'pkg/core.py')!
    expect(member.status).toBe('identical')
    expect(member.changed).toEqual([])
    expect(report.findings.map((f) => f.cause)).not.toContain('timestamps')
  })
})

describe('traceReadings, entry points from an egg-info', () => {
  it('checks the wheel entry points against the sdist egg-info entry_points.txt', async () => {
    const source = { ...SOURCE, 'pkg.egg-info/entry_points.txt': '[console_scripts]\npkg = pkg:run\n' }
    const ok = await trace(source, BUILT, { distInfo: { 'entry_points.txt': '[console_scripts]\npkg = pkg:run\n' } })
    expect(ok.trace!.verdict).toBe('traced')
    const hijacked = await trace(source, BUILT, { distInfo: { 'entry_points.txt': '[console_scripts]\npkg = pkg:run\npip = pkg:evil\n' } })
    expect(hijacked.package!.fields).toEqual([{ source: 'pkg-1.0/pkg.egg-info/entry_points.txt', field: 'console_scripts / pip', left: [], right: ['pkg:evil'], orderOnly: false }])
    expect(traceOf(hijacked, 'pkg-1.0.dist-info/entry_points.txt')).toEqual({ status: 'differs-from-source', source: 'pkg-1.0/pkg.egg-info/entry_points.txt', generator: 'dist-info' })
  })
})

describe('untraceable-member on metadata', () => {
  it('names a License-File the sdist does not have, on METADATA only', async () => {
    const metadata = 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nRequires-Python: >=3.8\nRequires-Dist: requests>=2\nLicense-File: COPYING\n'
    const report = await trace(SOURCE, BUILT, { distInfo: { METADATA: metadata, 'entry_points.txt': '[console_scripts]\nx = pkg:run\n' } })
    expect(traceOf(report, 'pkg-1.0.dist-info/METADATA')).toEqual({ status: 'differs-from-source', source: 'pkg-1.0/PKG-INFO', generator: 'dist-info' })
    const found = report.findings.filter((f) => f.cause === 'untraceable-member')
    expect(found.map((f) => f.members[0])).toEqual(['pkg-1.0.dist-info/METADATA'])
    // PKG-INFO 2.1 may leave License-File out (before PEP 643), so only the missing file is a difference.
    expect(found[0].evidence.fields).toEqual([{ source: 'sdist files', field: 'License-File', source_values: [], wheel_values: ['COPYING'] }])
  })
})

describe('metadata check rules (PEP 643) and Rust extensions', () => {
  it('from Metadata-Version 2.2, a field PKG-INFO lacks and does not mark Dynamic must be absent from the wheel', async () => {
    const pkgInfo = 'Metadata-Version: 2.2\nName: pkg\nVersion: 1.0\nDynamic: Requires-Python\n'
    const metadata = 'Metadata-Version: 2.2\nName: pkg\nVersion: 1.0\nRequires-Python: >=3.9\nRequires-Dist: evil\n'
    const report = await trace({ ...SOURCE, 'PKG-INFO': pkgInfo }, BUILT, { distInfo: { METADATA: metadata } })
    expect(report.package!.fields.map((f) => f.field)).toEqual(['Requires-Dist'])
  })

  it('traces a PyO3 extension to its crate', async () => {
    const report = await trace({ ...SOURCE, 'Cargo.toml': '[package]\n', 'src/lib.rs': 'fn f() {}\n' }, { ...BUILT, 'pkg/_native.pyd': new Uint8Array([0x4d, 0x5a]) })
    expect(traceOf(report, 'pkg/_native.pyd')).toEqual({ status: 'compiled', sources: ['pkg-1.0/Cargo.toml', 'pkg-1.0/src/lib.rs'], generator: 'compiler' })
  })
})
