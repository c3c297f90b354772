/** Archives inside archives for the nested tests: wheels inside npm-like tarballs, deep zips, a zip that holds itself. */
import { zipSync } from 'fflate'
import { gzipOf, tarEntry, tarOf } from './build-tar'

const text = new TextEncoder()

/** A wheel of `x` at `version`, its members written at `mtime` (seconds). */
export function wheel(version: string, mtime: number, files: Record<string, string> = {}): Uint8Array<ArrayBuffer> {
  const date = new Date(mtime * 1000)
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
    'x/__init__.py': [text.encode(files['x/__init__.py'] ?? 'VALUE = 1\n'), { mtime: date }],
    [`x-${version}.dist-info/WHEEL`]: [text.encode('Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n'), { mtime: date }],
  }
  return zipSync(entries) as Uint8Array<ArrayBuffer>
}

/** An npm-like tarball (`package/…`, gzip) holding `package/pypi/<wheel name>` and a package.json. */
export function npmTarball(wheelName: string, wheelBytes: Uint8Array, mtime: number): Uint8Array<ArrayBuffer> {
  return gzipOf(tarOf([
    tarEntry({ name: 'package/package.json', mtime }, '{"name":"x"}\n'),
    tarEntry({ name: `package/pypi/${wheelName}`, mtime }, wheelBytes),
  ]))
}

/** A zip holding `inner.zip` holding … `levels` deep, the innermost holding `deep.txt`. */
export function deepZip(levels: number, payload = 'deep\n'): Uint8Array<ArrayBuffer> {
  let bytes = zipSync({ 'deep.txt': text.encode(payload) }) as Uint8Array<ArrayBuffer>
  for (let level = 1; level < levels; level++) bytes = zipSync({ 'inner.zip': [bytes, { level: 0 }] }) as Uint8Array<ArrayBuffer>
  return bytes
}
