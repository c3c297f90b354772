/**
 * renamed: a member that is only on the left and one that is only on the right, linked by the comparison
 * (`renamedTo` / `renamedFrom`, compare-artifacts.ts) because they have the same non-empty SHA-256, or because
 * their names are equal in Unicode NFC (an sdist built on macOS stores NFD names). Not an excuse: a renamed or
 * moved module changes what is installed and how it is imported, so the verdict stays content-differs; the
 * finding only says the addition and the removal are one change.
 */
import type { Finding, MemberComparison } from '../../types'
import { CONTENT, finding, listPaths, memberIndex, plural, verb, type ExplanationRule } from '../rule'

interface Rename {
  from: MemberComparison
  to: MemberComparison
}

export const renamedRule: ExplanationRule = {
  cause: 'renamed',
  description: 'A member renamed with the same bytes, or whose name differs only in Unicode normalisation.',
  explain(context) {
    const index = memberIndex(context)
    const renames: Rename[] = []
    for (const from of index.withStatus('left-only')) {
      // The path map is built only once a rename is found (most reports have none).
      const to = from.renamedTo !== undefined ? index.byPath().get(from.renamedTo) : undefined
      if (to) renames.push({ from, to })
    }
    const sameBytes = renames.filter(hasSameBytes)
    const otherBytes = renames.filter((rename) => !hasSameBytes(rename))
    return [...(sameBytes.length ? [sameBytesFinding(sameBytes)] : []), ...(otherBytes.length ? [normalisationFinding(otherBytes)] : [])]
  },
}

function hasSameBytes({ from, to }: Rename): boolean {
  return from.left?.sha256 != null && !from.left.unread && !to.right?.unread && from.left.sha256 === to.right?.sha256
}

const arrows = (renames: Rename[]) => listPaths(renames.map(({ from, to }) => `${from.path} → ${to.path}`))
const membersOf = (renames: Rename[]) => renames.flatMap(({ from, to }) => [from.path, to.path])

function sameBytesFinding(renames: Rename[]): Finding {
  const [{ from, to }] = renames
  const what = renames.length === 1
    ? `${from.path} was renamed to ${to.path} with the same bytes (SHA-256 ${from.left!.sha256})`
    : `${renames.length} members were renamed with the same bytes: ${arrows(renames)}`
  return finding({
    cause: 'renamed',
    title: `${what}; a renamed module changes what is installed`,
    members: membersOf(renames),
    // The removal and the addition are this one change: nothing else needs to explain them.
    fields: [CONTENT],
    evidence: { renames: renames.map(({ from, to }) => ({ left: from.path, right: to.path, sha256: from.left!.sha256, leftOffset: from.left!.offset, rightOffset: to.right!.offset })) },
    remedy: 'Check that the rename is intended: imports of the old name fail once this build is installed. If it is not, look at what decides the file names in the build (package layout, package_data, MANIFEST.in, the build backend\'s include settings).',
  })
}

/** NFC, NFD, or "mixed" for a name in neither form. */
function normalisationForm(path: string): string {
  return path === path.normalize('NFC') ? 'NFC' : path === path.normalize('NFD') ? 'NFD' : 'a mixed form'
}

function normalisationFinding(renames: Rename[]): Finding {
  const forms = (side: 'from' | 'to') => [...new Set(renames.map((rename) => normalisationForm(rename[side].path)))].join(' and ')
  const count = renames.length
  const allRead = renames.every(({ from, to }) => from.left?.sha256 != null && to.right?.sha256 != null && !from.left.unread && !to.right.unread)
  return finding({
    cause: 'renamed',
    title: `${plural(count, 'member name')} ${verb(count, 'differ')} only in Unicode normalisation (${forms('from')} on the left, ${forms('to')} on the right): ${arrows(renames)}; ${allRead ? 'the bytes differ too' : 'the bytes are not known to be the same (a side was not read)'}`,
    members: membersOf(renames),
    // Only the names are explained: the content change still needs its own cause.
    fields: [],
    evidence: {
      renames: renames.map(({ from, to }) => ({
        left: from.path, right: to.path, leftForm: normalisationForm(from.path), rightForm: normalisationForm(to.path),
        leftSha256: from.left!.sha256, rightSha256: to.right!.sha256, leftOffset: from.left!.offset, rightOffset: to.right!.offset,
      })),
    },
    remedy: 'Build both from file names in one normalisation form (macOS file systems return NFD; most tools and PyPI expect NFC): an installer writes each name as stored, so the two builds install different file names.',
  })
}
