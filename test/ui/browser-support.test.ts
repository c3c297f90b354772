import { describe, expect, it } from 'vitest'
import { missingFeatures, type FeatureHost } from '../../src/ui/browser-support'

/** A Worker constructor as Chromium's: it reads options.type while converting the options, then rejects the URL. */
class ModuleWorker {
  constructor(url: string, options: { type?: string }) {
    void options.type
    throw new SyntaxError(`bad URL ${url}`)
  }
}
/** As Firefox before 114: options.type is not a member it knows, so it is never read. */
class ClassicWorker {
  constructor(url: string) {
    throw new SyntaxError(`bad URL ${url}`)
  }
}
class Decompression {
  constructor(format: string) {
    if (!['gzip', 'deflate', 'deflate-raw'].includes(format)) throw new TypeError('unsupported')
  }
}
/** As Chromium before 103: gzip and deflate, but no raw deflate. */
class DecompressionWithoutRaw {
  constructor(format: string) {
    if (format === 'deflate-raw') throw new TypeError('unsupported')
  }
}

const complete = (): FeatureHost => ({
  Worker: ModuleWorker,
  DecompressionStream: Decompression,
  crypto: { subtle: { digest: () => undefined } },
  Blob: { prototype: { stream: () => undefined } },
  WebAssembly: { instantiate: () => undefined },
  isSecureContext: true,
})
const ids = (host: FeatureHost) => missingFeatures(host).map((feature) => feature.id)

describe('missingFeatures', () => {
  it('finds nothing missing in a complete browser', () => {
    expect(missingFeatures(complete())).toEqual([])
  })

  it('tells module workers from classic-only workers without loading a script', () => {
    expect(ids({ ...complete(), Worker: ClassicWorker })).toEqual(['module-workers'])
    expect(ids({ ...complete(), Worker: undefined })).toEqual(['module-workers'])
  })

  it('needs DecompressionStream with both gzip and deflate-raw', () => {
    expect(ids({ ...complete(), DecompressionStream: undefined })).toEqual(['decompression-stream'])
    expect(ids({ ...complete(), DecompressionStream: DecompressionWithoutRaw })).toEqual(['decompression-stream'])
  })

  it('explains a missing crypto.subtle by the page not being served from a secure context', () => {
    const [feature] = missingFeatures({ ...complete(), crypto: {}, isSecureContext: false })
    expect(feature.id).toBe('web-crypto')
    expect(feature.partial).toBe(false)
    expect(feature.consequence).toMatch(/https:\/\/ or localhost/)
  })

  it('names Blob.stream and WebAssembly; only WebAssembly is partial (xz alone)', () => {
    const missing = missingFeatures({ ...complete(), Blob: { prototype: {} }, WebAssembly: undefined })
    expect(missing.map((feature) => [feature.id, feature.partial])).toEqual([['blob-stream', false], ['webassembly', true]])
    expect(missing[1].consequence).toMatch(/\.xz/)
  })

  it('reports everything on an empty global and never throws', () => {
    expect(ids({})).toEqual(['module-workers', 'decompression-stream', 'web-crypto', 'blob-stream', 'webassembly'])
  })
})
