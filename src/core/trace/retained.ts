/**
 * What the source trace reads as text, kept while reading (like the package metadata, compare/package.ts) so
 * nothing is read twice: the sdist's build configuration (pyproject.toml, setup.cfg; PKG-INFO already is), version
 * files (to check one that setuptools-scm or hatch-vcs wrote) and scripts (to see a change limited to the `#!` line):
 * a wheel's `.data/scripts/`, an sdist's `scripts/` and `bin/`.
 */
const SOURCE_CONFIG = /^([^/]+\/)?(pyproject\.toml|setup\.cfg)$/
const VERSION_FILE = /(^|\/)(_version|version|__version__)\.py$/
const SCRIPT = /(^[^/]+\.data\/scripts\/|^([^/]+\/)?(scripts|bin)\/)[^/]+$/
const MAX_CONFIG_BYTES = 1024 * 1024
const MAX_VERSION_FILE_BYTES = 64 * 1024

export function isSourceMetadataPath(path: string, size: number): boolean {
  if (VERSION_FILE.test(path)) return size <= MAX_VERSION_FILE_BYTES
  return size <= MAX_CONFIG_BYTES && (SOURCE_CONFIG.test(path) || SCRIPT.test(path))
}
