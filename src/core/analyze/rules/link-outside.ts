/**
 * link-outside (security): a symlink or hard link whose target leaves the archive (absolute, or too many
 * `..`). Extracting it can make later members write elsewhere. Targets are shown as text, never followed.
 */
import type { MemberComparison, Side } from '../../types'
import { finding, listPaths, type ExplanationRule } from '../rule'

/** Where a link points, resolved lexically from the archive root; null when it leaves the archive. */
export function resolveInside(linkPath: string, target: string, type: 'symlink' | 'hardlink'): string | null {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\\')) return null
  // A symlink is relative to its own directory; a hard link names a member from the archive root.
  const base = type === 'symlink' ? linkPath.split('/').slice(0, -1) : []
  const parts = [...base.filter((part) => part !== ''), ...target.split('/')]
  const resolved: string[] = []
  for (const part of parts) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (resolved.length === 0) return null
      resolved.pop()
    } else resolved.push(part)
  }
  return resolved.join('/')
}

function outsideLinks(members: MemberComparison[], side: Side): { path: string; target: string }[] {
  return members.flatMap((member) => {
    const own = member[side]
    const path = side === 'left' ? member.leftPath : member.rightPath
    if (!own || !path || (own.type !== 'symlink' && own.type !== 'hardlink') || own.linkTarget === undefined) return []
    return resolveInside(path, own.linkTarget, own.type) === null ? [{ path, target: own.linkTarget }] : []
  })
}

export const linkOutsideRule: ExplanationRule = {
  cause: 'link-outside',
  security: true,
  description: 'Symlinks or hard links whose target leaves the archive.',
  explain({ report }) {
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const links = outsideLinks(report.members, side)
      if (links.length === 0) return []
      return [finding({
        cause: 'link-outside',
        severity: 'security',
        title: `In the ${side} archive, ${links.length === 1 ? 'a link points' : `${links.length} links point`} outside the archive: ${listPaths(links.map((l) => `${l.path} → ${l.target}`), 2)}`,
        members: links.map((l) => l.path),
        evidence: { side, links },
        remedy: 'Do not extract with a tool that follows links. Packages have no reason to link outside themselves.',
      })]
    })
  },
}
