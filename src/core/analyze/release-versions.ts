/**
 * What release each side of a report is, read only from the report (rules are pure): a wheel, an sdist
 * that carries PKG-INFO, or an npm package (`package/package.json` inside, `<name>-<semver>.tgz`). A side
 * that is none of these (an arbitrary zip or tarball, whatever its name) has no release version, so two
 * such files are never "different versions" of anything.
 */
import type { MemberComparison, Report, Side } from '../types'

/** PEP 440 public and local versions: the regular expression of PEP 440 appendix B (`packaging.version.VERSION_PATTERN`). */
const PEP_440 = new RegExp(
  '^\\s*v?(?:(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*' +
    '(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?' +
    '(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?' +
    '(?:[-_.]?dev[-_.]?[0-9]*)?)' +
    '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\\s*$',
  'i',
)

/** Semantic Versioning 2.0.0, the regular expression semver.org gives (numbered groups). */
const SEMVER_SOURCE =
  '(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)' +
  '(?:-(?:(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?' +
  '(?:\\+(?:[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?'
const SEMVER = new RegExp(`^${SEMVER_SOURCE}$`)
/** `npm pack` names its tarball `<name>-<version>.tgz` (a scope becomes `scope-name`). */
const NPM_TARBALL = new RegExp(`^(.+?)-(${SEMVER_SOURCE})\\.(?:tgz|tar\\.gz)$`)

export function isPep440Version(version: string): boolean {
  return PEP_440.test(version)
}

export function isSemver(version: string): boolean {
  return SEMVER.test(version)
}

export interface ReleaseVersion {
  kind: 'wheel' | 'sdist' | 'npm'
  version: string
}

function sidePath(member: MemberComparison, side: Side): string | null {
  return side === 'left' ? member.leftPath : member.rightPath
}

/** True when the side has a file member at one of the given paths. */
function hasFile(report: Report, side: Side, accept: (path: string) => boolean): boolean {
  return report.members.some((member) => {
    const path = sidePath(member, side)
    return path !== null && member[side]?.type === 'file' && accept(path)
  })
}

/** `PKG-INFO` at the top of the sdist's single root directory (or at the top, for an sdist without one). */
const SDIST_PKG_INFO = /^(?:[^/]+\/)?PKG-INFO$/

/** The release version of one side, or null when the side is not a versioned release of a known kind. */
export function releaseVersion(report: Report, side: Side): ReleaseVersion | null {
  const packageSide = report.package?.[side]
  if (packageSide?.kind === 'wheel' && packageSide.version && isPep440Version(packageSide.version)) {
    return { kind: 'wheel', version: packageSide.version }
  }
  // An sdist is a release only with its PKG-INFO (sdist spec: "PKG-INFO ... must be present"); a tarball
  // named like one is just a tarball.
  if (packageSide?.kind === 'sdist' && packageSide.version && isPep440Version(packageSide.version) && hasFile(report, side, (path) => SDIST_PKG_INFO.test(path))) {
    return { kind: 'sdist', version: packageSide.version }
  }
  const npm = NPM_TARBALL.exec(report[side].name)
  if (npm && hasFile(report, side, (path) => path === 'package/package.json')) {
    return { kind: 'npm', version: npm[2] }
  }
  return null
}
