/** Python-aware package comparison: RECORD verified against what was read, and metadata field differences. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkRecord, comparePackages, isPackageMetadataPath } from '../../../src/core/compare/package'
import { RECORD_ROW_ORDER, type ArtifactReading, type Member } from '../../../src/core/index'

const encoder = new TextEncoder()
const sha = (text: string) => createHash('sha256').update(text).digest()
/** A RECORD row as wheel writes it, computed here independently of src/core/python/record.ts. */
const row = (path: string, text: string) => `${path},sha256=${sha(text).toString('base64url')},${encoder.encode(text).length}`

/** A reading of the given files (a path ending in / is a directory); package metadata files are retained. */
function reading(name: string, files: [string, string][]): ArtifactReading {
  const members: Member[] = files.map(([path, text], index) => ({
    index, path, type: path.endsWith('/') ? 'dir' : 'file', size: path.endsWith('/') ? 0 : encoder.encode(text).length,
    sha256: path.endsWith('/') ? null : sha(text).toString('hex'), offset: index * 100, meta: {},
  }))
  const retained: Record<number, Uint8Array> = {}
  files.forEach(([path, text], index) => {
    if (isPackageMetadataPath(path, text.length)) retained[index] = encoder.encode(text)
  })
  // `as`: the reading may carry more fields (anomalies) than a given version of the type requires.
  return { name, size: 1000, sha256: null, format: 'zip', fields: {}, members, retained, anomalies: [] } as ArtifactReading
}

const INIT = 'from .core import greet\n'
const CORE = 'def greet():\n    return "hi"\n'
const RECORD = 'pkg-1.0.dist-info/RECORD'

describe('checkRecord', () => {
  const files: [string, string][] = [['pkg/', ''], ['pkg/__init__.py', INIT], ['pkg/core.py', CORE]]

  it('finds nothing wrong when every row matches, RECORD listing itself with no hash', () => {
    const text = [row('pkg/__init__.py', INIT), row('pkg/core.py', CORE), `${RECORD},,`].join('\n') + '\n'
    const check = checkRecord(reading('pkg-1.0-py3-none-any.whl', [...files, [RECORD, text]]), RECORD, text)
    expect(check).toEqual({ path: RECORD, rows: 3, hashMismatch: [], sizeMismatch: [], listedButMissing: [], notListed: [], unverified: [] })
  })

  it('lists rows hashed with another algorithm as unverified, not as mismatches', () => {
    const text = `${row('pkg/__init__.py', INIT)}\npkg/core.py,sha512=abc,${CORE.length}\n${RECORD},,\n`
    const check = checkRecord(reading('pkg-1.0-py3-none-any.whl', [...files, [RECORD, text]]), RECORD, text)
    expect(check).toMatchObject({ hashMismatch: [], unverified: ['pkg/core.py'] })
  })

  it('reports a hash mismatch with the listed and the actual hash', () => {
    const text = `${row('pkg/__init__.py', INIT)}\npkg/core.py,sha256=${sha('other').toString('base64url')},${CORE.length}\n${RECORD},,\n`
    const check = checkRecord(reading('x.whl', [...files, [RECORD, text]]), RECORD, text)
    expect(check.hashMismatch).toEqual([{ path: 'pkg/core.py', listed: `sha256=${sha('other').toString('base64url')}`, actual: `sha256=${sha(CORE).toString('base64url')}` }])
    expect(check.sizeMismatch).toEqual([])
  })

  it('reports a size mismatch on its own when the hash is right', () => {
    const text = `${row('pkg/__init__.py', INIT)}\npkg/core.py,sha256=${sha(CORE).toString('base64url')},999\n${RECORD},,\n`
    const check = checkRecord(reading('x.whl', [...files, [RECORD, text]]), RECORD, text)
    expect(check.sizeMismatch).toEqual([{ path: 'pkg/core.py', listed: '999', actual: CORE.length }])
    expect(check.hashMismatch).toEqual([])
  })

  it('reports rows whose file is missing and files RECORD does not list (directories, RECORD and signatures excepted)', () => {
    const text = `${row('pkg/__init__.py', INIT)}\n${row('pkg/gone.py', 'x')}\n${RECORD},,\n`
    const check = checkRecord(reading('x.whl', [...files, [RECORD, text], ['pkg-1.0.dist-info/RECORD.jws', '{}']]), RECORD, text)
    expect(check.listedButMissing).toEqual(['pkg/gone.py'])
    expect(check.notListed).toEqual(['pkg/core.py'])
    expect(check.rows).toBe(3)
  })

  it('does not flag RECORD itself when it is not listed', () => {
    const text = `${row('pkg/__init__.py', INIT)}\n${row('pkg/core.py', CORE)}\n`
    expect(checkRecord(reading('x.whl', [...files, [RECORD, text]]), RECORD, text).notListed).toEqual([])
  })

  it('reads quoted paths and CRLF rows', () => {
    const odd = 'pkg/a,b.py'
    const text = `"${odd}",sha256=${sha(CORE).toString('base64url')},${CORE.length}\r\n${RECORD},,\r\n`
    const check = checkRecord(reading('x.whl', [[odd, CORE], [RECORD, text]]), RECORD, text)
    expect(check).toMatchObject({ rows: 2, hashMismatch: [], sizeMismatch: [], listedButMissing: [], notListed: [] })
  })
})

