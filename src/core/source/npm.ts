/**
 * The npm registry's version document (npm registry API, "GET /{package}/{version}"): `dist.tarball` is the
 * tarball's URL and `dist.integrity` its Subresource Integrity string (`sha512-<base64>`, W3C SRI), which npm
 * itself checks on install.
 */
import { fail } from '../errors'
import { indexBase } from './index-spec'
import type { ReleaseFile } from './pypi'

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org'

/** A scoped name keeps its `@` and has its `/` escaped, as the npm client asks (`@scope%2Fname`). */
export function npmVersionUrl(registry: string, name: string, version: string): string {
  return `${indexBase(registry)}/${name.replace('/', '%2F')}/${encodeURIComponent(version)}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function parseNpmVersion(json: unknown, documentUrl: string): ReleaseFile {
  const dist = isRecord(json) && isRecord(json.dist) ? json.dist : null
  if (!dist || typeof dist.tarball !== 'string') fail('CORRUPT_STRUCTURE', `${documentUrl} is not an npm version document (no "dist.tarball")`)
  let url: string
  try {
    url = new URL(dist.tarball, documentUrl).href
  } catch {
    fail('CORRUPT_STRUCTURE', `${documentUrl}: "dist.tarball" is not a URL`)
  }
  const filename = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'package.tgz')
  const file: ReleaseFile = { filename, url }
  if (typeof dist.integrity === 'string') file.publishedDigest = dist.integrity.trim()
  return file
}
