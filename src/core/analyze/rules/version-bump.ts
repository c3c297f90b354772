/** version-bump: the project version differs (file name, METADATA/PKG-INFO Version), so content changes are expected. */
import { CONTENT, finding, type ExplanationRule } from '../rule'

export const versionBumpRule: ExplanationRule = {
  cause: 'version-bump',
  description: 'The two artefacts are different versions of the project.',
  explain({ report }) {
    const left = report.package?.left.version
    const right = report.package?.right.version
    if (!left || !right || left === right) return []
    // Metadata files whose only differing field is Version are explained by the bump itself.
    const versionOnly = ['METADATA', 'PKG-INFO'].filter((source) => {
      const fields = report.package!.fields.filter((f) => f.source === source)
      return fields.length > 0 && fields.every((f) => f.field.toLowerCase() === 'version')
    })
    const members = report.members.filter((m) => m.status === 'modified' && versionOnly.some((source) => m.path.endsWith(source)))
    return [finding({
      cause: 'version-bump',
      title: `Different versions, ${left} against ${right}: content changes are expected`,
      members: members.map((m) => m.path),
      fields: [CONTENT],
      evidence: { left, right },
      remedy: 'Compare two builds of the same version to check reproducibility; across versions, review the content changes.',
    })]
  },
}
