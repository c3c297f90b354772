/**
 * special-file (security): members that an extractor running as root turns into something other than a
 * plain file or directory. Read from the tar typeflag (POSIX ustar: '3' character device, '4' block
 * device, '6' FIFO) and from the Unix mode's S_IFMT bits, which tar and Unix-made zips both carry
 * (POSIX <sys/stat.h>: S_IFIFO 0010000, S_IFCHR 0020000, S_IFBLK 0060000, S_IFSOCK 0140000), and the
 * permission bits S_ISUID 04000, S_ISGID 02000, S_ISVTX 01000 and S_IWOTH 0002. Symlinks are skipped (their
 * mode is always 0777 and never applied); on a directory only world-write counts (setgid and sticky
 * directories are ordinary: /tmp is 01777, shared group directories 02775). Python's tarfile `data`
 * filter (PEP 706) refuses devices and FIFOs and strips these bits for the same reasons.
 */
import type { MemberComparison, MemberSideReport, Side } from '../../types'
import { sidesOf } from '../member-anomalies'
import { finding, listPaths, plural, type ExplanationRule } from '../rule'

const S_IFMT = 0o170000
const FILE_TYPES: Record<number, SpecialKind> = { 0o010000: 'fifo', 0o020000: 'character-device', 0o060000: 'block-device', 0o140000: 'socket' }
const TYPEFLAGS: Record<string, SpecialKind> = { '3': 'character-device', '4': 'block-device', '6': 'fifo' }
const MODE_BITS: [number, SpecialKind][] = [[0o4000, 'setuid'], [0o2000, 'setgid'], [0o1000, 'sticky'], [0o0002, 'world-writable']]

/** Every permission bit MODE_BITS names. */
const SPECIAL_BITS = 0o7002

type SpecialKind = 'character-device' | 'block-device' | 'fifo' | 'socket' | 'setuid' | 'setgid' | 'sticky' | 'world-writable'

/** What each kind is and why it matters, in the words the evidence carries. */
function why(kind: SpecialKind, own: MemberSideReport): string {
  const devices = typeof own.devices === 'string' ? ` ${own.devices}` : ''
  switch (kind) {
    case 'character-device': return `a character device${devices}: extracted as root it becomes a device node, such as one giving raw access to memory or a terminal`
    case 'block-device': return `a block device${devices}: extracted as root it becomes a device node giving raw access to a disk`
    case 'fifo': return 'a FIFO (named pipe): a tool that opens it as a file blocks until something writes to it'
    case 'socket': return 'a socket: no archiver can store one, so the mode was written by hand'
    case 'setuid': return 'setuid (04000): it runs as its owner; extracted by root with modes kept (tar -p, the default for root), anyone can run it as root'
    case 'setgid': return "setgid (02000): it runs with its group's rights; extracted by root with modes kept, anyone gets that group"
    case 'sticky': return 'sticky (01000) on a file: no meaning for files on Linux, a sign the mode was crafted'
    case 'world-writable': return 'world-writable (0002): after extraction any local user can change it'
  }
}

/** The special kinds of one side of a member: its file type first, then its permission bits. */
export function specialKinds(own: MemberSideReport): SpecialKind[] {
  if (own.type === 'symlink') return []
  const kinds: SpecialKind[] = []
  const fromTypeflag = typeof own.typeflag === 'string' ? TYPEFLAGS[own.typeflag] : undefined
  if (fromTypeflag) kinds.push(fromTypeflag)
  const mode = typeof own.mode === 'number' ? own.mode : null
  if (mode === null) return kinds
  const fromMode = FILE_TYPES[mode & S_IFMT]
  if (fromMode && !kinds.includes(fromMode)) kinds.push(fromMode)
  for (const [bit, kind] of MODE_BITS) {
    if ((mode & bit) === 0) continue
    if (own.type === 'dir' && kind !== 'world-writable') continue
    kinds.push(kind)
  }
  return kinds
}

/** True when specialKinds gives nothing, told without building its list: most members are plain files. */
function isPlain(own: MemberSideReport): boolean {
  if (typeof own.typeflag === 'string' && TYPEFLAGS[own.typeflag] !== undefined) return false
  const mode = own.mode
  return typeof mode !== 'number' || (FILE_TYPES[mode & S_IFMT] === undefined && (mode & SPECIAL_BITS) === 0)
}

interface SpecialEntry {
  member: MemberComparison
  side: Side
  path: string
  index: number
  offset: number
  kinds: SpecialKind[]
  mode: string | null
  typeflag?: string
  why: string[]
}

function specialEntries(members: MemberComparison[]): SpecialEntry[] {
  const entries: SpecialEntry[] = []
  for (const side of ['left', 'right'] as Side[]) {
    for (const member of members) {
      const own = side === 'left' ? member.left : member.right
      if (!own || isPlain(own)) continue
      const kinds = specialKinds(own)
      if (kinds.length === 0) continue
      entries.push({
        member, side, kinds,
        path: (side === 'left' ? member.leftPath : member.rightPath) ?? member.path,
        index: own.index,
        offset: own.offset,
        mode: typeof own.mode === 'number' ? `0${own.mode.toString(8)}` : null,
        ...(typeof own.typeflag === 'string' ? { typeflag: own.typeflag } : {}),
        why: kinds.map((kind) => why(kind, own)),
      })
    }
  }
  // In archive order within each side (the report lists members by pairing key).
  return entries.sort((a, b) => (a.side === b.side ? a.index - b.index : a.side === 'left' ? -1 : 1))
}

export const specialFileRule: ExplanationRule = {
  cause: 'special-file',
  security: true,
  description: 'Devices, FIFOs, sockets, and setuid, setgid, sticky or world-writable members.',
  explain({ report }) {
    const entries = specialEntries(report.members)
    if (entries.length === 0) return []
    // Each member once in the title (both sides usually carry it), every side in the evidence.
    const named = new Map<string, string>()
    for (const entry of entries) if (!named.has(entry.path)) named.set(entry.path, `${entry.path} (${entry.kinds.join(', ').replace(/-/g, ' ')})`)
    return [finding({
      cause: 'special-file',
      severity: 'security',
      title: `${plural(named.size, 'special file or mode', 'special files or modes')} in ${sidesOf(entries)}: ${listPaths([...named.values()])}`,
      members: [...new Set(entries.map((entry) => entry.member.path))],
      evidence: { members: entries.map(({ member: _member, ...entry }) => entry) },
      remedy: "Extract as an unprivileged user, or with a filter that refuses special files and drops these bits (Python tarfile filter='data', GNU tar --no-same-permissions). A package has no reason to ship devices, FIFOs or setuid files.",
    })]
  },
}
