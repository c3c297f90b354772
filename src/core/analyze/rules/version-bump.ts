/**
 * version-bump: the two artefacts are different releases, so content changes are expected. Only a release
 * has a version: a wheel, an sdist with PKG-INFO (PEP 440 versions), or an npm package with
 * `package/package.json` and a semver in its `<name>-<version>.tgz` name (release-versions.ts). Two zips
 * named `x-a.zip` and `x-b.zip`, or tarballs without PKG-INFO, are no version bump, and nothing in them is
 * called "expected".
 */
import { releaseVersion } from '../release-versions'
import { CONTENT, finding, type ExplanationRule } from '../rule'

export const versionBumpRule: ExplanationRule = {
  cause: 'version-bump',
  description: 'The two artefacts are different versions of the project.',
  explain({ report }) {
    const left = releaseVersion(report, 'left')
    const right = releaseVersion(report, 'right')
    if (!left || !right || left.version === right.version) return []
    // Metadata files whose only differing field is Version are explained by the bump itself.
    const fields = report.package?.fields ?? []
    const versionOnly = ['METADATA', 'PKG-INFO'].filter((source) => {
      const ofSource = fields.filter((f) => f.source === source)
      return ofSource.length > 0 && ofSource.every((f) => f.field.toLowerCase() === 'version')
    })
    const members = report.members.filter((m) => m.status === 'modified' && versionOnly.some((source) => m.path.endsWith(source)))
    return [finding({
      cause: 'version-bump',
      title: `Different versions, ${left.version} against ${right.version}: content changes are expected`,
      members: members.map((m) => m.path),
      fields: [CONTENT],
      evidence: { left: left.version, right: right.version, kind: left.kind === right.kind ? left.kind : `${left.kind} against ${right.kind}` },
      remedy: 'Compare two builds of the same version to check reproducibility; across versions, review the content changes.',
    })]
  },
}
