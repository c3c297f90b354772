/** Sides loaded from where they were published: URLs, the Python index JSON API, the npm registry (load-source.ts). */
export { parseSideSpec, isUrl, indexBase, type SideSpec, type ParsedSpec } from './index-spec'
export { DEFAULT_PYTHON_INDEX, pypiReleaseUrl, type ReleaseFile } from './pypi'
export { DEFAULT_NPM_REGISTRY, npmVersionUrl } from './npm'
export { parseDigest, MAX_ONE_BUFFER_DIGEST_BYTES, type DigestUsing, type ExpectedDigest, type WholeDigest } from './digest'
export { download, unreachable, type DownloadProgress, type FetchLike } from './download'
export { listPypiFiles, loadReleaseFile, loadSource, resolveRelease, verifySource, type LoadedSource, type RemoteSpec, type SideSource, type SourceOptions } from './load-source'
export { withSources } from './with-sources'
