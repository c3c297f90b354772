/**
 * What the page needs from the browser, checked once at load so a missing piece is named at the top of the page
 * instead of failing later in a worker with an error that means nothing to a reviewer. Chromium has it all;
 * older Firefox (no module workers before 114) and Safari (DecompressionStream from 16.4), and any page served
 * over plain http from another host (no `crypto.subtle` outside a secure context), may not.
 * Pure: it reads only the global it is given, so tests pass a fake one.
 */

export interface MissingFeature {
  /** Stable id, for tests and the page's data-missing attribute. */
  id: 'module-workers' | 'decompression-stream' | 'web-crypto' | 'blob-stream' | 'webassembly'
  name: string
  /** What the reviewer loses, in plain words. */
  consequence: string
  /** false: the page cannot compare anything; true: only some files cannot be read. */
  partial: boolean
}

/** The parts of `globalThis` read here; every one may be absent. */
export interface FeatureHost {
  Worker?: unknown
  DecompressionStream?: unknown
  crypto?: { subtle?: { digest?: unknown } }
  Blob?: { prototype?: { stream?: unknown } }
  WebAssembly?: { instantiate?: unknown }
  isSecureContext?: boolean
}

/**
 * A browser reads `options.type` while converting the options of `new Worker` only if it knows module workers;
 * the URL is invalid on purpose, so nothing is fetched and no CSP rule is hit (the constructor throws first).
 */
function hasModuleWorkers(host: FeatureHost): boolean {
  if (typeof host.Worker !== 'function') return false
  let read = false
  const options = { get type() { read = true; return 'module' as const } }
  try {
    new (host.Worker as new (url: string, options: object) => unknown)('http://[invalid', options)
  } catch {
    // Expected: the URL does not parse.
  }
  return read
}

function hasDecompressionStream(host: FeatureHost): boolean {
  if (typeof host.DecompressionStream !== 'function') return false
  const Stream = host.DecompressionStream as new (format: string) => unknown
  try {
    // Zip members are inflated as raw deflate; Safari 16.4 and Firefox 113 have both formats.
    new Stream('gzip')
    new Stream('deflate-raw')
    return true
  } catch {
    return false
  }
}

const CHECKS: { feature: Omit<MissingFeature, 'consequence'> & { consequence: (host: FeatureHost) => string }; present: (host: FeatureHost) => boolean }[] = [
  {
    feature: { id: 'module-workers', name: 'module workers', partial: false, consequence: () => 'files are read in module workers, so nothing can be compared' },
    present: hasModuleWorkers,
  },
  {
    feature: { id: 'decompression-stream', name: "DecompressionStream ('gzip' and 'deflate-raw')", partial: false, consequence: () => '.tar.gz files and compressed zip members cannot be read' },
    present: hasDecompressionStream,
  },
  {
    feature: {
      id: 'web-crypto', name: 'Web Crypto (crypto.subtle)', partial: false,
      consequence: (host) => `no SHA-256 can be computed, so nothing can be compared${host.isSecureContext === false ? ' (browsers offer it only on https:// or localhost pages; this page was not served that way)' : ''}`,
    },
    present: (host) => typeof host.crypto?.subtle?.digest === 'function',
  },
  {
    feature: { id: 'blob-stream', name: 'Blob.stream()', partial: false, consequence: () => 'files cannot be read as streams, so nothing can be compared' },
    present: (host) => typeof host.Blob?.prototype?.stream === 'function',
  },
  {
    feature: { id: 'webassembly', name: 'WebAssembly', partial: true, consequence: () => '.xz and .tar.xz files cannot be read (everything else can)' },
    present: (host) => typeof host.WebAssembly?.instantiate === 'function',
  },
]

/** The features this browser lacks, in the order above (the blocking ones first); empty in Chromium. */
export function missingFeatures(host: FeatureHost): MissingFeature[] {
  const missing: MissingFeature[] = []
  for (const { feature, present } of CHECKS) {
    let ok = false
    try {
      ok = present(host)
    } catch {
      ok = false
    }
    if (!ok) missing.push({ ...feature, consequence: feature.consequence(host) })
  }
  return missing
}
