/** line-endings: text equal once CRLF becomes LF and a UTF-8 BOM is dropped (formats.md C.15). */
import type { MemberComparison } from '../../types'
import { CONTENT, evidenceOf, finding, plural, verb, type AnalysisContext, type ExplanationRule } from '../rule'

function endings(crlf: number, lf: number, bom: boolean): string {
  const style = crlf && lf ? 'mixed CRLF/LF' : crlf ? 'CRLF' : 'LF'
  return bom ? `${style} with a BOM` : style
}

function onlyLineEndings(context: AnalysisContext, member: MemberComparison): boolean {
  const left = evidenceOf(context, member, 'left')?.text
  const right = evidenceOf(context, member, 'right')?.text
  return Boolean(left && right && left.normalizedSha256 === right.normalizedSha256)
}

export const lineEndingsRule: ExplanationRule = {
  cause: 'line-endings',
  description: 'Text members differ only in CRLF against LF or a UTF-8 BOM.',
  explain(context) {
    const members = context.report.members.filter((member) => member.status === 'modified' && onlyLineEndings(context, member))
    if (members.length === 0) return []
    const first = members[0]
    const left = evidenceOf(context, first, 'left')!.text!
    const right = evidenceOf(context, first, 'right')!.text!
    return [finding({
      cause: 'line-endings',
      title: `${plural(members.length, 'text member')} ${verb(members.length, 'differ')} only in line endings or BOM: ${endings(left.crlf, left.lf, left.bom)} on the left, ${endings(right.crlf, right.lf, right.bom)} on the right`,
      members: members.map((member) => member.path),
      fields: [CONTENT],
      evidence: { left, right },
      remedy: 'Check the sources out with the same line-ending settings (git config core.autocrlf false, or a .gitattributes with eol=lf).',
    })]
  },
}
