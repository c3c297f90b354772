/**
 * Sides loaded from where they were published (a URL, the Python index JSON API, the npm registry) and the
 * digests they are checked against; the page's half of core/source. Only a user action fetches: every request
 * starts from an action here, called from a button. A finished download becomes a `File` that the caller hands
 * to the diff store's `setFile`, the path a dropped file takes; its checked `source` joins the report
 * (`sourcedReport`, core `withSources`) only while that very File is the side's file.
 */
import { create } from 'zustand'
import {
  DEFAULT_NPM_REGISTRY, DEFAULT_PYTHON_INDEX, listPypiFiles, loadReleaseFile, loadSource, parseDigest, toCoreError, verifySource, withSources,
  type FetchLike, type RemoteSpec, type ReleaseFile, type SideSource, type SourceOptions, type WholeDigest,
} from '../core/index'
import type { CoreError, Limits, Report, Side } from '../core/types-public'

export type IndexKind = 'python' | 'npm'
export const DEFAULT_INDEX: Record<IndexKind, string> = { python: DEFAULT_PYTHON_INDEX, npm: DEFAULT_NPM_REGISTRY }

export interface SideDownload {
  status: 'idle' | 'listing' | 'downloading' | 'checking' | 'done' | 'failed'
  received: number
  total: number | null
  /** What is being fetched (shown with the progress). */
  url: string | null
  error: CoreError | null
  /** The files of the release asked for, once listed (the file field offers them). */
  releaseFiles: ReleaseFile[]
  /** The checked source, and the File it belongs to. */
  source: SideSource | null
  file: File | null
}

const IDLE: SideDownload = { status: 'idle', received: 0, total: null, url: null, error: null, releaseFiles: [], source: null, file: null }

export interface SourceState {
  sides: Record<Side, SideDownload>
  /** The expected digest typed for each side (SHA-256 hex or an npm sha512-… integrity). */
  expected: Record<Side, string>
  indexKind: IndexKind
  indexBase: string
  setIndex(kind: IndexKind, base?: string): void
  setExpected(side: Side, text: string): void
  /** Downloads one side (a URL or an index release file); resolves with the File, or null when it failed or was cancelled. */
  fetchSide(side: Side, spec: RemoteSpec | ReleaseFile, limits: Limits): Promise<File | null>
  /** Lists a Python release's files for the file field. */
  listFiles(side: Side, project: string, version: string): Promise<ReleaseFile[]>
  /** A local file chosen for a side: its source is only the pasted digest, checked against it. */
  localFile(side: Side, file: File): Promise<void>
  cancel(): void
}

/** The page's fetch: no credentials and no referrer go to an index the user named. */
const pageFetch: FetchLike = (url, init) => fetch(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' })

/** npm's sha512 integrity through Web Crypto, which digests one buffer (core/source/digest.ts states the limit). */
const webCryptoDigest: WholeDigest = async (algorithm, bytes) => {
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm === 'sha512' ? 'SHA-512' : 'SHA-384', bytes as Uint8Array<ArrayBuffer>))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const controllers: Partial<Record<Side, AbortController>> = {}

function begin(side: Side): AbortController {
  controllers[side]?.abort()
  const controller = new AbortController()
  controllers[side] = controller
  return controller
}

export const useSourceStore = create<SourceState>((set, get) => {
  const patch = (side: Side, fields: Partial<SideDownload>) => set((state) => ({ sides: { ...state.sides, [side]: { ...state.sides[side], ...fields } } }))
  const failed = (side: Side, thrown: unknown) => patch(side, { status: 'failed', error: toCoreError(thrown, 'READ_FAILED') })
  /** Checks the side's file against its published digest and the typed one; a typo is said, never taken as a mismatch. */
  const recheck = async (side: Side) => {
    const { file, source } = get().sides[side]
    const text = get().expected[side].trim()
    if (!file) return
    const base: SideSource = {}
    if (source?.url) base.url = source.url
    if (source?.publishedDigest) base.publishedDigest = source.publishedDigest
    if (text && !parseDigest(text)) {
      return patch(side, { source: base.url ? base : null, error: { code: 'CORRUPT_STRUCTURE', message: `${JSON.stringify(text)} is not a SHA-256 (64 hex digits) or an integrity string (sha512-…)` } })
    }
    if (text) base.expectedDigest = text
    try {
      const checked = await verifySource(file, base, { wholeDigest: webCryptoDigest })
      if (get().sides[side].file === file && get().expected[side].trim() === text) patch(side, { source: checked.url || checked.expectedDigest ? checked : null, error: null })
    } catch (thrown) {
      failed(side, thrown)
    }
  }
  return {
    sides: { left: IDLE, right: IDLE },
    expected: { left: '', right: '' },
    indexKind: 'python',
    indexBase: DEFAULT_PYTHON_INDEX,

    setIndex(kind, base) {
      set({ indexKind: kind, indexBase: base ?? DEFAULT_INDEX[kind] })
    },

    setExpected(side, text) {
      set((state) => ({ expected: { ...state.expected, [side]: text } }))
      // The side's file is checked again as the digest is typed (a download keeps its URL and published digest).
      if (get().sides[side].file) void recheck(side)
    },

    async listFiles(side, project, version) {
      const controller = begin(side)
      const { indexBase } = get()
      patch(side, { ...IDLE, status: 'listing', url: indexBase })
      try {
        const releaseFiles = await listPypiFiles(indexBase, project, version, pageFetch, controller.signal)
        patch(side, { status: 'idle', releaseFiles })
        return releaseFiles
      } catch (thrown) {
        failed(side, thrown)
        return []
      }
    },

    async fetchSide(side, spec, limits) {
      const controller = begin(side)
      const { indexKind, indexBase, expected } = get()
      const keep = get().sides[side].releaseFiles
      const direct = 'url' in spec
      patch(side, { ...IDLE, releaseFiles: keep, status: direct ? 'downloading' : 'listing', url: direct ? spec.url : indexBase })
      try {
        const options: SourceOptions = {
          fetch: pageFetch, wholeDigest: webCryptoDigest, signal: controller.signal, limits, expected: expected[side] || undefined,
          ...(indexKind === 'python' ? { pythonIndex: indexBase } : { npmRegistry: indexBase }),
          onResolved: (release) => patch(side, { status: 'downloading', url: release.url }),
          onProgress: (progress) => patch(side, { received: progress.received, total: progress.total, ...(progress.total !== null && progress.received >= progress.total ? { status: 'checking' } : {}) }),
        }
        // A file listed from its release is downloaded as listed: the index is not asked twice.
        const loaded = 'kind' in spec ? await loadSource(spec, options) : await loadReleaseFile(spec, options)
        const file = new File([loaded.blob!], loaded.name)
        patch(side, { status: 'done', source: loaded.source, file })
        return file
      } catch (thrown) {
        failed(side, thrown)
        return null
      }
    },

    async localFile(side, file) {
      patch(side, { ...IDLE, file })
      await recheck(side)
    },

    cancel() {
      for (const side of ['left', 'right'] as const) controllers[side]?.abort()
    },
  }
})

/** The report with each side's checked source, for the sides whose file is the one that was checked. */
export function sourcedReport(report: Report, files: Record<Side, File | null>): Report {
  const { sides } = useSourceStore.getState()
  const of = (side: Side) => (sides[side].source && sides[side].file === files[side] ? sides[side].source : null)
  return withSources(report, { left: of('left'), right: of('right') })
}
