/**
 * Which of two readings is the source (sdist) and which the build (wheel), from their formats and names only:
 * an sdist is a `.tar.gz`/`.zip` with a `PKG-INFO` at its root or a `pyproject.toml`/`setup.py` (PEP 517, the
 * source distribution format spec); a wheel is a `.whl` with a `*.dist-info/WHEEL` (PEP 427).
 */
import type { ArtifactReading } from '../types'
import { singleRoot } from '../compare/pair-members'

const SDIST_NAME = /\.(tar\.gz|tgz|zip)$/i
const SDIST_FORMATS = new Set(['tar+gzip', 'zip', 'tar'])
const SOURCE_ROOT_FILES = new Set(['PKG-INFO', 'pyproject.toml', 'setup.py'])
const WHEEL_FILE = /^[^/]+\.dist-info\/WHEEL$/

export function isSdistReading(reading: ArtifactReading): boolean {
  if (!SDIST_NAME.test(reading.name) || !reading.format || !SDIST_FORMATS.has(reading.format)) return false
  const root = singleRoot(reading.members)
  return reading.members.some((member) => member.type === 'file' && member.path.startsWith(root) && SOURCE_ROOT_FILES.has(member.path.slice(root.length)))
}

export function isWheelReading(reading: ArtifactReading): boolean {
  return /\.whl$/i.test(reading.name) && reading.format === 'zip' && reading.members.some((member) => WHEEL_FILE.test(member.path))
}

/** `left-is-source` when left is an sdist and right a wheel, and the mirror; null for any other pair. */
export function isSourceBuildPair(left: ArtifactReading, right: ArtifactReading): 'left-is-source' | 'right-is-source' | null {
  if (isSdistReading(left) && isWheelReading(right)) return 'left-is-source'
  if (isWheelReading(left) && isSdistReading(right)) return 'right-is-source'
  return null
}
