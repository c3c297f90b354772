/**
 * sdist/wheel pairs built in TypeScript for the source-trace tests: an sdist is a gzipped ustar with one
 * `name-version/` root (sdist spec), a wheel a zip with `.dist-info/METADATA`, `WHEEL` and a RECORD whose rows
 * hash every file (PEP 427, recording-installed-packages), so a wheel with an injected module stays consistent.
 */
import { createHash } from 'node:crypto'
import { buildTar, buildZip, gzip } from '../archive/build-archives'
import { readArtifact, isPackageMetadataPath, type ArtifactReading } from '../../../src/core/index'

export type Files = Record<string, string | Uint8Array>

export const PKG_INFO = 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nRequires-Python: >=3.8\nRequires-Dist: requests>=2\n'
export const METADATA = 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nRequires-Python: >=3.8\nRequires-Dist: requests>=2\n'
export const WHEEL = 'Wheel-Version: 1.0\nGenerator: setuptools (70.0.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n'

const bytes = (value: string | Uint8Array) => (typeof value === 'string' ? new TextEncoder().encode(value) : value)

export function sdistBytes(files: Files, root = 'pkg-1.0/'): Uint8Array<ArrayBuffer> {
  return gzip(buildTar(Object.entries(files).map(([name, data]) => ({ name: `${root}${name}`, data }))))
}

/** A wheel of `files` plus its dist-info (METADATA and WHEEL unless given) and a RECORD that lists every file. */
export function wheelBytes(files: Files, options: { distInfo?: Files; modes?: Record<string, number> } = {}): Uint8Array<ArrayBuffer> {
  const distInfo: Files = { METADATA, WHEEL, ...options.distInfo }
  const all: [string, Uint8Array][] = Object.entries(files).map(([name, data]) => [name, bytes(data)])
  for (const [name, data] of Object.entries(distInfo)) all.push([`pkg-1.0.dist-info/${name}`, bytes(data)])
  const rows = all.map(([name, data]) => `${name},sha256=${createHash('sha256').update(data).digest('base64url')},${data.length}`)
  rows.push('pkg-1.0.dist-info/RECORD,,')
  all.push(['pkg-1.0.dist-info/RECORD', bytes(`${rows.join('\n')}\n`)])
  return buildZip(all.map(([name, data]) => ({ name, data, mode: options.modes?.[name] })))
}

export async function readPair(sdist: Uint8Array<ArrayBuffer>, wheel: Uint8Array<ArrayBuffer>, names = { sdist: 'pkg-1.0.tar.gz', wheel: 'pkg-1.0-py3-none-any.whl' }): Promise<[ArtifactReading, ArtifactReading]> {
  const read = (name: string, data: Uint8Array<ArrayBuffer>) => readArtifact({ name, blob: new Blob([data]) }, { retainMember: isPackageMetadataPath })
  return Promise.all([read(names.sdist, sdist), read(names.wheel, wheel)])
}
