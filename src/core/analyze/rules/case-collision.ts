/**
 * case-collision (security): names in one archive that differ only in letter case or Unicode normalisation
 * (NFC against NFD). On case-insensitive or normalising file systems (Windows, macOS) one silently replaces
 * the other on extraction. Both are shown, never merged.
 */
import type { Side } from '../../types'
import { finding, listPaths, memberIndex, type ExplanationRule } from '../rule'

const fold = (path: string) => path.normalize('NFC').toLowerCase()

/**
 * The groups of distinct names that fold to one key, each in first-seen order. Two distinct names that are their
 * own key cannot collide, so a group needs a name that folds to something else: those are gathered first, the
 * keys that turn out to hold two names found, and only the names with such a key grouped in order.
 */
export function collisions(paths: string[]): string[][] {
  const keys = paths.map(fold)
  const folded = new Map<string, string | Set<string>>()
  for (let i = 0; i < paths.length; i++) {
    if (keys[i] === paths[i]) continue
    const group = folded.get(keys[i])
    if (group === undefined) folded.set(keys[i], paths[i])
    else if (typeof group !== 'string') group.add(paths[i])
    else if (group !== paths[i]) folded.set(keys[i], new Set([group, paths[i]]))
  }
  const colliding = new Set<string>()
  for (const [key, group] of folded) if (typeof group !== 'string') colliding.add(key)
  // A name that is its own key is distinct from every name folding to it.
  for (let i = 0; i < paths.length; i++) if (keys[i] === paths[i] && folded.has(paths[i])) colliding.add(paths[i])
  if (colliding.size === 0) return []
  const groups = new Map<string, Set<string>>()
  for (let i = 0; i < paths.length; i++) {
    if (!colliding.has(keys[i])) continue
    const group = groups.get(keys[i])
    if (group) group.add(paths[i])
    else groups.set(keys[i], new Set([paths[i]]))
  }
  return [...groups.values()].map((group) => [...group])
}

export const caseCollisionRule: ExplanationRule = {
  cause: 'case-collision',
  security: true,
  description: 'Names in one archive that differ only in case or Unicode normalisation.',
  explain(context) {
    const index = memberIndex(context)
    const left = collisions(index.sidePaths('left'))
    // The two sides usually list the same names, which give the same groups.
    const right = index.sameNames() ? left.map((group) => group.slice()) : collisions(index.sidePaths('right'))
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const groups = side === 'left' ? left : right
      if (groups.length === 0) return []
      return [finding({
        cause: 'case-collision',
        severity: 'security',
        title: `In the ${side} archive, names collide on case-insensitive or normalising file systems: ${groups.slice(0, 3).map((g) => listPaths(g, 2)).join('; ')}`,
        members: groups.flat(),
        evidence: { side, groups },
        remedy: 'Rename the members so no two differ only in case or normalisation; on Windows and macOS one of them would silently replace the other.',
      })]
    })
  },
}
