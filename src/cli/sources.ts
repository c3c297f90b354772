/**
 * The CLI's sides: a path, or — only when given so — an http(s) URL, `pypi:PROJECT==VERSION[:FILENAME]` or
 * `npm:NAME@VERSION`, downloaded with Node's fetch into a temporary directory under the file's own name (so the
 * report names it as the index does) and checked against its published digest and `--expect-left/-right`
 * before it is read. A local path with an expected digest is checked the same way. The checks go into the
 * report's `source` (core `withSources`, which adds `digest-mismatch` at the top).
 */
import { createHash } from 'node:crypto'
import { openAsBlob } from 'node:fs'
import { mkdir, mkdtemp, open, rm, type FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import {
  loadSource, parseSideSpec, toCoreError, verifySource, withSources,
  type Limits, type RemoteSpec, type Report, type Side, type SideSource, type WholeDigest,
} from '../core/index'
import type { SourceFlags } from './args'
import { NODE_KERNELS } from './node-kernels'

export interface ResolvedSides {
  /** Local paths to read, in order left, right. */
  paths: string[]
  sources: Record<Side, SideSource | null>
  /** Removes the downloads (idempotent). */
  cleanup(): Promise<void>
}

export interface ResolveOptions {
  flags: SourceFlags
  limits: Partial<Limits>
  /** Node's fetch by default; tests may pass another. */
  fetch?: typeof fetch
  /** Progress lines; by default written over one line of stderr when it is a terminal. */
  onProgress?: (line: string) => void
}

const SIDES: Side[] = ['left', 'right']

/** npm's sha512 integrity through node:crypto. */
const wholeDigest: WholeDigest = (algorithm, bytes) => createHash(algorithm).update(bytes).digest('hex')

/** A download's progress on one line of a terminal's stderr; nothing when stderr is a file or a pipe. */
function terminalProgress(line: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line.slice(0, Math.max(20, (process.stderr.columns ?? 80) - 1))}`)
}

async function downloadSide(spec: RemoteSpec, expected: string | undefined, directory: string, options: ResolveOptions): Promise<{ path: string; source: SideSource }> {
  let path = join(directory, 'download')
  let handle: FileHandle | null = null
  const closeHandle = async () => {
    const opened = handle
    handle = null
    await opened?.close()
  }
  try {
    const loaded = await loadSource(spec, {
      fetch: options.fetch ?? fetch, pythonIndex: options.flags.indexUrl, npmRegistry: options.flags.npmRegistry, expected, limits: options.limits, kernels: NODE_KERNELS, wholeDigest,
      onResolved: (file) => void (path = join(directory, basename(file.filename.replace(/\\/g, '/')) || 'download')),
      onProgress: (p) => (options.onProgress ?? terminalProgress)(`${p.url}: ${p.received}${p.total ? ` of ${p.total}` : ''} bytes`),
      sink: async (chunk) => void (await (handle ??= await open(path, 'w')).write(chunk)),
      written: async () => (await closeHandle(), openAsBlob(path)),
    })
    if (process.stderr.isTTY && !options.onProgress) process.stderr.write('\r\x1b[2K')
    // An empty body still makes a file, which the reader names as EMPTY_FILE.
    if (loaded.bytes === 0) await (await open(path, 'w')).close()
    return { path, source: loaded.source }
  } finally {
    await closeHandle()
  }
}

/** Every side as a local path, downloading the remote ones; a problem (bad spec, failed download) is a message. */
export async function resolveSides(specs: string[], options: ResolveOptions): Promise<ResolvedSides | { problem: string }> {
  let directory: string | null = null
  const cleanup = async () => {
    const made = directory
    directory = null
    if (made) await rm(made, { recursive: true, force: true })
  }
  const resolved: ResolvedSides = { paths: [], sources: { left: null, right: null }, cleanup }
  try {
    for (const [i, side] of SIDES.entries()) {
      const parsed = parseSideSpec(specs[i])
      const expected = side === 'left' ? options.flags.expectLeft : options.flags.expectRight
      if (parsed.kind === 'invalid') throw new Error(parsed.problem)
      if (parsed.kind === 'path') {
        resolved.paths.push(parsed.path)
        if (expected) resolved.sources[side] = await verifySource(await openAsBlob(parsed.path), { expectedDigest: expected }, { kernels: NODE_KERNELS, wholeDigest })
        continue
      }
      directory ??= await mkdtemp(join(tmpdir(), 'reprodiff-'))
      const sideDirectory = join(directory, side)
      await mkdir(sideDirectory)
      const { path, source } = await downloadSide(parsed, expected, sideDirectory, options)
      resolved.paths.push(path)
      resolved.sources[side] = source
    }
    return resolved
  } catch (thrown) {
    await cleanup()
    return { problem: `${specs[resolved.paths.length]}: ${toCoreError(thrown, 'READ_FAILED').message}` }
  }
}

/** The report with each side's source and, for a digest that did not match, the `digest-mismatch` finding first. */
export function applySources(report: Report, resolved: Pick<ResolvedSides, 'sources'>): Report {
  return withSources(report, resolved.sources)
}
