/** ownership: tar uid, gid, uname or gname differ: the builder's account is recorded in the sdist (formats.md C.6). */
import type { MemberComparison, Side } from '../../types'
import { finding, memberIndex, plural, sideValue, verb, type ExplanationRule } from '../rule'

const OWNER_FIELDS = ['uid', 'gid', 'uname', 'gname']

function owner(member: MemberComparison, side: Side): string {
  const value = (field: string) => sideValue(member, side, field)
  return `${value('uname') || '(no name)'}(${value('uid')}):${value('gname') || '(no name)'}(${value('gid')})`
}

export const ownershipRule: ExplanationRule = {
  cause: 'ownership',
  description: 'Tar owner fields (uid, gid, uname, gname) differ.',
  explain(context) {
    const members = memberIndex(context).withChange(...OWNER_FIELDS).filter((member) => member.left && member.right)
    if (members.length === 0) return []
    const leftOwners = [...new Set(members.map((member) => owner(member, 'left')))]
    const rightOwners = [...new Set(members.map((member) => owner(member, 'right')))]
    return [finding({
      cause: 'ownership',
      title: `${plural(members.length, 'member')} ${verb(members.length, 'record')} another owner: ${leftOwners.slice(0, 2).join(', ')} on the left, ${rightOwners.slice(0, 2).join(', ')} on the right`,
      members: members.map((member) => member.path),
      fields: OWNER_FIELDS,
      evidence: { left: leftOwners, right: rightOwners },
      remedy: 'Write owners as root/0 or empty: tar --owner=0 --group=0 --numeric-owner, or a backend that normalises them (hatchling, flit, maturin).',
    })]
  },
}
