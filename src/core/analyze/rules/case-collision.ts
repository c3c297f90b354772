/**
 * case-collision (security): names in one archive that differ only in letter case or Unicode normalisation
 * (NFC against NFD). On case-insensitive or normalising file systems (Windows, macOS) one silently replaces
 * the other on extraction. Both are shown, never merged.
 */
import type { Side } from '../../types'
import { finding, listPaths, type ExplanationRule } from '../rule'

function collisions(paths: string[]): string[][] {
  const groups = new Map<string, Set<string>>()
  for (const path of paths) {
    const key = path.normalize('NFC').toLowerCase()
    groups.set(key, (groups.get(key) ?? new Set()).add(path))
  }
  return [...groups.values()].filter((group) => group.size > 1).map((group) => [...group])
}

export const caseCollisionRule: ExplanationRule = {
  cause: 'case-collision',
  security: true,
  description: 'Names in one archive that differ only in case or Unicode normalisation.',
  explain({ report }) {
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const paths = report.members.map((m) => (side === 'left' ? m.leftPath : m.rightPath)).filter((p): p is string => p !== null)
      const groups = collisions(paths)
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