const METADATA_10 = 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nClassifier: A\nClassifier: B\nRequires-Dist: a\n\nOld description.\n'
const METADATA_11 = 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.1\nClassifier: B\nClassifier: A\nRequires-Dist: a\nRequires-Dist: b\n\nNew description.\n'
const WHEEL = (generator: string) => `Wheel-Version: 1.0\nGenerator: ${generator}\nRoot-Is-Purelib: true\nTag: py3-none-any\n`

function wheel(version: string, metadata: string, generator: string, entryPoints: string, order: 'files-first' | 'files-last' = 'files-first') {
  const di = `pkg-${version}.dist-info`
  const files: [string, string][] = [['pkg/__init__.py', INIT], [`${di}/METADATA`, metadata], [`${di}/WHEEL`, WHEEL(generator)], [`${di}/entry_points.txt`, entryPoints]]
  const rows = files.map(([path, text]) => row(path, text))
  const record = [...(order === 'files-first' ? rows : [...rows].reverse()), `${di}/RECORD,,`].join('\n') + '\n'
  return reading(`pkg-${version}-py3-none-any.whl`, [...files, [`${di}/RECORD`, record]])
}

describe('comparePackages', () => {
  it('describes each wheel and verifies its RECORD', () => {
    const left = wheel('1.0', METADATA_10, 'bdist_wheel (0.42.0)', '[console_scripts]\npkg = pkg.cli:main\n')
    const comparison = comparePackages(left, left)!
    expect(comparison.left).toMatchObject({ kind: 'wheel', name: 'pkg', version: '1.0', generator: 'bdist_wheel (0.42.0)', metadataVersion: '2.1' })
    expect(comparison.left.record).toMatchObject({ path: 'pkg-1.0.dist-info/RECORD', rows: 5, hashMismatch: [], notListed: [] })
    expect(comparison.fields).toEqual([])
  })

  it('lists the differences of file name, WHEEL, METADATA, entry points and RECORD', () => {
    const left = wheel('1.0', METADATA_10, 'bdist_wheel (0.42.0)', '[console_scripts]\npkg = pkg.cli:main\n')
    const right = wheel('1.1', METADATA_11, 'bdist_wheel (0.43.0)', '[console_scripts]\npkg = pkg.cli:run\n[gui_scripts]\npkg-gui = pkg.gui:main\n', 'files-last')
    const fields = comparePackages(left, right)!.fields
    const bySource = (source: string) => fields.filter((f) => f.source === source).map((f) => ({ field: f.field, left: f.left, right: f.right, orderOnly: f.orderOnly }))
    expect(bySource('file name')).toEqual([{ field: 'version', left: ['1.0'], right: ['1.1'], orderOnly: false }])
    expect(bySource('WHEEL')).toEqual([{ field: 'Generator', left: ['bdist_wheel (0.42.0)'], right: ['bdist_wheel (0.43.0)'], orderOnly: false }])
    expect(bySource('METADATA')).toEqual([
      { field: 'Version', left: ['1.0'], right: ['1.1'], orderOnly: false },
      { field: 'Classifier', left: ['A', 'B'], right: ['B', 'A'], orderOnly: true },
      { field: 'Requires-Dist', left: ['a'], right: ['a', 'b'], orderOnly: false },
      { field: 'Description (body)', left: ['Old description.'], right: ['New description.'], orderOnly: false },
    ])
    expect(bySource('entry_points.txt')).toEqual([
      { field: 'console_scripts / pkg', left: ['pkg.cli:main'], right: ['pkg.cli:run'], orderOnly: false },
      { field: 'gui_scripts / pkg-gui', left: [], right: ['pkg.gui:main'], orderOnly: false },
    ])
    // RECORD rows are keyed without the dist-info version; pkg/__init__.py is the same on both sides.
    expect(bySource('RECORD').map((f) => f.field)).toEqual(['pkg.dist-info/METADATA', 'pkg.dist-info/WHEEL', 'pkg.dist-info/entry_points.txt', RECORD_ROW_ORDER])
  })

  it('compares PKG-INFO of two sdists under different roots', () => {
    const sdist = (version: string, metadata: string) => reading(`pkg-${version}.tar.gz`, [[`pkg-${version}/`, ''], [`pkg-${version}/PKG-INFO`, metadata], [`pkg-${version}/setup.py`, 'x']])
    const comparison = comparePackages(sdist('1.0', METADATA_10), sdist('1.1', METADATA_10.replace('Version: 1.0', 'Version: 1.1')))!
    expect(comparison.left).toMatchObject({ kind: 'sdist', version: '1.0', record: null, generator: null })
    expect(comparison.right.version).toBe('1.1')
    expect(comparison.fields.map((f) => [f.source, f.field, f.left, f.right])).toEqual([
      ['file name', 'version', ['1.0'], ['1.1']],
      ['PKG-INFO', 'Version', ['1.0'], ['1.1']],
    ])
  })

  it('gives null for archives that are not Python packages', () => {
    const plain = reading('files.zip', [['README', 'hello']])
    expect(comparePackages(plain, plain)).toBeNull()
  })
})
