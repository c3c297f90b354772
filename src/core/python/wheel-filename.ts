/**
 * Wheel file names (binary distribution format, packaging.python.org .../binary-distribution-format/):
 * {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl
 */
export interface WheelFilename {
  distribution: string
  version: string
  buildTag: string | null
  pythonTag: string
  abiTag: string
  platformTag: string
}

export function parseWheelFilename(name: string): WheelFilename | null {
  if (!name.toLowerCase().endsWith('.whl')) return null
  const parts = name.slice(0, -4).split('-')
  if (parts.length !== 5 && parts.length !== 6) return null
  const [distribution, version] = parts
  const buildTag = parts.length === 6 ? parts[2] : null
  const [pythonTag, abiTag, platformTag] = parts.slice(-3)
  return { distribution, version, buildTag, pythonTag, abiTag, platformTag }
}

/** An sdist's {name}-{version} from its file name, e.g. `MarkupSafe-2.1.2.tar.gz` (sdist spec: the version follows the last dash). */
export function parseSdistFilename(name: string): { distribution: string; version: string } | null {
  const match = /^(.+)-([^-]+?)\.(tar\.gz|tgz|zip|tar\.bz2|tar\.xz|tar\.zst|tar)$/i.exec(name)
  return match ? { distribution: match[1], version: match[2] } : null
}
