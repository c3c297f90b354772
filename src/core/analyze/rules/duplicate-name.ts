/** duplicate-name (security): the same name twice in one archive; extractors disagree on which copy wins. */
import type { Side } from '../../types'
import { finding, listPaths, type ExplanationRule } from '../rule'

export const duplicateNameRule: ExplanationRule = {
  cause: 'duplicate-name',
  security: true,
  description: 'A member name occurs more than once in one archive.',
  explain({ report }) {
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const counts = new Map<string, number>()
      for (const member of report.members) {
        const path = side === 'left' ? member.leftPath : member.rightPath
        if (path !== null) counts.set(path, (counts.get(path) ?? 0) + 1)
      }
      const duplicated = [...counts].filter(([, count]) => count > 1).map(([path]) => path)
      if (duplicated.length === 0) return []
      return [finding({
        cause: 'duplicate-name',
        severity: 'security',
        title: `The ${side} archive holds the same name more than once: ${listPaths(duplicated)}; each copy is shown (as name#2, …)`,
        members: duplicated,
        evidence: { side, names: duplicated },
        remedy: 'Treat the archive as suspicious: which copy an installer or unzip tool uses differs between tools.',
      })]
    })
  },
}
