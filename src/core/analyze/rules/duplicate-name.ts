/** duplicate-name (security): the same name twice in one archive; extractors disagree on which copy wins. */
import type { Side } from '../../types'
import { finding, listPaths, memberIndex, type ExplanationRule } from '../rule'

/** The names listed more than once, in the order of their first listing. */
export function duplicatedNames(paths: string[]): string[] {
  // Names in strictly ascending order (as most archives list them) are all distinct, without hashing any.
  let ascending = true
  for (let i = 1; i < paths.length && ascending; i++) ascending = paths[i - 1] < paths[i]
  if (ascending) return []
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const path of paths) {
    if (seen.has(path)) repeated.add(path)
    else seen.add(path)
  }
  if (repeated.size === 0) return []
  const duplicated: string[] = []
  for (const path of seen) if (repeated.has(path)) duplicated.push(path)
  return duplicated
}

export const duplicateNameRule: ExplanationRule = {
  cause: 'duplicate-name',
  security: true,
  description: 'A member name occurs more than once in one archive.',
  explain(context) {
    const index = memberIndex(context)
    const left = duplicatedNames(index.sidePaths('left'))
    // The two sides usually list the same names, which repeat the same ones.
    const right = index.sameNames() ? left.slice() : duplicatedNames(index.sidePaths('right'))
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const duplicated = side === 'left' ? left : right
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
