/**
 * One side loaded from where it was published: the index document resolved to a file (Python index JSON API,
 * npm registry), the file downloaded, then its bytes checked against the published digest and the one the user
 * gave, before anything reads them. What was fetched and what matched goes into the report as `source`.
 */
import { fail } from '../errors'
import type { Kernels } from '../kernels'
import { resolveLimits } from '../limits'
import type { ArtifactSummary, Limits } from '../types'
import { checkDigests, parseDigest, type DigestAlgorithm, type DigestUsing, type WholeDigest } from './digest'
import { download, fetchJson, type DownloadProgress, type FetchLike } from './download'
import type { SideSpec } from './index-spec'
import { DEFAULT_NPM_REGISTRY, npmVersionUrl, parseNpmVersion } from './npm'
import { DEFAULT_PYTHON_INDEX, parsePypiRelease, pickReleaseFile, pypiReleaseUrl, type ReleaseFile } from './pypi'

export type SideSource = NonNullable<ArtifactSummary['source']>
export type RemoteSpec = Exclude<SideSpec, { kind: 'path' }>

export interface SourceOptions {
  fetch: FetchLike
  /** Python index base URL (default https://pypi.org). */
  pythonIndex?: string
  /** npm registry base URL (default https://registry.npmjs.org). */
  npmRegistry?: string
  /** A digest the user expects: SHA-256 hex or an SRI string (`sha512-…`). */
  expected?: string
  limits?: Partial<Limits>
  signal?: AbortSignal
  onProgress?: (progress: DownloadProgress) => void
  kernels?: Partial<Kernels>
  /** SHA-384/512 of bytes held whole, for npm integrity strings (the page: Web Crypto; the CLI: node:crypto). */
  wholeDigest?: WholeDigest
  /** Where the downloaded bytes go (the CLI's temporary file); default: kept as a Blob. */
  sink?: (chunk: Uint8Array) => Promise<void> | void
  /** With a sink: the written file, read back for a digest other than the SHA-256 hashed while downloading. */
  written?: () => Promise<Blob>
  /** Called once the file is known, before its download starts (the CLI names its temporary file after it). */
  onResolved?: (file: ReleaseFile) => void
}

export interface LoadedSource {
  /** The file name the artefact is read under (the release file's, or the URL's last segment). */
  name: string
  /** The bytes, unless a sink took them. */
  blob?: Blob
  bytes: number
  sha256: string
  source: SideSource
}

/** The files of one Python release, as its index lists them (the page shows them to pick from). */
export async function listPypiFiles(index: string, project: string, version: string, fetchFunction: FetchLike, signal?: AbortSignal): Promise<ReleaseFile[]> {
  const url = pypiReleaseUrl(index, project, version)
  return parsePypiRelease(await fetchJson(url, fetchFunction, signal), url)
}

/** The file a spec names: the URL itself, or what the index document points at. */
export async function resolveRelease(spec: RemoteSpec, options: SourceOptions): Promise<ReleaseFile> {
  if (spec.kind === 'url') return { url: spec.url, filename: nameFromUrl(spec.url) }
  if (spec.kind === 'pypi') {
    const files = await listPypiFiles(options.pythonIndex ?? DEFAULT_PYTHON_INDEX, spec.project, spec.version, options.fetch, options.signal)
    return pickReleaseFile(files, spec.filename, `${spec.project} ${spec.version}`)
  }
  const url = npmVersionUrl(options.npmRegistry ?? DEFAULT_NPM_REGISTRY, spec.name, spec.version)
  return parseNpmVersion(await fetchJson(url, options.fetch, options.signal), url)
}

export function nameFromUrl(url: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop()
  try {
    return last ? decodeURIComponent(last) : 'download'
  } catch {
    return last ?? 'download'
  }
}

/**
 * Checks a file against the published digest and the expected one; `digestOk` is false when any given digest
 * fails, true when at least one was checked and all matched, absent when there was none. A digest that
 * cannot be parsed is an error, never skipped.
 */
export async function verifySource(blob: Blob, source: SideSource, using: DigestUsing & { known?: Partial<Record<DigestAlgorithm, string>> } = {}): Promise<SideSource> {
  const known = { ...using.known }
  const given = [source.publishedDigest, source.expectedDigest].filter((text): text is string => text !== undefined && text !== '')
  if (given.length === 0) return source
  let ok = true
  for (const text of given) {
    const expected = parseDigest(text)
    if (!expected) fail('CORRUPT_STRUCTURE', `${JSON.stringify(text)} is not a SHA-256 (64 hex digits) or an integrity string (sha512-…)`)
    const result = await checkDigests(blob, expected, known, using)
    Object.assign(known, result.actual)
    ok &&= result.ok
  }
  return { ...source, digestOk: ok }
}

/** Resolves, downloads under maxTotalBytes, and verifies one side; throws a CoreFailure naming what was tried. */
export async function loadSource(spec: RemoteSpec, options: SourceOptions): Promise<LoadedSource> {
  return loadReleaseFile(await resolveRelease(spec, options), options)
}

/** Downloads and verifies a file already resolved (one the page listed from its release: no second look-up). */
export async function loadReleaseFile(file: ReleaseFile, options: SourceOptions): Promise<LoadedSource> {
  options.onResolved?.(file)
  const downloaded = await download(file.url, {
    fetch: options.fetch, signal: options.signal, onProgress: options.onProgress, kernels: options.kernels, sink: options.sink,
    maxBytes: resolveLimits(options.limits).maxTotalBytes,
  })
  const source: SideSource = { url: file.url }
  if (file.publishedDigest) source.publishedDigest = file.publishedDigest
  if (options.expected?.trim()) source.expectedDigest = options.expected.trim()
  const blob = downloaded.blob ?? (options.written ? await options.written() : new Blob([]))
  const verified = await verifySource(blob, source, { known: { sha256: downloaded.sha256 }, signal: options.signal, kernels: options.kernels, wholeDigest: options.wholeDigest })
  return { name: file.filename, blob: downloaded.blob, bytes: downloaded.bytes, sha256: downloaded.sha256, source: verified }
}
