/**
 * tool-version for binaries: an ELF `.comment` section (the compiler identification strings, one per tool
 * that wrote the object: "GCC: (Debian 12.2.0-14) 12.2.0") that differs means another compiler version built
 * it (formats.md C.14). The member's content counts as explained only when every other difference of its
 * structured comparison is accounted for too (analyze/binary-sections.ts): another compiler usually changes
 * the code as well, and a code difference stays with the content rule.
 */
import type { MemberComparison } from '../../types'
import { accountBinary, stringDifferences, type BinaryAccount } from '../binary-sections'
import { CONTENT, finding, listPaths, memberIndex, plural, verb, type ExplanationRule } from '../rule'

interface CommentEvidence {
  member: MemberComparison
  account: BinaryAccount
  comment: { left: string[]; right: string[] }
}

function titleOf(group: CommentEvidence[], explained: boolean): string {
  const { comment, account } = group[0]
  const head = `${plural(group.length, 'binary', 'binaries')} ${verb(group.length, 'name')} another compiler in .comment (${listPaths(group.map((f) => f.member.path), 2)}): ${comment.left.join('; ') || '(none)'} on the left, ${comment.right.join('; ') || '(none)'} on the right`
  return explained ? head : `${head}; not explained by it: ${account.unexplained.join(', ')}`
}

export const binaryCommentRule: ExplanationRule = {
  cause: 'tool-version',
  description: 'Differing ELF binaries whose .comment names another compiler version.',
  explain(context) {
    const found: CommentEvidence[] = []
    for (const member of memberIndex(context).withStatus('modified')) {
      if (!member.binary) continue
      const account = accountBinary(member.binary, stringDifferences(context, member))
      if (account?.comment) found.push({ member, account, comment: account.comment })
    }
    const explained = found.filter((f) => f.account.unexplained.length === 0)
    const partly = found.filter((f) => f.account.unexplained.length > 0)
    // Partly explained members one by one, each title naming what is left unexplained in it.
    const groups: [CommentEvidence[], boolean][] = [[explained, true], ...partly.map((f): [CommentEvidence[], boolean] => [[f], false])]
    return groups.filter(([group]) => group.length > 0).map(([group, isExplained]) => finding({
      cause: 'tool-version',
      title: titleOf(group, isExplained),
      members: group.map((f) => f.member.path),
      fields: isExplained ? [CONTENT] : [],
      evidence: { members: group.map((f) => ({ path: f.member.path, section: '.comment', left: f.comment.left, right: f.comment.right, unexplained: f.account.unexplained })) },
      remedy: 'Pin the compiler (the build image or toolchain version), e.g. build wheels in the same manylinux image.',
    }))
  },
}
