/** line-endings: text equal once CRLF becomes LF and a UTF-8 BOM is dropped (formats.md C.15). */
import type { MemberComparison } from '../../types'
import { CONTENT, evidenceOf, finding, memberIndex, plural, verb, type AnalysisContext, type ExplanationRule } from '../rule'

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
    const members = memberIndex(context).withStatus('modified').filter((member) => onlyLineEndings(context, member))
    if (members.length === 0) return []
    // Each member is described by its own endings; equal descriptions are counted together.
    const styles = new Map<string, number>()
    const examples = members.map((member) => {
      const left = evidenceOf(context, member, 'left')!.text!
      const right = evidenceOf(context, member, 'right')!.text!
      const words = `${endings(left.crlf, left.lf, left.bom)} on the left, ${endings(right.crlf, right.lf, right.bom)} on the right`
      styles.set(words, (styles.get(words) ?? 0) + 1)
      return { path: member.path, left, right }
    })
    const described = [...styles].map(([words, count]) => (styles.size > 1 ? `${count}: ${words}` : words)).join('; ')
    return [finding({
      cause: 'line-endings',
      title: `${plural(members.length, 'text member')} ${verb(members.length, 'differ')} only in line endings or BOM: ${described}`,
      members: members.map((member) => member.path),
      fields: [CONTENT],
      evidence: { members: examples.slice(0, 10) },
      remedy: 'Check the sources out with the same line-ending settings (git config core.autocrlf false, or a .gitattributes with eol=lf).',
    })]
  },
}
