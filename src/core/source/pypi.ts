/**
 * The Python index's JSON API (Warehouse "JSON API", also served by devpi and most mirrors):
 * `GET <index>/pypi/<project>/<version>/json` answers `{ urls: [{ filename, url, digests: { sha256 }, size,
 * packagetype }] }`, one entry per file of the release. Only that shape is read; everything else is ignored.
 */
import { fail } from '../errors'
import { indexBase } from './index-spec'

export const DEFAULT_PYTHON_INDEX = 'https://pypi.org'

/** One downloadable file of a release, with the digest its index publishes. */
export interface ReleaseFile {
  filename: string
  url: string
  /** `sha256:<hex>` (Python index) or an SRI `sha512-<base64>` (npm `dist.integrity`). */
  publishedDigest?: string
  size?: number
}

export function pypiReleaseUrl(index: string, project: string, version: string): string {
  return `${indexBase(index)}/pypi/${encodeURIComponent(project)}/${encodeURIComponent(version)}/json`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function releaseFile(entry: unknown, base: string): ReleaseFile | null {
  if (!isRecord(entry) || typeof entry.filename !== 'string' || typeof entry.url !== 'string') return null
  let url: string
  try {
    url = new URL(entry.url, base).href
  } catch {
    return null
  }
  const file: ReleaseFile = { filename: entry.filename, url }
  const sha256 = isRecord(entry.digests) ? entry.digests.sha256 : undefined
  if (typeof sha256 === 'string' && /^[0-9a-f]{64}$/i.test(sha256)) file.publishedDigest = `sha256:${sha256.toLowerCase()}`
  if (typeof entry.size === 'number') file.size = entry.size
  return file
}

/** The release's files from the JSON answer at `jsonUrl` (relative file URLs resolve against it). */
export function parsePypiRelease(json: unknown, jsonUrl: string): ReleaseFile[] {
  if (!isRecord(json) || !Array.isArray(json.urls)) fail('CORRUPT_STRUCTURE', `${jsonUrl} is not a Python index release (no "urls" list)`)
  const files: ReleaseFile[] = []
  for (const entry of json.urls) {
    const file = releaseFile(entry, jsonUrl)
    if (file) files.push(file)
  }
  return files
}

/** The file asked for, or the release's only file; otherwise names what there is. */
export function pickReleaseFile(files: ReleaseFile[], filename: string | undefined, what: string): ReleaseFile {
  if (filename !== undefined) {
    const found = files.find((file) => file.filename === filename)
    if (found) return found
    fail('READ_FAILED', `${what} has no file ${filename}; it has: ${files.map((file) => file.filename).join(', ') || 'no files'}`)
  }
  if (files.length === 1) return files[0]
  if (files.length === 0) fail('READ_FAILED', `${what} has no files`)
  fail('READ_FAILED', `${what} has ${files.length} files, name one (PROJECT==VERSION:FILENAME): ${files.map((file) => file.filename).join(', ')}`)
}
