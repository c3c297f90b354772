/**
 * permissions: mode bits differ over equal bytes (formats.md C.5). Group/other write bits alone mean a
 * different umask (022 against 002 or 000); an exec bit comes from the checkout; a zip without a Unix
 * mode on one side was made on Windows.
 */
import type { MemberComparison } from '../../types'
import { finding, memberIndex, plural, sideValue, verb, type ExplanationRule } from '../rule'

const WRITE_GROUP_OTHER = 0o022
const EXEC_BITS = 0o111

type ModeChange = 'umask' | 'exec' | 'windows' | 'file-type' | 'other'

/**
 * True when both sides know the mode, and a side without a Unix mode knows its creator: a zip listed from its
 * local headers has neither (no external attributes, no "version made by"), which is unknown, not Windows.
 */
function modesKnown(member: MemberComparison): boolean {
  if (member.unknown?.includes('mode')) return false
  return (['left', 'right'] as const).every((side) => {
    const mode = sideValue(member, side, 'mode')
    return mode !== undefined && (mode !== null || sideValue(member, side, 'creatorSystem') !== undefined)
  })
}

function classify(member: MemberComparison): { change: ModeChange; umaskSide?: 'left' | 'right' } {
  const left = sideValue(member, 'left', 'mode')
  const right = sideValue(member, 'right', 'mode')
  if (left === null || right === null) return { change: 'windows' }
  const difference = (Number(left) ^ Number(right)) & 0o7777
  // Same permission bits, other file-type bits (S_IFMT): some zip writers leave the type out of the mode.
  if (difference === 0) return { change: 'file-type' }
  if ((difference & ~WRITE_GROUP_OTHER) === 0) return { change: 'umask', umaskSide: Number(left) & difference ? 'left' : 'right' }
  if (difference & EXEC_BITS) return { change: 'exec' }
  return { change: 'other' }
}

const WORDS: Record<ModeChange, string> = {
  umask: 'group/other write bits only (a different umask: 002 or 000 against 022)',
  exec: 'exec bits (taken from the checkout or the file system)',
  windows: 'no Unix mode on one side (a zip written on Windows)',
  'file-type': 'the file-type bits only (one writer leaves S_IFMT out of the mode)',
  other: 'other permission bits',
}

export const permissionsRule: ExplanationRule = {
  cause: 'permissions',
  description: 'Mode bits differ: umask, exec bit, or a Windows-made zip.',
  explain(context) {
    const members = memberIndex(context).withChange('mode').filter((member) => member.left && member.right && modesKnown(member))
    if (members.length === 0) return []
    const classes = members.map(classify)
    const counts = new Map<ModeChange, number>()
    for (const { change } of classes) counts.set(change, (counts.get(change) ?? 0) + 1)
    const umaskSides = new Set(classes.map((c) => c.umaskSide).filter(Boolean))
    const parts = [...counts].map(([change, count]) => `${count} in ${WORDS[change]}`)
    const wider = umaskSides.size === 1 ? `; the ${[...umaskSides][0]} side is group-writable` : ''
    return [finding({
      cause: 'permissions',
      title: `${plural(members.length, 'member')} ${verb(members.length, 'differ')} in permissions: ${parts.join(', ')}${wider}`,
      members: members.map((member) => member.path),
      fields: ['mode', 'creatorSystem', 'dosAttributes'],
      evidence: {
        classes: Object.fromEntries(counts),
        examples: members.slice(0, 3).map((member) => ({ path: member.path, left: sideValue(member, 'left', 'mode'), right: sideValue(member, 'right', 'mode') })),
      },
      remedy: 'Build under umask 022 and with a clean checkout, or let the backend normalise modes (flit and hatchling write 0644 for files and 0755 for executables).',
    })]
  },
}
